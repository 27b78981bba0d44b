/**
 * From a data path (`['spec', 'containers', 0, 'image']`) back to source ranges in the YAML AST, so every
 * diagnostic points at the exact key or value. Paths are ajv instancePaths split on `/`.
 */
import { isAlias, isMap, isPair, isScalar, isSeq, type Document, type Node, type Pair } from 'yaml';

export type DataPath = readonly (string | number)[];

export interface NodeLocation {
  /** Range of the last key on the path (absent for sequence items and the root). */
  key?: [number, number];
  /** Range of the value node. */
  value: [number, number];
  node: unknown;
  /** False when the path stopped early; ranges then belong to the deepest node found. */
  complete: boolean;
}

function rangeOf(node: unknown, fallback: [number, number]): [number, number] {
  const range = (node as Node | null)?.range;
  return range ? [range[0], range[1]] : fallback;
}

/** `/spec/containers/0` → ['spec', 'containers', 0]; decodes JSON-pointer escapes. */
export function parseInstancePath(instancePath: string): (string | number)[] {
  if (instancePath === '') return [];
  return instancePath.slice(1).split('/').map((seg) => {
    const text = seg.replace(/~1/g, '/').replace(/~0/g, '~');
    return /^\d+$/.test(text) ? Number(text) : text;
  });
}

function findPair(map: { items: unknown[] }, name: string, doc: Document): Pair | undefined {
  let merged: Pair | undefined;
  for (const pair of map.items) {
    if (!isPair(pair)) continue;
    if (isScalar(pair.key) && String(pair.key.value) === name) return pair;
    if (isScalar(pair.key) && pair.key.value === '<<' && !merged) {
      const source = isAlias(pair.value) ? pair.value.resolve(doc) : pair.value;
      if (isMap(source)) merged = findPair(source, name, doc);
    }
  }
  return merged;
}

export function locate(doc: Document, path: DataPath): NodeLocation {
  const docRange: [number, number] = doc.range ? [doc.range[0], doc.range[0]] : [0, 0];
  let node: unknown = doc.contents;
  let location: NodeLocation = { value: rangeOf(node, docRange), node, complete: true };
  for (const segment of path) {
    if (isAlias(node)) node = node.resolve(doc);
    if (isMap(node)) {
      const pair = findPair(node, String(segment), doc);
      if (!pair) return { ...location, complete: false };
      const key = rangeOf(pair.key, location.value);
      node = pair.value;
      location = { key, value: rangeOf(node, [key[1], key[1]]), node, complete: true };
    } else if (isSeq(node) && typeof segment === 'number' && segment < node.items.length) {
      node = node.items[segment];
      location = { value: rangeOf(node, location.value), node, complete: true };
    } else {
      return { ...location, complete: false };
    }
  }
  return location;
}

/** The range a user thinks of as "this entry": its key when it has one, else the first line of the value. */
export function headRange(location: NodeLocation, text: string): [number, number] {
  if (location.key) return location.key;
  const [start, end] = location.value;
  const newline = text.indexOf('\n', start);
  return [start, newline >= 0 && newline < end ? newline : Math.max(end, start)];
}

/** Renders a path the way users read it: `spec.containers[0].image`. */
export function formatPath(path: DataPath): string {
  let out = '';
  for (const segment of path) {
    if (typeof segment === 'number') out += `[${segment}]`;
    else if (/^[A-Za-z_$][\w$-]*$/.test(segment)) out += out ? `.${segment}` : segment;
    else out += `[${JSON.stringify(segment)}]`;
  }
  return out;
}
