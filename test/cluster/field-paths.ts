// Field paths on both sides of the apiserver judge, and the rule that makes them comparable (docs/VALIDATION.md,
// "Judged by kube-apiserver"): both are reduced to dotted field names. A leading "." goes; map keys in brackets
// ("requests[cpu]") become names; array indices ("[0]") go, because JSON decode errors name Go struct fields
// without them ("Go struct field ContainerPort.spec.containers.ports.containerPort"), and the Go type before the
// first "." of those goes too; our Spark wrapper's leading "spark." goes, because the renderer sends only that part.
import { isMap, isPair, isScalar, isSeq, parseDocument, type Node } from 'yaml';

export function normaliseFieldPath(raw: string): string {
  return raw
    .trim()
    .replace(/^\./, '')
    .replace(/\[(\d+)\]/g, '')
    .replace(/\[([^\]]+)\]/g, '.$1')
    .replace(/^spark\./, '');
}

/** The fields a Status names: causes[].field, `unknown field "…"` and Go decode errors in the message. */
export function statusFieldPaths(status: unknown): string[] {
  const body = status as { message?: unknown; details?: { causes?: { field?: unknown; message?: unknown }[] } } | undefined;
  const out: string[] = [];
  for (const cause of body?.details?.causes ?? []) {
    if (typeof cause.field === 'string' && cause.field !== '') out.push(cause.field);
    if (typeof cause.message === 'string') out.push(...messageFieldPaths(cause.message));
  }
  if (typeof body?.message === 'string') out.push(...messageFieldPaths(body.message));
  return [...new Set(out.map(normaliseFieldPath))];
}

function messageFieldPaths(message: string): string[] {
  const out: string[] = [];
  for (const m of message.matchAll(/unknown field "([^"]+)"/g)) if (m[1]) out.push(m[1]);
  for (const m of message.matchAll(/Go struct field [A-Za-z0-9_]+\.([\w.]+) of type/g)) if (m[1]) out.push(m[1]);
  for (const m of message.matchAll(/(?:^|[\s:])([.\w[\]-]+): (?:Invalid value|Unsupported value|Required value|field not declared)/g)) if (m[1]) out.push(m[1]);
  return out;
}

/**
 * The data path of the YAML node a diagnostic starts at: the pair whose key starts there, or the value that starts
 * there; the deepest match wins. With `mapping`, a mapping starting there wins over its own first key (a missing
 * field is reported on the mapping, which starts where its first key does).
 */
export function pathAtOffset(text: string, offset: number, mapping = false): (string | number)[] | undefined {
  const doc = parseDocument(text);
  let found: (string | number)[] | undefined;
  let mappingFound: (string | number)[] | undefined;
  const visit = (node: unknown, path: (string | number)[]): void => {
    const range = (node as Node | null)?.range;
    if (!range || offset < range[0] || offset > range[1]) return;
    if (range[0] === offset) found = path;
    if (range[0] === offset && isMap(node)) mappingFound ??= path;
    if (isMap(node)) {
      for (const pair of node.items) {
        if (!isPair(pair) || !isScalar(pair.key)) continue;
        const child = [...path, String(pair.key.value)];
        if (pair.key.range?.[0] === offset) found = child;
        visit(pair.value, child);
      }
    } else if (isSeq(node)) {
      node.items.forEach((item, index) => visit(item, [...path, index]));
    }
  };
  visit(doc.contents, []);
  return mapping ? (mappingFound ?? found) : found;
}

/** `['spec', 'containers', 0, 'image']` → `spec.containers[0].image`. */
export function formatFieldPath(path: readonly (string | number)[]): string {
  return path.map((s, i) => (typeof s === 'number' ? `[${s}]` : i === 0 ? s : `.${s}`)).join('');
}
