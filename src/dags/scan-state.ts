/**
 * The mutable state of one scan: the names in scope, the DAG / TaskGroup being defined, and the tasks found so far.
 * Only the scanner's own modules touch it; the public result is built from it by scan-dag.ts.
 */
import type { Node } from 'web-tree-sitter';
import type { Problem } from '../common/index.js';
import type { ClassTemplateFields } from './class-template-fields.js';
import type { OperatorClass } from './operator-classes.js';
import type { DagContext, DictEntry, PyValue } from './py-value.js';

export type { DagContext } from './py-value.js';

/** One keyword argument as written: its value and where it is. */
export interface ArgumentSite {
  value: PyValue;
  node: Node;
}

/** A task found in the file: a Kubernetes operator call, or any other task (for upstream/downstream). */
export interface FoundTask {
  key: number;
  taskId: string | undefined;
  /** Set for the Kubernetes operators; other tasks (BashOperator, `@task` functions) only carry dependencies. */
  operator?: OperatorClass;
  /** The call node (`KPO(...)`). */
  node: Node;
  dag: DagContext | undefined;
  /** Explicit keyword arguments, in source order. */
  args: Map<string, ArgumentSite>;
  /** Notes for arguments (or the whole call) that could not be evaluated. */
  notes: Array<{ name: string; node: Node; reason: string }>;
  upstream: Set<number>;
  downstream: Set<number>;
  /** `default_args` of the DAG, its task groups and the call itself, outermost first (later entries win). */
  defaultArgs: DictEntry[];
  /** A subclass's own `template_fields` (issue 17). */
  templateFields?: ClassTemplateFields;
}

export interface Scope {
  vars: Map<string, PyValue>;
  parent: Scope | undefined;
  /** Set while a function body runs: its `return` value lands here. */
  returned?: PyValue;
}

export interface ScanState {
  tasks: FoundTask[];
  problems: Problem[];
  /** The innermost DAG context last. */
  contexts: DagContext[];
  /** Call nodes already evaluated (by node id), so calls in never-called functions can be found afterwards. */
  evaluatedCalls: Set<number>;
  /** Blocks that were not run (unknown `if` condition, `while`, `except`), with the reason. */
  skipped: Array<{ node: Node; reason: string }>;
  /** Function definition nodes whose body has run at least once. */
  executedFunctions: Set<number>;
  /** Nesting of function calls being evaluated, to stop runaway recursion. */
  callDepth: number;
  /** Statements executed, to stop pathological files (a DAG file is small; this guards loops over big ranges). */
  budget: number;
}

export function createScope(parent?: Scope): Scope {
  return { vars: new Map(), parent };
}

export function lookup(scope: Scope, name: string): PyValue | undefined {
  for (let s: Scope | undefined = scope; s; s = s.parent) {
    const found = s.vars.get(name);
    if (found) return found;
  }
  return undefined;
}

export function createScanState(): ScanState {
  return {
    tasks: [],
    problems: [],
    contexts: [],
    evaluatedCalls: new Set(),
    skipped: [],
    executedFunctions: new Set(),
    callDepth: 0,
    budget: 200_000,
  };
}

/** The DAG context tasks created now belong to. */
export function currentContext(state: ScanState): DagContext | undefined {
  return state.contexts[state.contexts.length - 1];
}
