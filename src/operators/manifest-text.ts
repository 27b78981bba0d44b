/** Text forms of rendered API bodies: JSON (2-space, newline) and YAML (one document per task). */
import { stringify } from 'yaml';
import type { ApiOutput } from './render-operator.js';

/** The data printed for one task: the object itself, or the plan without its explanatory note. */
export function toPrintable(output: ApiOutput): unknown {
  if (output.kind === 'object') return output.body;
  const { note: _note, ...plan } = output.plan;
  return plan;
}

/** JSON with 2-space indent and a newline; several tasks print as an array. */
export function toJsonText(values: readonly unknown[], asArray = values.length !== 1): string {
  return `${JSON.stringify(asArray ? values : values[0], null, 2)}\n`;
}

/** A YAML stream; documents after the first start with `---`. */
export function toYamlText(values: readonly unknown[]): string {
  return values.map((value) => stringify(value, { lineWidth: 0, aliasDuplicateObjects: false })).join('---\n');
}
