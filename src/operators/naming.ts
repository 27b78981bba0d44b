/**
 * Pod, Job and SparkApplication names as Airflow builds them: `kubernetes_helper_functions.create_unique_id`,
 * `add_unique_suffix`, python-slugify's `slugify`, and `KubernetesPodOperator._set_name` (which validates with
 * `airflow.utils.helpers.validate_key`).
 */
import { OperatorError } from './operator-error.js';
import { pythonRepr, pythonTypeName, type PyValue } from './py-value.js';

/** Supplies the randomness Airflow draws from `secrets.choice` and `uuid.uuid4`; injected so output can be pinned. */
export interface RandomSource {
  /** `n` characters from `[a-z0-9]`. */
  alphanumeric(n: number): string;
  /** A version-4 UUID in its 36-character text form. */
  uuid4(): string;
}

/** `POD_NAME_MAX_LENGTH`: the Linux HOST_NAME_MAX minus one. */
export const podNameMaxLength = 63;

/** `add_unique_suffix`: keep room for `-xxxxxxxx`, then strip dashes and dots the cut left at the end (or start). */
export function addUniqueSuffix(name: string, random: RandomSource, maxLength = podNameMaxLength): string {
  const suffix = `-${random.alphanumeric(8)}`;
  return stripChars([...name].slice(0, maxLength - suffix.length).join(''), '-.') + suffix;
}

/** `create_unique_id(task_id=…)`: the slug of the task_id, cut, then optionally suffixed. */
export function createUniqueId(taskId: string, options: { unique: boolean; maxLength: number; random: RandomSource }): string {
  if (!taskId) throw new OperatorError('ValueError', 'Must supply either dag_id or task_id.');
  const base = stripChars([...slugify(taskId)].slice(0, options.maxLength).join(''), '.-');
  return options.unique ? addUniqueSuffix(base, options.random, options.maxLength) : base;
}

/**
 * python-slugify 9 `slugify(text, lowercase=True)` for the characters a task_id can hold. Transliteration of
 * non-ASCII letters is approximated by NFKD plus dropping what stays non-ASCII (unidecode has tables we do not ship).
 */
export function slugify(text: string): string {
  let out = text.replace(/'+/g, '-');
  out = decodeEntities(out.normalize('NFKD')).normalize('NFKD');
  out = out.replace(/[^\x00-\x7f]/g, '').toLowerCase();
  out = out.replace(/'+/g, '');
  out = out.replace(/(?<=\d),(?=\d)/g, '');
  out = out.replace(/[^-a-z0-9]+/g, '-');
  out = out.replace(/-{2,}/g, '-');
  return stripChars(out, '-');
}

const namedEntities: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0' };

function decodeEntities(text: string): string {
  return text
    .replace(/&(\w+);/g, (whole, name: string) => namedEntities[name] ?? whole)
    .replace(/&#(\d+);/g, (_, code: string) => String.fromCodePoint(Number(code)))
    .replace(/&#x([\da-fA-F]+);/g, (_, code: string) => String.fromCodePoint(parseInt(code, 16)));
}

/** Python `str.strip(chars)`. */
export function stripChars(text: string, chars: string): string {
  let start = 0;
  let end = text.length;
  while (start < end && chars.includes(text[start] ?? '')) start++;
  while (end > start && chars.includes(text[end - 1] ?? '')) end--;
  return text.slice(start, end);
}

/** `validate_key(k, max_length)` from `airflow.utils.helpers` (Airflow 3.3), used for task_id and pod names. */
export function validateKey(key: PyValue, maxLength: number): string {
  if (typeof key !== 'string') {
    throw new OperatorError('TypeError', `The key has to be a string and is ${pythonTypeName(key)}:${pythonRepr(key)}`);
  }
  if ([...key].length > maxLength) {
    throw new OperatorError('AirflowException', `The key: ${key} has to be less than ${maxLength} characters`);
  }
  if (!/^[\p{L}\p{N}_.-]+$/u.test(key)) {
    throw new OperatorError(
      'AirflowException',
      `The key ${pythonRepr(key)} has to be made of alphanumeric characters, dashes, dots and underscores exclusively`,
    );
  }
  if (key.includes('..')) {
    throw new OperatorError(
      'AirflowException',
      `The key ${pythonRepr(key)} must not contain consecutive dots ('..') to prevent path traversal`,
    );
  }
  return key;
}

/** `KubernetesPodOperator._set_name`: validate (≤220), lowercase, and turn runs outside `[a-z0-9-]` into `-`. */
export function setName(name: PyValue): string | null {
  if (name === null) return null;
  const valid = validateKey(name, 220);
  return valid.toLowerCase().replace(/[^a-z0-9-]+/g, '-');
}

/** A RandomSource over a seedable generator, for `--no-random-suffix`-free deterministic runs and tests. */
export function seededRandom(seed: number): RandomSource {
  let state = seed >>> 0 || 1;
  const next = (): number => {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    return (state >>> 0) / 0x100000000;
  };
  const alphabet = 'abcdefghijklmnopqrstuvwxyz0123456789';
  const hex = (n: number): string => Array.from({ length: n }, () => Math.floor(next() * 16).toString(16)).join('');
  return {
    alphanumeric: (n) => Array.from({ length: n }, () => alphabet[Math.floor(next() * alphabet.length)]).join(''),
    uuid4: () => `${hex(8)}-${hex(4)}-4${hex(3)}-${'89ab'[Math.floor(next() * 4)]}${hex(3)}-${hex(12)}`,
  };
}
