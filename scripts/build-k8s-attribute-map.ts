/**
 * Build-time tool: derives src/dags/k8s-attribute-map.json from the vendored Kubernetes OpenAPI (v2) spec.
 *
 * A DAG author writes `k8s.V1Container(image_pull_policy="Always")`; the Kubernetes Python client turns that into
 * the API field `imagePullPolicy` through each model's generated `attribute_map`. We derive the same map from the
 * spec the Python client is generated from (kubernetes-client/python `swagger.json.unprocessed`, release-1.36):
 * - class names: `V1` + kind, or `<Group>V1<Kind>` where two API groups define the same version and kind
 *   (kubernetes-client/gen `preprocess_spec.py` renames those, e.g. `CoreV1EventSeries`);
 * - attribute names: the generator's snake_case of the JSON name, with Python keywords prefixed by `_`
 *   (`_exec`, `_from`, `_continue`, `_not`);
 * - the field order is the spec's property order, which is the order of the generated `__init__` parameters
 *   (so positional calls such as `V1LocalObjectReference("quay")` bind the right field).
 * Only the models reachable from the objects the operators build (Pod, Job, ObjectMeta, DeleteOptions) are kept,
 * so the map stays small enough for the extension bundle.
 *
 * Run: node --import tsx scripts/build-k8s-attribute-map.ts [spec.json] [out.json]
 */
import { readFileSync, writeFileSync } from 'node:fs';

interface SchemaDef {
  properties?: Record<string, { $ref?: string; items?: { $ref?: string }; additionalProperties?: { $ref?: string } }>;
  required?: string[];
}

const ROOTS = [
  'io.k8s.api.core.v1.Pod',
  'io.k8s.api.batch.v1.Job',
  'io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta',
  'io.k8s.apimachinery.pkg.apis.meta.v1.DeleteOptions',
];

// Python keywords and the extra words openapi-generator's python template reserves; a JSON field with one of these
// names gets a leading underscore in the generated model.
const RESERVED = new Set([
  'and', 'as', 'assert', 'async', 'await', 'break', 'class', 'continue', 'def', 'del', 'elif', 'else', 'except',
  'exec', 'finally', 'for', 'from', 'global', 'if', 'import', 'in', 'is', 'lambda', 'nonlocal', 'not', 'or', 'pass',
  'print', 'raise', 'return', 'try', 'while', 'with', 'yield', 'self', 'property',
]);

/** openapi-generator's `underscore` (camelize.java): `podIPs` → `pod_ips`, `hostIPC` → `host_ipc`, `$ref` → `ref`. */
export function toPythonAttribute(jsonName: string): string {
  const snake = jsonName
    .replace(/^\$/, '')
    .replace(/([A-Z]+)([A-Z][a-z][a-z]+)/g, '$1_$2')
    .replace(/([a-z\d])([A-Z])/g, '$1_$2')
    .replace(/-/g, '_')
    .toLowerCase();
  return RESERVED.has(snake) ? `_${snake}` : snake;
}

function refName(ref: string | undefined): string | undefined {
  return ref?.replace('#/definitions/', '');
}

function reachable(defs: Record<string, SchemaDef>): string[] {
  const seen = new Set<string>();
  const stack = [...ROOTS];
  while (stack.length > 0) {
    const name = stack.pop()!;
    if (seen.has(name) || !defs[name]?.properties) continue;
    seen.add(name);
    for (const prop of Object.values(defs[name].properties ?? {})) {
      for (const ref of [prop.$ref, prop.items?.$ref, prop.additionalProperties?.$ref]) {
        const target = refName(ref);
        if (target) stack.push(target);
      }
    }
  }
  return [...seen].sort();
}

function capitalize(word: string): string {
  return word.charAt(0).toUpperCase() + word.slice(1);
}

/** `io.k8s.api.core.v1.Container` → `V1Container`, or `CoreV1EventSeries` when the kind is defined twice. */
function pythonClassNames(all: string[]): Map<string, string> {
  const versionKind = (name: string): string => name.split('.').slice(-2).join('.');
  const counts = new Map<string, number>();
  for (const name of all) counts.set(versionKind(name), (counts.get(versionKind(name)) ?? 0) + 1);
  const names = new Map<string, string>();
  for (const name of all) {
    const parts = name.split('.');
    const [version = '', kind = ''] = parts.slice(-2);
    const plain = `${capitalize(version)}${kind}`;
    const group = parts[parts.length - 3] ?? '';
    names.set(name, (counts.get(versionKind(name)) ?? 0) > 1 ? `${capitalize(group)}${plain}` : plain);
  }
  return names;
}

function main(): void {
  const specPath = process.argv[2] ?? '../shared/data/k8s/kubernetes-openapi-v1.36.json';
  const outPath = process.argv[3] ?? 'src/dags/k8s-attribute-map.json';
  const spec = JSON.parse(readFileSync(specPath, 'utf8')) as { definitions: Record<string, SchemaDef> };
  const names = pythonClassNames(Object.keys(spec.definitions));
  const lines: string[] = [];
  for (const def of reachable(spec.definitions)) {
    const schema = spec.definitions[def]!;
    const fields = Object.keys(schema.properties ?? {}).map((json) => [toPythonAttribute(json), json]);
    const entry = { fields, required: (schema.required ?? []).map(toPythonAttribute) };
    lines.push(`    ${JSON.stringify(names.get(def))}: ${JSON.stringify(entry)}`);
  }
  const header = `  "source": ${JSON.stringify(`${specPath.split('/').pop()} (generated by scripts/build-k8s-attribute-map.ts)`)}`;
  writeFileSync(outPath, `{\n${header},\n  "models": {\n${lines.join(',\n')}\n  }\n}\n`);
  process.stdout.write(`${outPath}: ${lines.length} models\n`);
}

main();
