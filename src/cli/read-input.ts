/** The FILE argument of `render` and `list`, read relative to the CLI's working directory. */
import fs from 'node:fs';
import path from 'node:path';
import type { CliIo } from './io.js';

/** Reads the FILE argument of `command`; says why on stderr when it cannot. */
export function readInput(command: string, file: string, io: CliIo): { absolute: string; text: string } | undefined {
  const absolute = path.resolve(io.cwd ?? process.cwd(), file);
  try {
    return { absolute, text: fs.readFileSync(absolute, 'utf8') };
  } catch (error) {
    io.stderr.write(`kubetasks ${command}: cannot read ${file}: ${(error as Error).message}\n`);
    return undefined;
  }
}
