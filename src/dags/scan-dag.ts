/**
 * The entry point: scan a DAG file's text for Kubernetes operator calls and evaluate their arguments statically.
 * The parser is created by the edge (it holds the grammar wasm); this module only walks the tree it returns.
 */
import type { Node, Tree } from 'web-tree-sitter';
import type { Position, Problem } from '../common/index.js';
import { evaluate, type Env } from './evaluate-expression.js';
import { executeBlock } from './execute-statements.js';
import type { OperatorKind } from './operator-classes.js';
import { operatorClassNames, toOperatorClass } from './operator-classes.js';
import type { ClassTemplateFields } from './class-template-fields.js';
import type { PyValue } from './py-value.js';
import { createScanState, createScope, type ArgumentSite, type FoundTask, type ScanState, type Scope } from './scan-state.js';

/** The task-file mark of a plain dict given where a model is also accepted. */
export const DICT_MARKER = '$dict';
import { toTaskValue, type TaskIdOf } from './to-task-value.js';

/** What parses Python for the scanner; `createPythonParser` builds one from the grammar bytes. */
export interface PythonParser {
  parse(text: string): Tree | null;
}

export interface SourceRange {
  start: Position;
  end: Position;
}

/** A keyword argument (or the call itself) that could not be evaluated statically. */
export interface UnevaluatedArgument {
  /** The keyword argument's name; `**kwargs` for an unknown splat; the class name for a whole-call note. */
  name: string;
  line: number;
  column: number;
  reason: string;
}

/** One Kubernetes operator call found in a DAG file. */
export interface DagTask {
  /** Undefined when the task_id itself cannot be evaluated statically. */
  taskId: string | undefined;
  dagId: string | undefined;
  /** The class as written (`KubernetesPodOperator`, `GKEStartPodOperator`, an alias's target class). */
  operator: string;
  /** The operator it renders as. */
  kind: OperatorKind;
  /** The call, from the class name to the closing parenthesis. */
  range: SourceRange;
  /**
   * Explicit keyword arguments that evaluated, in the task-file encoding; plain dicts are marked `{"$dict": …}`
   * at parameter and list-item level until `toTaskParams` resolves the marks against the operator's parameters.
   */
  params: Record<string, unknown>;
  /** `default_args` entries (DAG, task groups, the call), encoded; the operator takes those it accepts. */
  defaultArgs: Record<string, unknown>;
  /** `default_args` entries that could not be encoded; they matter only if the operator accepts them. */
  defaultArgNotes: UnevaluatedArgument[];
  /** Where each explicit keyword argument is, `name=value` included. */
  argRanges: Record<string, SourceRange>;
  unevaluated: UnevaluatedArgument[];
  /** Keyword arguments of managed-cluster variants (GKE/EKS) that choose the cluster and are not rendered. */
  variantParams: string[];
  upstream: string[];
  downstream: string[];
  /** False when the call is in code the scan could not follow (a never-called function, an unknown `if`). */
  reached: boolean;
  /** A subclass's `template_fields` (issue 17); absent for the operator's own. */
  templateFields?: ClassTemplateFields;
  /** `render_template_as_native_obj=True` on the task's DAG. */
  nativeTemplates?: boolean;
  /** The DAG's `params=` values, encoded (issue 17). */
  dagParams?: Record<string, unknown>;
}

export interface DagScan {
  tasks: DagTask[];
  /** Errors Python would raise when importing the file (bad model arguments, syntax errors). */
  problems: Problem[];
}

export function toRange(node: Node): SourceRange {
  return {
    start: { line: node.startPosition.row + 1, column: node.startPosition.column + 1 },
    end: { line: node.endPosition.row + 1, column: node.endPosition.column + 1 },
  };
}

/** Scans one DAG file. Never throws for bad input: syntax errors become problems and the rest is still scanned. */
/** Options of a scan. */
export interface ScanOptions {
  /** The DAG file's absolute path: the value of `__file__` (issue 17: template paths built from it). */
  file?: string;
}

export function scanDag(parser: PythonParser, text: string, options: ScanOptions = {}): DagScan {
  const tree = parser.parse(text);
  if (!tree) return { tasks: [], problems: [{ severity: 'error', code: 'KT1701', message: 'the Python parser gave no tree' }] };
  try {
    const state = createScanState();
    const moduleScope = createScope();
    if (options.file) moduleScope.vars.set('__file__', { kind: 'str', value: options.file });
    executeBlock(tree.rootNode, { state, scope: moduleScope });
    const reachedCount = state.tasks.length;
    if (mayHaveUnreachedCalls(text, state, moduleScope)) findUnreachedCalls(tree.rootNode, { state, scope: moduleScope });
    const problems = [...syntaxProblems(tree.rootNode), ...state.problems];
    return { tasks: toDagTasks(state, reachedCount), problems };
  } finally {
    tree.delete();
  }
}

function syntaxProblems(root: Node): Problem[] {
  if (!root.hasError) return [];
  const errors = root.descendantsOfType(['ERROR', 'MISSING']).filter((n): n is Node => n !== null).slice(0, 10);
  const nodes = errors.length > 0 ? errors : [root];
  return nodes.map((node) => ({
    severity: 'error' as const,
    code: 'KT1701',
    message: node.isMissing ? `Python syntax error: missing ${node.type}` : 'Python syntax error',
    ...toRange(node),
  }));
}

/**
 * Operator calls the walk did not reach (inside never-called functions, unknown `if` branches, `while` loops) are
 * evaluated on their own with the module's names, so none is dropped; each carries the reason it was not reached.
 */
function findUnreachedCalls(root: Node, env: Env): void {
  for (const call of root.descendantsOfType('call')) {
    if (!call || env.state.evaluatedCalls.has(call.id)) continue;
    const callee = call.childForFieldName('function');
    const value = callee ? evaluate(callee, env) : undefined;
    const qualified = value?.kind === 'symbol' ? value.qualified.replace(/\.partial$/, '') : '';
    if (!toOperatorClass(qualified)) continue;
    const before = env.state.tasks.length;
    evaluate(call, env);
    const task = env.state.tasks[before];
    task?.notes.unshift({ name: task.operator?.className ?? '', node: call, reason: unreachedReason(call, env.state) });
  }
}

/**
 * A cheap textual check before the tree-wide search (which costs more than the rest of a warm scan on a large file):
 * when the text has exactly as many `Name(` / `Name.partial(` call sites for operator names as the walk evaluated,
 * no call was missed. Any doubt (a name in a comment, an import inside a function) falls back to the search.
 */
function mayHaveUnreachedCalls(text: string, state: ScanState, moduleScope: Scope): boolean {
  const names = new Set(operatorClassNames());
  for (const [name, value] of moduleScope.vars) {
    if (value.kind === 'symbol' && toOperatorClass(value.qualified)) names.add(name);
  }
  const pattern = new RegExp(`\\b(?:${[...names].join('|')})\\s*(?:\\.\\s*partial\\s*)?\\(`, 'g');
  const sites = text.match(pattern)?.length ?? 0;
  const evaluated = new Set(state.tasks.filter((t) => t.operator).map((t) => t.node.id)).size;
  return sites !== evaluated;
}

function unreachedReason(call: Node, state: ScanState): string {
  const inside = (outer: Node): boolean => outer.startIndex <= call.startIndex && call.endIndex <= outer.endIndex;
  const skipped = state.skipped.find((s) => inside(s.node));
  if (skipped) return `not reached statically: ${skipped.reason}`;
  for (let node = call.parent; node; node = node.parent) {
    if (node.type === 'function_definition' && !state.executedFunctions.has(node.id)) {
      return `not reached statically: it is inside ${node.childForFieldName('name')?.text ?? 'a function'}(), which the file never calls`;
    }
    if (node.type === 'class_definition') return 'not reached statically: it is inside a class body';
  }
  return 'not reached statically';
}

function toDagTasks(state: ScanState, reachedCount: number): DagTask[] {
  const taskIdOf: TaskIdOf = (key) => state.tasks[key]?.taskId;
  const idsOf = (keys: Set<number>): string[] =>
    [...keys].map(taskIdOf).filter((id): id is string => id !== undefined).sort();
  return state.tasks
    .filter((task) => task.operator)
    .map((task) => ({
      taskId: task.taskId,
      dagId: task.dag?.dagId,
      operator: task.operator!.className,
      kind: task.operator!.kind,
      range: toRange(task.node),
      ...encodeArguments(task, taskIdOf),
      variantParams: [...task.operator!.variantParams],
      upstream: idsOf(task.upstream),
      downstream: idsOf(task.downstream),
      reached: task.key < reachedCount,
      ...templatingOf(task, taskIdOf),
    }));
}

/** The Jinja settings a task gets from its class and its DAG. */
function templatingOf(task: FoundTask, taskIdOf: TaskIdOf): Pick<DagTask, 'templateFields' | 'nativeTemplates' | 'dagParams'> {
  const out: Pick<DagTask, 'templateFields' | 'nativeTemplates' | 'dagParams'> = {};
  if (task.templateFields) out.templateFields = task.templateFields;
  if (task.dag?.nativeTemplates) out.nativeTemplates = true;
  const params = task.dag?.params ? toTaskValue(task.dag.params, taskIdOf) : undefined;
  if (params?.ok && params.value && typeof params.value === 'object' && !Array.isArray(params.value)) out.dagParams = params.value as Record<string, unknown>;
  return out;
}

type EncodedArguments = Pick<DagTask, 'params' | 'defaultArgs' | 'defaultArgNotes' | 'argRanges' | 'unevaluated'>;

function encodeArguments(task: FoundTask, taskIdOf: TaskIdOf): EncodedArguments {
  const params: Record<string, unknown> = {};
  const argRanges: Record<string, SourceRange> = {};
  const unevaluated: UnevaluatedArgument[] = task.notes.map((note) => toNote(note.name, note.node, note.reason));
  for (const [name, site] of task.args) {
    argRanges[name] = toRange(site.node);
    const encoded = toTaskValue(site.value, taskIdOf);
    if (encoded.ok) params[name] = markPlainDicts(site.value, encoded.value);
    else unevaluated.push(toNote(name, encoded.node ?? site.node, argumentReason(name, site, encoded.reason)));
  }
  const defaultArgs: Record<string, unknown> = {};
  const defaultArgNotes: UnevaluatedArgument[] = [];
  for (const entry of task.defaultArgs) {
    if (entry.key.kind !== 'str') continue;
    const encoded = toTaskValue(entry.value, taskIdOf);
    if (encoded.ok) defaultArgs[entry.key.value] = markPlainDicts(entry.value, encoded.value);
    else if (encoded.node) defaultArgNotes.push(toNote(entry.key.value, encoded.node, `default_args: ${encoded.reason}`));
  }
  return { params, defaultArgs, defaultArgNotes, argRanges, unevaluated };
}

/**
 * A plain dict written where the provider also takes a model is passed through raw, unlike the model: the task-file
 * encoding marks it `{"$dict": …}` (test/conformance/driver_convert.py). Marked here at parameter and list-item level;
 * `toTaskParams` keeps the mark only for the parameters that take models.
 */
function markPlainDicts(value: PyValue, encoded: unknown): unknown {
  if (value.kind === 'dict') return { [DICT_MARKER]: encoded };
  if ((value.kind === 'list' || value.kind === 'tuple') && Array.isArray(encoded)) {
    return encoded.map((item, i) => (value.items[i]?.kind === 'dict' ? { [DICT_MARKER]: item } : item));
  }
  return encoded;
}

function argumentReason(name: string, site: ArgumentSite, reason: string): string {
  const valueText = site.node.childForFieldName('value')?.text ?? site.node.text;
  if (name === 'callbacks') return `callbacks are noted, not run: ${valueText}`;
  return reason.startsWith('cannot be evaluated statically') ? reason : `cannot be evaluated statically: ${reason}`;
}

function toNote(name: string, node: Node, reason: string): UnevaluatedArgument {
  return { name, line: node.startPosition.row + 1, column: node.startPosition.column + 1, reason };
}
