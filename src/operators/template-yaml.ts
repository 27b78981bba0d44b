/**
 * Template files are read by Airflow with PyYAML's `yaml.safe_load`, a YAML 1.1 loader: `yes`/`on` are booleans,
 * `0777` is octal. The `yaml` library's 1.1 schema reproduces that.
 */
import { Scalar, parseDocument, type ScalarTag, type Tags } from 'yaml';
import { OperatorError } from './operator-error.js';
import type { PyValue } from './py-value.js';

/** PyYAML's bool resolver: unlike the yaml library's 1.1 schema, a lone `y` or `n` stays a string. */
const pyyamlBools: ScalarTag[] = [
  { tag: 'tag:yaml.org,2002:bool', default: true, test: /^(?:yes|Yes|YES|true|True|TRUE|on|On|ON)$/, resolve: () => new Scalar(true) },
  { tag: 'tag:yaml.org,2002:bool', default: true, test: /^(?:no|No|NO|false|False|FALSE|off|Off|OFF)$/, resolve: () => new Scalar(false) },
];

/**
 * Timestamps stay text: a date-only value then reads back as Python's `str(date)` would print it, which is what
 * the string-typed Kubernetes fields receive.
 */
function pyyamlTags(tags: Tags): Tags {
  const dropped = new Set(['tag:yaml.org,2002:bool', 'tag:yaml.org,2002:timestamp']);
  const kept = tags.filter((tag) => typeof tag === 'string' || !dropped.has(tag.tag));
  return [...pyyamlBools, ...kept];
}

export function loadYaml11(text: string): PyValue {
  const doc = parseDocument(text, { version: '1.1', merge: true, uniqueKeys: false, customTags: pyyamlTags });
  const error = doc.errors[0];
  if (error) {
    const detail = error.message.split('\n')[0] ?? error.message;
    throw new OperatorError('YAMLError', `${pyyamlProblem(detail, text)}\n  (${detail})`);
  }
  return toPy(doc.toJS({ maxAliasCount: -1 }) as unknown);
}

function toPy(value: unknown): PyValue {
  if (value === undefined || value === null) return null;
  if (value instanceof Date) return value.toISOString();
  if (Array.isArray(value)) return value.map((item) => toPy(item));
  if (typeof value === 'bigint') return Number(value);
  if (typeof value === 'object') {
    const out: Record<string, PyValue> = {};
    for (const [key, item] of Object.entries(value as Record<string, unknown>)) out[key] = toPy(item);
    return out;
  }
  return value as PyValue;
}

/**
 * The first line PyYAML's pure-Python loader would print for the same mistake (its messages name the construct
 * being parsed); the yaml library's own wording follows on the next line.
 */
const pyyamlPhrases: [RegExp, string][] = [
  [/^Flow sequence/, 'while parsing a flow sequence'],
  [/^Flow map/, 'while parsing a flow mapping'],
  [/^Missing closing .?quote/, 'while scanning a quoted scalar'],
  [/^Nested mappings are not allowed/, 'mapping values are not allowed here'],
  [/^Tabs are not allowed/, 'while scanning for the next token'],
  [/^A block sequence may not be used as an implicit map key/, 'while parsing a block mapping'],
];

function pyyamlProblem(detail: string, text: string): string {
  for (const [pattern, phrase] of pyyamlPhrases) if (pattern.test(detail)) return phrase;
  return /^\s*-\s/.test(text) ? 'while parsing a block collection' : 'while parsing a block mapping';
}
