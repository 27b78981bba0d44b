/**
 * Generates src/operators/k8s-models.generated.json: for every `kubernetes.client` model reachable from V1Pod and
 * V1Job, its attributes in declaration order as [python_name, jsonName, openapiType] plus the attributes its
 * constructor refuses as None. The renderer needs exactly the Python client's view of the API (not the newest
 * OpenAPI), because Airflow deserialises templates through it and silently drops fields it does not know.
 *
 * Usage: node --import tsx scripts/build-k8s-models.ts [path/to/python]
 * The Python defaults to $KUBETASKS_PYTHON, else the conformance venv under ~/.cache/kubetasks/airflow-*.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';

const introspect = String.raw`
import inspect, json, re, kubernetes, kubernetes.client.models as m
roots = ["V1Pod", "V1Job"]
seen, out, todo = set(), {}, list(roots)
while todo:
    name = todo.pop()
    if name in seen:
        continue
    seen.add(name)
    cls = getattr(m, name, None)
    if cls is None:
        # Referenced by an attribute type but absent from the client: deserialising it raises AttributeError.
        out[name] = None
        continue
    src = inspect.getsource(cls)
    required = sorted(set(re.findall(r"Invalid value for \x60(\w+)\x60, must not be \x60None\x60", src)))
    attrs = []
    for attr, typ in cls.openapi_types.items():
        attrs.append([attr, cls.attribute_map[attr], typ])
        inner = re.sub(r"^(list\[|dict\[str, )(.*)\]$", r"\2", typ)
        if inner not in ("str", "int", "float", "bool", "object", "datetime", "date"):
            todo.append(inner)
    out[name] = {"attrs": attrs, "required": required}
print(json.dumps({"client": kubernetes.__version__, "models": dict(sorted(out.items()))}, indent=1))
`;

function findPython(): string {
  const explicit = process.argv[2] ?? process.env.KUBETASKS_PYTHON;
  if (explicit) return explicit;
  const cache = join(homedir(), '.cache', 'kubetasks');
  const venv = readdirSync(cache).find((entry) => entry.startsWith('airflow-') && existsSync(join(cache, entry, 'bin', 'python')));
  if (!venv) throw new Error(`no conformance venv under ${cache}; pass a python that can import kubernetes`);
  return join(cache, venv, 'bin', 'python');
}

const json = execFileSync(findPython(), ['-c', introspect], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
const target = new URL('../src/operators/k8s-models.generated.json', import.meta.url);
writeFileSync(target, json);
console.log(`wrote ${target.pathname}`);
