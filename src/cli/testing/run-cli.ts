// For the CLI's tests: `main` in-process (STYLE.md "CLI"), in a fresh directory holding the given files.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '../main.js';

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

/** Writes `files` into a temporary working directory, runs `kubetasks argv…` there, and removes the directory. */
export async function runCli(files: Record<string, string>, argv: string[]): Promise<CliRun> {
  const dir = mkdtempSync(join(tmpdir(), 'kubetasks-cli-'));
  try {
    for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
    let stdout = '';
    let stderr = '';
    const code = await main(argv, { stdout: { write: (t: string) => (stdout += t) }, stderr: { write: (t: string) => (stderr += t) }, cwd: dir });
    return { code, stdout, stderr };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
