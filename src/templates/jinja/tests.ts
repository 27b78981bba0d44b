/** Jinja2's builtin tests (jinja2/tests.py): `x is defined`, `x is none`, `n is divisibleby 3` … */
import { PyFloat, PyFunction, PyTuple, Undefined, isDict, isFloat, iterateValue, pyCompare, pyEquals } from './py-value.js';

export type Test = (value: unknown, args: unknown[]) => boolean;

const isNumber = (v: unknown) => typeof v === 'number' || typeof v === 'boolean' || v instanceof PyFloat;
const use = (v: unknown) => (v instanceof Undefined ? v.fail() : v);

export const TESTS: Record<string, Test> = {
  defined: (v) => !(v instanceof Undefined),
  undefined: (v) => v instanceof Undefined,
  none: (v) => v === null,
  boolean: (v) => typeof v === 'boolean',
  true: (v) => v === true,
  false: (v) => v === false,
  integer: (v) => typeof v === 'number' && Number.isInteger(v),
  float: (v) => isFloat(v),
  number: (v) => isNumber(v),
  string: (v) => typeof v === 'string',
  mapping: (v) => isDict(v),
  sequence: (v) => typeof v === 'string' || Array.isArray(v) || v instanceof PyTuple || isDict(v),
  iterable: (v) => typeof use(v) === 'string' || Array.isArray(v) || v instanceof PyTuple || isDict(v),
  callable: (v) => v instanceof PyFunction,
  odd: (v) => Number(use(v)) % 2 !== 0,
  even: (v) => Number(use(v)) % 2 === 0,
  divisibleby: (v, a) => Number(use(v)) % Number(a[0]) === 0,
  lower: (v) => typeof use(v) === 'string' && String(v) === String(v).toLowerCase(),
  upper: (v) => typeof use(v) === 'string' && String(v) === String(v).toUpperCase(),
  sameas: (v, a) => use(v) === a[0],
  in: (v, a) => {
    const container = a[0];
    if (typeof container === 'string') return typeof v === 'string' && container.includes(v);
    if (isDict(container)) return typeof v === 'string' && Object.hasOwn(container, v);
    return iterateValue(container).some((x) => pyEquals(x, v));
  },
  eq: (v, a) => pyEquals(v, a[0]),
  ne: (v, a) => !pyEquals(v, a[0]),
  lt: (v, a) => pyCompare(v, a[0], '<'),
  le: (v, a) => pyCompare(v, a[0], '<='),
  gt: (v, a) => pyCompare(v, a[0], '>'),
  ge: (v, a) => pyCompare(v, a[0], '>='),
  escaped: () => false,
  filter: () => false,
  test: () => false,
};
for (const [alias, name] of [['==', 'eq'], ['equalto', 'eq'], ['!=', 'ne'], ['<', 'lt'], ['lessthan', 'lt'], ['<=', 'le'], ['>', 'gt'], ['greaterthan', 'gt'], ['>=', 'ge']] as const) {
  TESTS[alias] = TESTS[name]!;
}
