/**
 * The hover on an operator call: a short Markdown summary of what the call renders to (name, namespace, image,
 * containers, volumes, the XCom sidecar) plus what the static scan could not evaluate. The manifest is the
 * renderer's output for the call: a Pod, a Job, a SparkApplication, or a plan `{action, method, path}`.
 */
import type { DagTask } from './scan-dag.js';

type Json = Record<string, unknown>;

function asRecord(value: unknown): Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Json) : {};
}

function asList(value: unknown): Json[] {
  return Array.isArray(value) ? value.map(asRecord) : [];
}

/** Airflow's XCom sidecar container name (airflow/providers/cncf/kubernetes/utils/xcom_sidecar.py). */
const XCOM_SIDECAR = 'airflow-xcom-sidecar';

/** The pod spec inside a Pod, a Job (spec.template.spec) or nothing. */
function podSpecOf(manifest: Json): Json | undefined {
  if (manifest['kind'] === 'Pod') return asRecord(manifest['spec']);
  if (manifest['kind'] === 'Job') return asRecord(asRecord(asRecord(manifest['spec'])['template'])['spec']);
  return undefined;
}

function code(text: unknown): string {
  return `\`${String(text).replace(/`/g, "'")}\``;
}

function podLines(spec: Json): string[] {
  const containers = asList(spec['containers']);
  const main = containers.find((c) => c['name'] !== XCOM_SIDECAR);
  const lines = [`- image: ${main?.['image'] === undefined ? '(none)' : code(main['image'])}`];
  const names = containers.map((c) => `${code(c['name'])}${c['image'] ? ` (${String(c['image'])})` : ''}`);
  lines.push(`- containers: ${names.join(', ') || '(none)'}`);
  const init = asList(spec['initContainers']).map((c) => code(c['name']));
  if (init.length > 0) lines.push(`- init containers: ${init.join(', ')}`);
  const volumes = asList(spec['volumes']).map((v) => code(v['name']));
  lines.push(`- volumes: ${volumes.join(', ') || '(none)'}`);
  lines.push(`- XCom sidecar: ${containers.some((c) => c['name'] === XCOM_SIDECAR) ? 'yes' : 'no'}`);
  return lines;
}

function manifestLines(manifest: Json): string[] {
  if (typeof manifest['method'] === 'string') {
    return [`- plan: ${code(`${String(manifest['method'])} ${String(manifest['path'] ?? '')}`)}`];
  }
  const metadata = asRecord(manifest['metadata']);
  const lines = [
    `- ${String(manifest['kind'] ?? 'object')}: ${code(metadata['name'] ?? '(no name)')}`,
    `- namespace: ${code(metadata['namespace'] ?? 'default')}`,
  ];
  const spec = podSpecOf(manifest);
  if (spec) return [...lines, ...podLines(spec)];
  const sparkSpec = asRecord(manifest['spec']);
  if (sparkSpec['image'] !== undefined) lines.push(`- image: ${code(sparkSpec['image'])}`);
  return lines;
}

export interface HoverInput {
  task: DagTask;
  /** The rendered object (API body or plan), when the render succeeded. */
  manifest?: unknown;
  /** The renderer's error lines, when it failed. */
  errors?: readonly string[];
}

/** Markdown for the hover. */
export function summarizeDagTask({ task, manifest, errors }: HoverInput): string {
  const title = `**${task.operator}** ${code(task.taskId ?? '(task_id not known statically)')}${task.dagId ? ` in DAG ${code(task.dagId)}` : ''}`;
  const lines = [title, ''];
  if (manifest !== undefined) lines.push(...manifestLines(asRecord(manifest)));
  for (const error of errors ?? []) lines.push(`- ⚠ ${error}`);
  if (task.upstream.length > 0) lines.push(`- upstream: ${task.upstream.map(code).join(', ')}`);
  if (task.downstream.length > 0) lines.push(`- downstream: ${task.downstream.map(code).join(', ')}`);
  for (const note of task.unevaluated) lines.push(`- not evaluated: ${code(note.name)}: ${note.reason}`);
  return lines.join('\n');
}
