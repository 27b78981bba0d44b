/**
 * Python's binary operators as Jinja2 evaluates them: `+ - * / // % **` on numbers (an int result stays int, `/`
 * and float operands give floats), `+`/`*` on strings and lists, `%` formatting, and datetime/timedelta arithmetic.
 */
import { PyDateTime, PyTimedelta } from './py-datetime.js';
import { percentFormat } from './py-format.js';
import { JinjaError, Undefined, isFloat, toFloat, typeName, unbox } from './py-value.js';

const SYMBOLS: Record<string, string> = { Add: '+', Sub: '-', Mul: '*', Div: '/', FloorDiv: '//', Mod: '%', Pow: '**' };

export function arithmetic(op: string, a: unknown, b: unknown): unknown {
  if (a instanceof Undefined) return a.fail();
  if (b instanceof Undefined) return b.fail();
  const special = specialArithmetic(op, a, b);
  if (special !== undefined) return special;
  if (op === 'Add' && (typeof a === 'string' || Array.isArray(a))) {
    const type = typeName(a);
    throw new JinjaError('TypeError', `can only concatenate ${type} (not "${typeName(b)}") to ${type}`);
  }
  const num = (x: unknown) => (typeof x === 'boolean' ? Number(x) : unbox(x));
  const [x, y] = [num(a), num(b)];
  if (typeof x !== 'number' || typeof y !== 'number') {
    throw new JinjaError('TypeError', `unsupported operand type(s) for ${SYMBOLS[op] ?? op}: '${typeName(a)}' and '${typeName(b)}'`);
  }
  if (y === 0 && (op === 'Div' || op === 'FloorDiv' || op === 'Mod')) {
    throw new JinjaError('ZeroDivisionError', op === 'Div' ? 'division by zero' : 'integer division or modulo by zero');
  }
  const float = op === 'Div' || isFloat(a) || isFloat(b) || (op === 'Pow' && y < 0);
  const result = numericResult(op, x, y);
  return float ? toFloat(result) : result;
}

function numericResult(op: string, x: number, y: number): number {
  switch (op) {
    case 'Add': return x + y;
    case 'Sub': return x - y;
    case 'Mul': return x * y;
    case 'Div': return x / y;
    case 'FloorDiv': return Math.floor(x / y);
    case 'Mod': return x - y * Math.floor(x / y);
    case 'Pow': return x ** y;
    default: throw new JinjaError('Unsupported', `the operator ${op} is not supported by KubeTasks`);
  }
}

/** Operators on strings, lists and dates; undefined when the operands are plain numbers. */
function specialArithmetic(op: string, a: unknown, b: unknown): unknown {
  if (op === 'Add' && typeof a === 'string' && typeof b === 'string') return a + b;
  if (op === 'Add' && Array.isArray(a) && Array.isArray(b)) return [...a, ...b];
  if (op === 'Mul' && typeof a === 'string' && typeof b === 'number') return a.repeat(Math.max(0, b));
  if (op === 'Mul' && Array.isArray(a) && typeof b === 'number') return Array.from({ length: Math.max(0, b) }, () => a).flat();
  if (op === 'Mod' && typeof a === 'string') return percentFormat(a, b);
  if (a instanceof PyDateTime && b instanceof PyTimedelta) {
    if (op === 'Add') return a.plus(b);
    if (op === 'Sub') return a.plus(new PyTimedelta(-b.micros));
  }
  if (op === 'Add' && a instanceof PyTimedelta && b instanceof PyDateTime) return b.plus(a);
  if (op === 'Sub' && a instanceof PyDateTime && b instanceof PyDateTime) return a.minus(b);
  if (a instanceof PyTimedelta && b instanceof PyTimedelta && (op === 'Add' || op === 'Sub')) return new PyTimedelta(op === 'Add' ? a.micros + b.micros : a.micros - b.micros);
  if (op === 'Mul' && a instanceof PyTimedelta && typeof b === 'number') return new PyTimedelta(a.micros * b);
  return undefined;
}
