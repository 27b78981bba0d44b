/**
 * Every subcommand's arguments go through `node:util` `parseArgs` (strict), driven by one declarative option table
 * per subcommand: the table also writes the "Options:" part of the usage text, so a new flag is one table row.
 * Unknown options, a missing value (`--task` at the end) and an option eaten as a value (`--task --format`) are
 * usage errors.
 */
import { parseArgs } from 'node:util';

/** One option of a subcommand, as `--name` on the command line. */
export interface OptionSpec {
  type: 'string' | 'boolean';
  /** One line (or a few) for the usage text. */
  help: string;
  /** Placeholder of the value in the usage text, e.g. `TASK_ID`. */
  value?: string;
  /** The only values accepted (string options). */
  choices?: readonly string[];
  /** The option may be given several times; its value is then a list. */
  multiple?: boolean;
}

export type OptionTable = Readonly<Record<string, OptionSpec>>;

type ValueOf<S extends OptionSpec> = S['type'] extends 'boolean' ? boolean : S['multiple'] extends true ? string[] : string;

/** The parsed values: one entry per option given (absent when not given). */
export type OptionValues<T extends OptionTable> = { [K in keyof T]?: ValueOf<T[K]> };

export interface ParsedArgs<T extends OptionTable> {
  values: OptionValues<T>;
  positionals: string[];
}

/** The first sentences of a `parseArgs` error, without its hint about `--`. */
function describe(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return message.replace(/\s*To specify [\s\S]*$/, '').replace(/\s+/g, ' ').trim();
}

function checkChoices(table: OptionTable, values: Record<string, unknown>): string | undefined {
  for (const [name, spec] of Object.entries(table)) {
    const given = values[name];
    if (spec.choices === undefined || given === undefined) continue;
    for (const value of Array.isArray(given) ? given : [given]) {
      if (!spec.choices.includes(String(value))) return `--${name} must be one of ${spec.choices.join(', ')} (got "${String(value)}")`;
    }
  }
  return undefined;
}

/** Parses `args` against `table`; a string is the usage error to print. */
export function parseCommandArgs<T extends OptionTable>(table: T, args: readonly string[]): ParsedArgs<T> | string {
  const options = Object.fromEntries(Object.entries(table).map(([name, spec]) =>
    [name, { type: spec.type, ...(spec.multiple ? { multiple: true } : {}) }]));
  let parsed: { values: Record<string, unknown>; positionals: string[] };
  try {
    parsed = parseArgs({ args: [...args], options, allowPositionals: true, strict: true });
  } catch (error) {
    return describe(error);
  }
  const badChoice = checkChoices(table, parsed.values);
  if (badChoice) return badChoice;
  return { values: parsed.values as OptionValues<T>, positionals: parsed.positionals };
}

/** The "Options:" lines of a usage text, aligned, from the table (nothing for a command without options). */
export function formatOptions(table: OptionTable): string {
  if (Object.keys(table).length === 0) return '';
  const heads = Object.entries(table).map(([name, spec]) => {
    const value = spec.type === 'string' ? ` ${spec.choices ? spec.choices.join('|') : (spec.value ?? 'VALUE')}` : '';
    return [`--${name}${value}`, spec.help] as const;
  });
  const width = Math.max(...heads.map(([head]) => head.length));
  const lines = heads.map(([head, help]) => `  ${head.padEnd(width)}  ${help.replace(/\n/g, `\n  ${' '.repeat(width)}  `)}`);
  return `Options:\n${lines.join('\n')}\n`;
}
