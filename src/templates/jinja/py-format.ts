/**
 * `str.format(...)` and `"..." % args`, as templates use them (Python reference: "Format String Syntax",
 * "printf-style String Formatting"). Spec parts outside [[fill]align][sign][0][width][,][.precision][type] with types
 * s d f F e x o b % raise Unsupported rather than print something else.
 */
import { JinjaError, PyFloat, PyTuple, isDict, numberStr, pyRepr, pyStr, typeName, unbox } from './py-value.js';

const unsupported = (what: string) => new JinjaError('Unsupported', `${what} is not supported by KubeTasks' Jinja renderer`);

function applySpec(value: unknown, spec: string): string {
  const m = /^(?:(.)?([<>^=]))?([+\- ])?(0)?(\d+)?(,)?(?:\.(\d+))?([sdfFexXob%])?$/.exec(spec);
  if (!m) throw unsupported(`the format spec ${JSON.stringify(spec)}`);
  const [, fillChar, align, sign, zero, width, comma, precision, type] = m;
  let text: string;
  const num = typeof value === 'boolean' ? Number(value) : unbox(value);
  if (typeof num === 'number' && type !== 's') {
    text = !type && value instanceof PyFloat ? pyStr(value) : formatNumber(num, type, precision);
    if (comma) text = text.replace(/^(-?\d+)/, (digits) => digits.replace(/\B(?=(\d{3})+(?!\d))/g, ','));
    if (sign === '+' && num >= 0) text = `+${text}`;
    else if (sign === ' ' && num >= 0) text = ` ${text}`;
  } else {
    if (type && type !== 's') throw new JinjaError('ValueError', `Unknown format code '${type}' for object of type '${typeName(value)}'`);
    text = pyStr(value);
    if (precision !== undefined) text = text.slice(0, Number(precision));
  }
  const size = Number(width ?? 0);
  if (text.length >= size) return text;
  const fill = zero && !align ? '0' : (fillChar ?? ' ');
  const how = align ?? (zero ? '=' : typeof num === 'number' ? '>' : '<');
  const gap = size - text.length;
  if (how === '<') return text + fill.repeat(gap);
  if (how === '>') return fill.repeat(gap) + text;
  if (how === '^') return fill.repeat(Math.floor(gap / 2)) + text + fill.repeat(Math.ceil(gap / 2));
  const signed = /^[+\- ]/.test(text) ? 1 : 0;
  return text.slice(0, signed) + fill.repeat(gap) + text.slice(signed);
}

function formatNumber(value: number, type: string | undefined, precision: string | undefined): string {
  const digits = precision === undefined ? 6 : Number(precision);
  switch (type) {
    case 'd':
      if (!Number.isInteger(value)) throw new JinjaError('ValueError', "Unknown format code 'd' for object of type 'float'");
      return String(value);
    case 'f':
    case 'F':
      return value.toFixed(digits);
    case 'e':
      return value.toExponential(digits).replace(/e([+-])(\d)$/, 'e$10$2');
    case 'x':
      return value.toString(16);
    case 'X':
      return value.toString(16).toUpperCase();
    case 'o':
      return value.toString(8);
    case 'b':
      return value.toString(2);
    case '%':
      return `${(value * 100).toFixed(digits)}%`;
    default:
      if (precision !== undefined) throw unsupported('a precision without a type');
      return numberStr(value);
  }
}

function lookupField(field: string, args: unknown[], kwargs: Record<string, unknown>, auto: { next: number }): unknown {
  const m = /^([^.[]*)(.*)$/.exec(field)!;
  const head = m[1] ?? '';
  if (m[2]) throw unsupported(`the replacement field {${field}}`);
  if (head === '') return args[auto.next++];
  if (/^\d+$/.test(head)) {
    if (Number(head) >= args.length) throw new JinjaError('IndexError', `Replacement index ${head} out of range for positional args tuple`);
    return args[Number(head)];
  }
  if (!Object.hasOwn(kwargs, head)) throw new JinjaError('KeyError', pyRepr(head));
  return kwargs[head];
}

/** `template.format(*args, **kwargs)`. */
export function strFormat(template: string, args: unknown[], kwargs: Record<string, unknown>): string {
  const auto = { next: 0 };
  return template.replace(/\{\{|\}\}|\{([^{}]*)\}/g, (whole, inner: string | undefined) => {
    if (whole === '{{') return '{';
    if (whole === '}}') return '}';
    const body = inner ?? '';
    const bang = /^([^!:]*)(?:!([rsa]))?(?::(.*))?$/.exec(body);
    if (!bang) throw unsupported(`the replacement field {${body}}`);
    const value = lookupField(bang[1] ?? '', args, kwargs, auto);
    const converted = bang[2] === 'r' || bang[2] === 'a' ? pyRepr(value) : bang[2] === 's' ? pyStr(value) : value;
    return applySpec(converted, bang[3] ?? '');
  });
}

/** `template % values` (printf style): %s %r %d %i %f %x %o %e %% with flags, width and precision; `%(key)s`. */
export function percentFormat(template: string, values: unknown): string {
  const positional = values instanceof PyTuple ? values.items : [values];
  let index = 0;
  const out = template.replace(/%(?:\(([^)]*)\))?([-+ 0#]*)(\d+)?(?:\.(\d+))?([sridfFeExXo%])/g, (_, key: string | undefined, flags: string, width: string | undefined, precision: string | undefined, type: string) => {
    if (type === '%') return '%';
    const value = key !== undefined ? (isDict(values) ? values[key] : undefined) : positional[index++];
    if (key !== undefined && (!isDict(values) || !Object.hasOwn(values, key))) throw new JinjaError('KeyError', pyRepr(key));
    if (value === undefined) throw new JinjaError('TypeError', 'not enough arguments for format string');
    const align = flags.includes('-') ? '<' : '';
    const fill = flags.includes('0') && !align ? '0' : '';
    const sign = flags.includes('+') ? '+' : flags.includes(' ') ? ' ' : '';
    const conv = type === 'r' ? pyRepr(value) : type === 's' ? pyStr(value) : value;
    const specType = type === 'r' || type === 's' ? '' : type === 'i' ? 'd' : type;
    const numeric = specType === 'd' && typeof unbox(conv) === 'number' ? Math.trunc(Number(conv)) : conv;
    return applySpec(numeric, `${align}${sign}${fill}${width ?? ''}${precision !== undefined ? `.${precision}` : ''}${specType}`);
  });
  if (key0(values) && index < positional.length) throw new JinjaError('TypeError', 'not all arguments converted during string formatting');
  return out;
}

function key0(values: unknown): boolean {
  return !isDict(values);
}
