/**
 * `macros` in the template context (airflow/macros/__init__.py in Airflow 2; airflow.sdk.execution_time.macros in
 * Airflow 3): `ds_add`, `ds_format`, `datetime`, `timedelta`, `json`, `uuid`. The rest (`time`, `dateutil`, `random`,
 * `datetime_diff_for_humans`…) is reported as not modelled.
 */
import { PyDateTime, PyTimedelta, parseIsoDateTime, strptime } from './py-datetime.js';
import { fromJson, toJson } from './to-json.js';
import { JinjaError, PyFunction, PyObject, isTruthy, pyStr, stringRepr, type PyCallable } from './py-value.js';

const fn = (name: string, call: PyCallable) => new PyFunction(name, call);

function parseDs(ds: unknown, format = '%Y-%m-%d'): PyDateTime {
  const parsed = strptime(pyStr(ds), format);
  if (!parsed) throw new JinjaError('ValueError', `time data ${stringRepr(pyStr(ds))} does not match format ${stringRepr(format)}`);
  return parsed;
}

function strftimeOrFail(dt: PyDateTime, format: string): string {
  const text = dt.strftime(format);
  if (text === undefined) throw new JinjaError('Unsupported', `strftime(${stringRepr(format)}) uses a directive KubeTasks does not model`);
  return text;
}

/** `datetime.timedelta(days=0, seconds=0, microseconds=0, milliseconds=0, minutes=0, hours=0, weeks=0)`. */
export const timedeltaClass = new PyObject('type', {}, {
  unmodelled: ['max', 'min', 'resolution'],
  call: (args, kwargs) => {
    const names = ['days', 'seconds', 'microseconds', 'milliseconds', 'minutes', 'hours', 'weeks'];
    const parts: Record<string, unknown> = { ...kwargs };
    args.forEach((value, i) => (parts[names[i] ?? 'days'] = value));
    return PyTimedelta.of(Object.fromEntries(Object.entries(parts).map(([k, v]) => [k, Number(v)])));
  },
});

/** `datetime.datetime(year, month, day, hour=0, minute=0, second=0, microsecond=0)` (naive), `strptime`, `fromisoformat`. */
export const datetimeClass = new PyObject('type', {
  strptime: fn('strptime', (args) => {
    const parsed = strptime(pyStr(args[0]), pyStr(args[1]));
    if (!parsed) throw new JinjaError('ValueError', `time data ${stringRepr(pyStr(args[0]))} does not match format ${stringRepr(pyStr(args[1]))}`);
    return parsed;
  }),
  fromisoformat: fn('fromisoformat', (args) => {
    const parsed = parseIsoDateTime(pyStr(args[0]), 'stdlib');
    if (!parsed) throw new JinjaError('ValueError', `Invalid isoformat string: ${stringRepr(pyStr(args[0]))}`);
    return parsed;
  }),
}, {
  unmodelled: ['now', 'utcnow', 'today', 'fromtimestamp', 'utcfromtimestamp', 'combine', 'min', 'max'],
  call: (args, kwargs) => {
    const names = ['year', 'month', 'day', 'hour', 'minute', 'second', 'microsecond'];
    const v: Record<string, number> = { hour: 0, minute: 0, second: 0, microsecond: 0 };
    args.forEach((value, i) => (v[names[i]!] = Number(value)));
    for (const [k, value] of Object.entries(kwargs)) if (k !== 'tzinfo') v[k] = Number(value);
    if (kwargs.tzinfo !== undefined) throw new JinjaError('Unsupported', 'datetime(..., tzinfo=...) is not modelled by KubeTasks');
    const ms = Date.UTC(v.year ?? 1, (v.month ?? 1) - 1, v.day ?? 1, v.hour, v.minute, v.second);
    return new PyDateTime(ms * 1000 + (v.microsecond ?? 0), null, 'stdlib');
  },
});

const jsonModule = new PyObject('module', {
  dumps: fn('dumps', (args, kwargs) => {
    if (isTruthy(kwargs.sort_keys ?? false)) throw new JinjaError('Unsupported', 'json.dumps(sort_keys=True) is not modelled by KubeTasks');
    return toJson(args[0], kwargs.indent, false);
  }),
  loads: fn('loads', (args) => fromJson(pyStr(args[0]))),
}, { unmodelled: 'all' });

function uuidModule(uuid4: () => string): PyObject {
  return new PyObject('module', {
    uuid4: fn('uuid4', () => {
      const text = uuid4();
      return new PyObject('uuid.UUID', { hex: text.replace(/-/g, '') }, { str: () => text, unmodelled: 'all' });
    }),
  }, { unmodelled: 'all' });
}

/** The `macros` object; `uuid4` is the caller's randomness (the core has none of its own). */
export function buildMacros(uuid4: () => string): PyObject {
  return new PyObject('module', {
    ds_add: fn('ds_add', (args, kwargs) => {
      const [ds, days] = [args[0] ?? kwargs.ds, args[1] ?? kwargs.days];
      if (!isTruthy(days)) return ds;
      return strftimeOrFail(parseDs(ds).plus(PyTimedelta.of({ days: Number(days) })), '%Y-%m-%d');
    }),
    ds_format: fn('ds_format', (args, kwargs) => {
      const [ds, input, output] = [args[0] ?? kwargs.ds, args[1] ?? kwargs.input_format, args[2] ?? kwargs.output_format];
      return strftimeOrFail(parseDs(ds, pyStr(input)), pyStr(output));
    }),
    datetime: datetimeClass,
    timedelta: timedeltaClass,
    json: jsonModule,
    uuid: uuidModule(uuid4),
  }, { unmodelled: 'all' });
}
