/**
 * The few builtins and methods DAG files use to build operator arguments: `dict(...)`, `list(...)`, `range(n)`,
 * `str.format/join/upper…`, `dict.get/copy/update`, `list.append`, and the task methods `set_downstream`,
 * `set_upstream`, `expand`. Semantics from the Python library reference ("Built-in Functions", "str", "dict").
 */
import type { Node } from 'web-tree-sitter';
import { setDependency } from './dependencies.js';
import type { CallArguments } from './evaluate-call.js';
import { describe, setEntry, type Env } from './evaluate-expression.js';
import { iterate } from './iterate.js';
import { callPathMethod } from './path-idioms.js';
import { pyEquals, toPyStr, unknown, type PyValue } from './py-value.js';
import { formatString } from './format-string.js';

export function callBuiltin(name: string, node: Node, args: CallArguments): PyValue {
  const first = args.positional[0]?.value;
  if (args.splatFailure) return args.splatFailure;
  if (first?.kind === 'unknown') return first;
  switch (name) {
    case 'dict': {
      const entries = first?.kind === 'dict' ? first.entries.map((e) => ({ ...e })) : [];
      for (const [key, arg] of args.keywords) setEntry(entries, { kind: 'str', value: key }, arg.value);
      if (first === undefined || first.kind === 'dict') return { kind: 'dict', entries };
      return unknown(node, `${describe(node)} cannot be evaluated statically`);
    }
    case 'list':
    case 'tuple': {
      const items = first === undefined ? [] : iterate(first, node);
      return Array.isArray(items) ? { kind: name, items: [...items] } : items;
    }
    case 'str': {
      const text = first === undefined ? '' : toPyStr(first);
      return text === undefined ? unknown(node, `${describe(node)} cannot be evaluated statically`) : { kind: 'str', value: text };
    }
    case 'len': {
      const items = first === undefined ? undefined : iterate(first, node);
      return Array.isArray(items) ? { kind: 'int', value: items.length } : unknown(node, `${describe(node)} is not known statically`);
    }
    case 'range':
      return range(node, args);
    default:
      return unknown(node, `${describe(node)} cannot be evaluated statically`);
  }
}

function range(node: Node, args: CallArguments): PyValue {
  const numbers = args.positional.map((a) => (a.value.kind === 'int' ? a.value.value : undefined));
  if (numbers.some((n) => n === undefined) || numbers.length === 0 || numbers.length > 3) {
    return unknown(node, `${describe(node)} is not known statically`);
  }
  const [start, stop, step] = numbers.length === 1 ? [0, numbers[0]!, 1] : [numbers[0]!, numbers[1]!, numbers[2] ?? 1];
  if (step === 0 || Math.abs((stop - start) / step) > 10_000) return unknown(node, `${describe(node)} is too long to unroll`);
  const items: PyValue[] = [];
  for (let i = start; step > 0 ? i < stop : i > stop; i += step) items.push({ kind: 'int', value: i });
  return { kind: 'list', items };
}

export interface MethodCall {
  target: PyValue;
  method: string;
  node: Node;
  args: CallArguments;
  env: Env;
}

export function callMethod(call: MethodCall): PyValue {
  const { target, node } = call;
  if (target.kind === 'unknown') return target;
  if (call.args.splatFailure) return call.args.splatFailure;
  const result =
    target.kind === 'str' ? callStrMethod(target.value, call)
    : target.kind === 'dict' ? callDictMethod(target, call)
    : target.kind === 'list' ? callListMethod(target, call)
    : target.kind === 'task' || target.kind === 'xcom' ? callTaskMethod(target, call)
    : target.kind === 'path' ? callPathMethod(target.value, call.method, call.args, node)
    : undefined;
  return result ?? unknown(node, `${describe(node)} cannot be evaluated statically`);
}

function callStrMethod(text: string, { method, args }: MethodCall): PyValue | undefined {
  const strArg = (i: number): string | undefined => {
    const value = args.positional[i]?.value;
    return value?.kind === 'str' ? value.value : undefined;
  };
  const simple: Record<string, () => string | undefined> = {
    upper: () => text.toUpperCase(),
    lower: () => text.toLowerCase(),
    strip: () => (args.positional.length === 0 ? text.trim() : undefined),
    replace: () => (strArg(0) !== undefined && strArg(1) !== undefined ? text.split(strArg(0)!).join(strArg(1)!) : undefined),
    format: () => formatString(text, args),
    join: () => joinStrings(text, args.positional[0]?.value),
  };
  const result = simple[method]?.();
  if (result !== undefined) return { kind: 'str', value: result };
  if (method === 'split' && strArg(0) !== undefined && args.positional.length === 1) {
    return { kind: 'list', items: text.split(strArg(0)!).map((part) => ({ kind: 'str', value: part })) };
  }
  return undefined;
}

function joinStrings(separator: string, iterable: PyValue | undefined): string | undefined {
  if (!iterable || (iterable.kind !== 'list' && iterable.kind !== 'tuple')) return undefined;
  const parts = iterable.items.map((item) => (item.kind === 'str' ? item.value : undefined));
  return parts.every((p) => p !== undefined) ? parts.join(separator) : undefined;
}

function callDictMethod(target: Extract<PyValue, { kind: 'dict' }>, { method, args }: MethodCall): PyValue | undefined {
  const key = args.positional[0]?.value;
  switch (method) {
    case 'get': {
      const entry = key && target.entries.find((e) => pyEquals(e.key, key) === true);
      return entry ? entry.value : (args.positional[1]?.value ?? { kind: 'none' });
    }
    case 'copy':
      return { kind: 'dict', entries: target.entries.map((e) => ({ ...e })) };
    case 'items':
      return { kind: 'list', items: target.entries.map((e) => ({ kind: 'tuple', items: [e.key, e.value] })) };
    case 'keys':
      return { kind: 'list', items: target.entries.map((e) => e.key) };
    case 'values':
      return { kind: 'list', items: target.entries.map((e) => e.value) };
    case 'update':
      if (key?.kind === 'dict') key.entries.forEach((e) => setEntry(target.entries, e.key, e.value));
      for (const [name, arg] of args.keywords) setEntry(target.entries, { kind: 'str', value: name }, arg.value);
      return key === undefined || key.kind === 'dict' ? { kind: 'none' } : undefined;
    default:
      return undefined;
  }
}

function callListMethod(target: Extract<PyValue, { kind: 'list' }>, { method, args }: MethodCall): PyValue | undefined {
  const first = args.positional[0]?.value;
  if (method === 'append' && first) {
    target.items.push(first);
    return { kind: 'none' };
  }
  if (method === 'extend' && first && (first.kind === 'list' || first.kind === 'tuple')) {
    target.items.push(...first.items);
    return { kind: 'none' };
  }
  if (method === 'copy') return { kind: 'list', items: [...target.items] };
  return undefined;
}

/** `a.set_downstream(b)`, `a.set_upstream(b)`, and `.expand(...)` on a `.partial(...)` task. */
function callTaskMethod(target: PyValue, { method, args, env }: MethodCall): PyValue | undefined {
  const other = args.positional[0]?.value;
  if (method === 'set_downstream' || method === 'set_upstream') {
    if (!other) return undefined;
    if (method === 'set_downstream') setDependency(env.state, target, other);
    else setDependency(env.state, other, target);
    return { kind: 'none' };
  }
  if (method !== 'expand' && method !== 'expand_kwargs') return undefined;
  const task = target.kind === 'task' ? env.state.tasks[target.taskKeys[0] ?? -1] : undefined;
  for (const [name, arg] of args.keywords) task?.args.set(name, { value: unknownMapped(arg.node), node: arg.node });
  return target;
}

function unknownMapped(node: Node): PyValue {
  return unknown(node, 'a mapped argument (.expand) takes one value per mapped task, known only when the DAG runs');
}
