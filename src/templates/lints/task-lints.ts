/**
 * Task files (`operator: KubernetesPodOperator` …). Their schema (schemas/task.schema.json) comes from the operator
 * parameter tables in src/operators; until it exists these structural checks stand in (KT2007), plus KT3007.
 */
import { checkTaskConstruction, parseTaskFile } from '../../operators/index.js';
import { overlapsMask } from '../jinja-mask.js';
import { at, getIn, isRecord, type Lint } from './lint-context.js';
import { rawDiagnostic, type RawDiagnostic } from '../template-diagnostic.js';
import { findClosest } from '../did-you-mean.js';

export const knownOperators = [
  'KubernetesPodOperator', 'KubernetesJobOperator', 'KubernetesDeleteJobOperator', 'KubernetesPatchJobOperator',
  'SparkKubernetesOperator', 'KubernetesStartKueueJobOperator', 'KubernetesInstallKueueOperator',
] as const;

/**
 * KT2007, used only when schemas/task.schema.json is missing (the renderer generates it): a task file must be a
 * mapping whose `operator` is one KubeTasks renders.
 */
export const lintTaskStructure: Lint = (ctx) => {
  if (ctx.kind !== 'task') return [];
  if (!isRecord(ctx.value)) {
    return [rawDiagnostic('error', 'KT2007', 'a task file must be a mapping with an operator: key', at(ctx, []).value)];
  }
  const operator = ctx.value.operator;
  if (typeof operator === 'string' && (knownOperators as readonly string[]).includes(operator)) return [];
  const location = at(ctx, ['operator']);
  const suggestion = typeof operator === 'string' ? findClosest(operator, knownOperators) : undefined;
  const range = location.complete ? location.value : (location.key ?? location.value);
  return [rawDiagnostic('error', 'KT2007', operator === undefined ? 'missing operator: (one of ' +
    `${knownOperators.join(', ')})` : `unknown operator ${JSON.stringify(operator)}` +
    (suggestion ? `; did you mean "${suggestion}"?` : ` (expected one of ${knownOperators.join(', ')})`), range,
  suggestion ? [{ title: `Change to ${suggestion}`, preferred: true,
    edits: [{ startOffset: range[0], endOffset: range[1], newText: suggestion }] }] : undefined)];
};

/** KT3007 (a hint): do_xcom_push reads /airflow/xcom/return.json, written by the container itself. */
export const lintXcomExpectation: Lint = (ctx) => {
  if (ctx.kind !== 'task' || getIn(ctx.value, ['do_xcom_push']) !== true) return [];
  if (ctx.text.includes('/airflow/xcom/return.json')) return [];
  const location = at(ctx, ['do_xcom_push']);
  const diagnostic: RawDiagnostic = rawDiagnostic('info', 'KT3007', 'do_xcom_push is true, but nothing here writes ' +
    '/airflow/xcom/return.json; unless the image writes JSON there, the XCom result is None (the sidecar reports an ' +
    'empty result)', location.key ?? location.value);
  return [diagnostic];
};

/** Offsets of each line start, to turn the task parser's 1-based line:column back into offsets. */
function lineStarts(text: string): number[] {
  const starts = [0];
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  return starts;
}

/**
 * KT3017: a value the operator's constructor refuses (`on_finish_action: delete_everything`, `pool_slots: 0`,
 * `trigger_rule: sometimes`, a Secret without deploy_target, `suspend: false` for Kueue…): Airflow raises when it
 * parses the DAG, so the task never runs. The renderer's own constructor emulation decides, so `validate` and
 * `render` refuse the same files with the same words.
 */
export const lintTaskConstruction: Lint = (ctx) => {
  if (ctx.kind !== 'task' || !isRecord(ctx.value)) return [];
  const parsed = parseTaskFile(ctx.text, 'task.yaml');
  if (!parsed.ok) return []; // structural problems are the schema's (KT2xxx)
  const starts = lineStarts(ctx.text);
  const offset = (p: { line: number; column: number }): number => (starts[p.line - 1] ?? 0) + p.column - 1;
  const out: RawDiagnostic[] = [];
  for (const problem of parsed.value.tasks.flatMap((task) => checkTaskConstruction(task))) {
    const range: [number, number] = problem.start && problem.end ? [offset(problem.start), offset(problem.end)] : [0, 0];
    if (!overlapsMask(ctx.masked, range[0], range[1])) out.push(rawDiagnostic('error', problem.code, problem.message, range));
  }
  return out;
};

export const taskLints: readonly Lint[] = [lintXcomExpectation, lintTaskConstruction];
