/**
 * The Tasks tree rebuilt per change (issue 14 "Performance"): only the runs a change touched are built again. A run's
 * node reads nothing but its group (objects, record), the grouping and, while a pod is Pending, the clock, so a
 * group whose objects are the same objects as last time, without a session record (records change in place) and
 * without a Pending clock, keeps its node. The store replaces an object when its watch reports a change, so "the
 * same" is identity. When only labelled objects changed in place, the grouping is kept and the changed objects
 * swapped in; otherwise it is redone (each object's facts cached). The result equals `buildTaskTree` of the same input
 * (tree-builder.test.ts checks it over random changes).
 */
import { assembleTree, hasClock, runNode, type TaskNode, type TreeInput } from './task-tree.js';
import { foldCreated, groupRuns, keyText, objectFacts, type ObjectFacts, type RunGroup } from './tree-groups.js';
import type { TreeObject } from './tree-nodes.js';

interface CachedRun {
  objects: readonly TreeObject[];
  grouping: TreeInput['grouping'];
  now: number;
  /** The node shows a Pending clock: it is built again whenever `now` moves. */
  clock: boolean;
  node: TaskNode;
}

/** The last grouping, while every object carried Airflow's labels and no launch was recorded. */
interface LastGrouping {
  objects: readonly TreeObject[];
  /** In found order (assembleTree sorts a copy). */
  groups: RunGroup[];
  byText: Map<string, RunGroup>;
}

const sameObjects = (a: readonly TreeObject[], b: readonly TreeObject[]): boolean => a.length === b.length && a.every((o, i) => o === b[i]);

export class TaskTreeBuilder {
  private runs = new Map<string, CachedRun>();
  private facts = new WeakMap<TreeObject, ObjectFacts>();
  private last: LastGrouping | undefined;
  /** Runs built (not reused) by the last `build` (tests and timing logs read it). */
  builtRuns = 0;
  /** Whether the last `build` kept the grouping and only swapped changed objects (tests read it). */
  regrouped = false;

  build(input: TreeInput): TaskNode[] {
    const next = new Map<string, CachedRun>();
    this.builtRuns = 0;
    const nodeOf = (g: RunGroup): TaskNode => {
      if (g.record) return this.fresh(g, input);
      const text = keyText(g.key);
      const hit = this.runs.get(text);
      if (hit && hit.grouping === input.grouping && (!hit.clock || hit.now === input.now) && sameObjects(hit.objects, g.objects)) {
        next.set(text, hit);
        return hit.node;
      }
      const node = this.fresh(g, input);
      next.set(text, { objects: g.objects, grouping: input.grouping, now: input.now, clock: hasClock([node]), node });
      return node;
    };
    const kept = this.regroup(input);
    this.regrouped = kept !== undefined;
    const tree = assembleTree(kept ?? this.group(input), input.grouping, nodeOf);
    this.runs = next;
    return tree;
  }

  /** Forgets every cached run (a new namespace or context). */
  clear(): void {
    this.runs.clear();
    this.facts = new WeakMap();
    this.last = undefined;
  }

  private group(input: TreeInput): RunGroup[] {
    const groups = groupRuns(input.records, input.objects, (o) => this.factsOf(o));
    const labelled = input.records.length === 0 && input.objects.every((o) => this.factsOf(o).key !== undefined);
    this.last = labelled ? { objects: [...input.objects], groups: [...groups], byText: new Map(groups.map((g) => [keyText(g.key), g])) } : undefined;
    return groups;
  }

  /**
   * The common change, without a pass of grouping: objects changed in place (a watch's MODIFIED keeps the store's
   * order) and still labelled for the same run. Their groups get new object lists; any other change groups anew.
   */
  private regroup(input: TreeInput): RunGroup[] | undefined {
    const last = this.last;
    if (!last || input.records.length > 0 || input.objects.length !== last.objects.length) return undefined;
    const changed: number[] = [];
    for (let i = 0; i < input.objects.length; i++) {
      const o = input.objects[i] as TreeObject;
      const before = last.objects[i] as TreeObject;
      if (o === before) continue;
      const f = this.factsOf(o);
      if (!f.key || f.keyText !== this.factsOf(before).keyText) return undefined;
      changed.push(i);
    }
    for (const i of changed) {
      const o = input.objects[i] as TreeObject;
      const group = last.byText.get(this.factsOf(o).keyText) as RunGroup;
      // a new list, so the cached run (which holds the old one) sees the change
      group.objects = group.objects.map((x) => (x === last.objects[i] ? o : x));
      group.created = group.objects.reduce(foldCreated, '');
    }
    last.objects = [...input.objects];
    return [...last.groups];
  }

  private fresh(g: RunGroup, input: TreeInput): TaskNode {
    this.builtRuns++;
    return runNode(g, input);
  }

  private factsOf(o: TreeObject): ObjectFacts {
    let f = this.facts.get(o);
    if (!f) {
      f = objectFacts(o);
      this.facts.set(o, f);
    }
    return f;
  }
}
