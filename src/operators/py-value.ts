/**
 * The values a DAG author hands to an operator, modelled as Python sees them: None, bool, int/float, str, list,
 * dict (a plain object) and `kubernetes.client` model objects (`KubeObject`). Airflow's merge rules depend on
 * Python truthiness and on the dict-versus-model distinction, so both are kept explicit here.
 */

/** A `kubernetes.client.models.V1*` instance: the model's name and its attributes by Python (snake_case) name. */
export class KubeObject {
  readonly type: string;
  readonly attrs: Record<string, PyValue>;

  constructor(type: string, attrs: Record<string, PyValue> = {}) {
    this.type = type;
    this.attrs = attrs;
  }

  get(attr: string): PyValue {
    return Object.hasOwn(this.attrs, attr) ? (this.attrs[attr] ?? null) : null;
  }

  set(attr: string, value: PyValue): void {
    this.attrs[attr] = value;
  }
}

export type PyDict = { [key: string]: PyValue };
export type PyValue = null | boolean | number | string | PyValue[] | PyDict | KubeObject;

export function isDict(value: unknown): value is PyDict {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof KubeObject);
}

/** Python `bool(x)`: model objects define no `__len__`, so they are truthy even when every attribute is None. */
export function isTruthy(value: PyValue | undefined): boolean {
  if (value === null || value === undefined || value === false || value === 0 || value === '') return false;
  if (Array.isArray(value)) return value.length > 0;
  if (value instanceof KubeObject) return true;
  if (typeof value === 'object') return Object.keys(value).length > 0;
  return true;
}

/**
 * A new model object sharing its attribute values with `value`. The renderers use it where Python deep-copies and
 * then assigns a few attributes: nothing below is mutated afterwards, so sharing is indistinguishable and much
 * cheaper than a deep copy.
 */
export function shallowClone(value: KubeObject): KubeObject {
  return new KubeObject(value.type, { ...value.attrs });
}

/** `copy.deepcopy`. */
export function deepCopy<T extends PyValue>(value: T): T {
  if (Array.isArray(value)) return value.map((item) => deepCopy(item)) as T;
  if (value instanceof KubeObject) return new KubeObject(value.type, copyRecord(value.attrs)) as T;
  if (isDict(value)) return copyRecord(value) as T;
  return value;
}

function copyRecord(record: PyDict): PyDict {
  const out: PyDict = {};
  for (const [key, item] of Object.entries(record)) out[key] = deepCopy(item);
  return out;
}

/** Python's `type(x)` as printed in error messages, e.g. `<class 'dict'>`. */
export function pythonTypeName(value: PyValue | undefined): string {
  if (value === null || value === undefined) return "<class 'NoneType'>";
  if (typeof value === 'boolean') return "<class 'bool'>";
  if (typeof value === 'number') return Number.isInteger(value) ? "<class 'int'>" : "<class 'float'>";
  if (typeof value === 'string') return "<class 'str'>";
  if (Array.isArray(value)) return "<class 'list'>";
  if (value instanceof KubeObject) return modelClassName(value.type);
  return "<class 'dict'>";
}

/** How Python prints a model class, e.g. `<class 'kubernetes.client.models.v1_volume.V1Volume'>`. */
export function modelClassName(type: string): string {
  const module = type
    .replace(/^V(\d+)/, 'v$1_')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1_$2')
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .toLowerCase()
    .replace(/__/g, '_');
  return `<class 'kubernetes.client.models.${module}.${type}'>`;
}

/** Python `repr()` for the plain values a task file can hold (used in Airflow's own messages). */
export function pythonRepr(value: PyValue | undefined): string {
  if (value === null || value === undefined) return 'None';
  if (typeof value === 'boolean') return value ? 'True' : 'False';
  if (typeof value === 'number') return pythonNumber(value);
  if (typeof value === 'string') return pythonStringRepr(value);
  if (Array.isArray(value)) return `[${value.map((item) => pythonRepr(item)).join(', ')}]`;
  if (value instanceof KubeObject) return `${value.type}(...)`;
  return `{${Object.entries(value)
    .map(([key, item]) => `${pythonStringRepr(key)}: ${pythonRepr(item)}`)
    .join(', ')}}`;
}

/** Python `str()` of a value. */
export function pythonStr(value: PyValue | undefined): string {
  return typeof value === 'string' ? value : pythonRepr(value);
}

function pythonNumber(value: number): string {
  if (Number.isInteger(value)) return String(value);
  if (Number.isNaN(value)) return 'nan';
  if (!Number.isFinite(value)) return value > 0 ? 'inf' : '-inf';
  return String(value).replace(/e([+-])(\d)$/, 'e$10$2');
}

function pythonStringRepr(text: string): string {
  const quote = text.includes("'") && !text.includes('"') ? '"' : "'";
  let out = '';
  for (const ch of text) {
    if (ch === '\\') out += '\\\\';
    else if (ch === quote) out += `\\${ch}`;
    else if (ch === '\n') out += '\\n';
    else if (ch === '\r') out += '\\r';
    else if (ch === '\t') out += '\\t';
    else if (ch < ' ' || ch === '\x7f') out += `\\x${ch.charCodeAt(0).toString(16).padStart(2, '0')}`;
    else out += ch;
  }
  return `${quote}${out}${quote}`;
}

/**
 * Copies the path pod → spec → containers[0] so that attaching volumes, env or a sidecar (which Python does on a
 * deep copy) leaves the input pod untouched.
 */
export function cloneBaseContainerPath(pod: KubeObject): { pod: KubeObject; spec: KubeObject; container: KubeObject } {
  const copy = shallowClone(pod);
  const spec = shallowClone(copy.get('spec') as KubeObject);
  copy.set('spec', spec);
  const containers = [...(spec.get('containers') as PyValue[])];
  const container = shallowClone(containers[0] as KubeObject);
  containers[0] = container;
  spec.set('containers', containers);
  return { pod: copy, spec, container };
}
