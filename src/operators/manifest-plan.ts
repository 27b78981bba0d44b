/**
 * Install Kueue (issue 13): the objects of a multi-document release manifest (Kueue's `manifests.yaml`, what
 * `KubernetesInstallKueueOperator.execute` downloads and hands to `k8s_hook.apply_from_yaml_file`), in the order
 * they are created, for the plan shown before anything is created. Namespaces and CRDs go first, as kustomize
 * orders them, so the objects placed in them can be created. Pure: the caller fetches the text.
 */
import { parseAllDocuments } from 'yaml';
import { fail, ok, toPosition, type Problem, type Result } from '../common/index.js';

export interface ManifestObject {
  apiVersion: string;
  kind: string;
  name: string;
  /** As written in the manifest; a namespaced object without one goes to the context's namespace. */
  namespace?: string;
  /** The object as written (JSON-ready). */
  body: Record<string, unknown>;
}

export interface ManifestPlan {
  objects: ManifestObject[];
  /** The Deployments to wait for (`Available`): Kueue's controller manager. */
  deployments: { namespace?: string; name: string }[];
}

/** Kinds created before everything else, in this order. */
const firstKinds = ['Namespace', 'CustomResourceDefinition'];

function rank(kind: string): number {
  const index = firstKinds.indexOf(kind);
  return index < 0 ? firstKinds.length : index;
}

function problemAt(text: string, offset: number, message: string): Problem {
  const start = toPosition(text, offset);
  return { severity: 'error', code: 'KT5020', message, start, end: start };
}

function toObject(value: unknown): ManifestObject | string {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return 'a document is not a mapping (a Kubernetes object)';
  const body = value as Record<string, unknown>;
  const metadata = (body['metadata'] ?? {}) as Record<string, unknown>;
  const { apiVersion, kind } = body;
  const name = metadata['name'];
  if (typeof apiVersion !== 'string' || typeof kind !== 'string' || typeof name !== 'string' || !apiVersion || !kind || !name) {
    return 'an object without apiVersion, kind or metadata.name';
  }
  const namespace = typeof metadata['namespace'] === 'string' && metadata['namespace'] !== '' ? metadata['namespace'] : undefined;
  return { apiVersion, kind, name, ...(namespace ? { namespace } : {}), body };
}

/** Parses a manifest (empty documents and `List` wrappers skipped, as kubectl does) into the install plan. */
export function planManifest(text: string): Result<ManifestPlan> {
  const objects: ManifestObject[] = [];
  const problems: Problem[] = [];
  for (const doc of parseAllDocuments(text, { uniqueKeys: false })) {
    const offset = doc.contents?.range?.[0] ?? doc.range[0];
    const error = doc.errors[0];
    if (error) {
      problems.push(problemAt(text, error.pos[0], `YAML error in the manifest: ${error.message.split('\n')[0] ?? ''}`));
      continue;
    }
    const value = doc.toJS({ maxAliasCount: 100 }) as unknown;
    if (value === null || value === undefined) continue;
    const items = (value as { kind?: unknown; items?: unknown }).kind === 'List' && Array.isArray((value as { items?: unknown }).items)
      ? ((value as { items: unknown[] }).items) : [value];
    for (const item of items) {
      const object = toObject(item);
      if (typeof object === 'string') problems.push(problemAt(text, offset, object));
      else objects.push(object);
    }
  }
  if (problems.length > 0) return fail(...problems);
  if (objects.length === 0) return fail({ severity: 'error', code: 'KT5020', message: 'the manifest holds no object' });
  const ordered = objects.map((o, i) => ({ o, i })).sort((a, b) => rank(a.o.kind) - rank(b.o.kind) || a.i - b.i).map(({ o }) => o);
  const deployments = ordered.filter((o) => o.kind === 'Deployment' && o.apiVersion === 'apps/v1')
    .map((o) => ({ name: o.name, ...(o.namespace ? { namespace: o.namespace } : {}) }));
  return ok({ objects: ordered, deployments });
}

/** One plan line per object: `create CustomResourceDefinition workloads.kueue.x-k8s.io`. */
export function formatPlanLine(object: ManifestObject): string {
  return `${object.kind} ${object.namespace ? `${object.namespace}/` : ''}${object.name}`;
}
