/**
 * `custom_object_launcher.SparkResources` (provider 10.25.0): turns `container_resources` of the driver and the
 * executor into SparkApplication fields, with Airflow's own arithmetic: memory limits become MiB divided by 1.4
 * (compensating the Spark operator's overhead) and truncated; cpu requests are truncated to integers.
 */
import { OperatorError } from './operator-error.js';
import { deepCopy, isDict, isTruthy, pythonRepr, pythonStr, pythonTypeName, type PyDict, type PyValue } from './py-value.js';

function defaults(): PyDict {
  return { gpu: { name: null, quantity: 0 }, cpu: { request: null, limit: null }, memory: { request: null, limit: null } };
}

/** `float(x)` for the values a template can hold. */
export function pyFloat(value: PyValue): number {
  if (typeof value === 'number') return value;
  if (typeof value === 'boolean') return value ? 1 : 0;
  if (typeof value === 'string') {
    const text = value.trim();
    if (/^[+-]?(\d+\.?\d*(e[+-]?\d+)?|\.\d+(e[+-]?\d+)?|inf(inity)?|nan)$/i.test(text)) return Number(text.replace(/inf(inity)?/i, 'Infinity'));
    throw new OperatorError('ValueError', `could not convert string to float: ${pythonRepr(value)}`);
  }
  throw new OperatorError('TypeError', `float() argument must be a string or a real number, not '${pythonTypeName(value).slice(8, -2)}'`);
}

/** `int(x)` of a float: truncation toward zero. */
function pyIntOfFloat(value: number): number {
  if (!Number.isFinite(value)) throw new OperatorError('ValueError', 'cannot convert float NaN or infinity to integer');
  return Math.trunc(value);
}

function section(side: PyDict, key: string): PyDict {
  const value = side[key];
  if (!isDict(value)) throw new OperatorError('AttributeError', `'${pythonTypeName(value ?? null).slice(8, -2)}' object has no attribute 'get'`);
  return value;
}

/** `convert_resources` for one side; mutates the copy it is given. */
function convertSide(side: PyDict): void {
  const memory = section(side, 'memory');
  const limit = memory.limit ?? null;
  if (typeof limit === 'string') {
    let amount: PyValue = limit;
    if (limit.includes('G')) amount = pyFloat(stripTrailing(limit, 'Gi G')) * 1024;
    else if (limit.includes('m')) amount = pyFloat(stripTrailing(limit, 'm'));
    if (typeof amount === 'string') {
      throw new OperatorError('TypeError', "unsupported operand type(s) for /: 'str' and 'float'");
    }
    memory.limit = `${pyIntOfFloat(amount / 1.4)}m`;
  }
  const cpu = section(side, 'cpu');
  if (isTruthy(cpu.request ?? null)) cpu.request = pyIntOfFloat(pyFloat(cpu.request ?? null));
  if (isTruthy(cpu.limit ?? null)) cpu.limit = pythonStr(cpu.limit ?? null);
  const gpu = section(side, 'gpu');
  if (isTruthy(gpu.quantity ?? null)) gpu.quantity = pyIntOfFloat(pyFloat(gpu.quantity ?? null));
}

function stripTrailing(text: string, chars: string): string {
  let end = text.length;
  while (end > 0 && chars.includes(text[end - 1] ?? '')) end--;
  return text.slice(0, end);
}

/** The fields merged into the driver or executor: each only when its source is truthy. */
function outputOf(side: PyDict): PyDict {
  const cpu = section(side, 'cpu');
  const memory = section(side, 'memory');
  const gpu = section(side, 'gpu');
  const out: PyDict = {};
  if (isTruthy(cpu.request ?? null)) out.cores = cpu.request ?? null;
  if (isTruthy(cpu.limit ?? null)) out.coreLimit = cpu.limit ?? null;
  if (isTruthy(memory.limit ?? null)) out.memory = memory.limit ?? null;
  if (isTruthy(gpu.name ?? null) && isTruthy(gpu.quantity ?? null)) out.gpu = { name: gpu.name ?? null, quantity: gpu.quantity ?? null };
  return out;
}

/** `SparkResources(driver, executor).resources`: each side starts from the defaults, shallowly updated. */
export function sparkResources(driver: PyValue, executor: PyValue): { driver: PyDict; executor: PyDict } {
  const sides = [driver, executor].map((user) => {
    const side = defaults();
    if (isTruthy(user)) {
      if (!isDict(user)) throw new OperatorError('ValueError', 'dictionary update sequence element #0 has length 1; 2 is required');
      Object.assign(side, deepCopy(user));
    }
    return side;
  });
  const [driverSide, executorSide] = sides as [PyDict, PyDict];
  convertSide(driverSide);
  convertSide(executorSide);
  return { driver: outputOf(driverSide), executor: outputOf(executorSide) };
}

