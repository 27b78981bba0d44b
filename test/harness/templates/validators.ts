/**
 * Test support: a ValidatorSource that compiles the committed schemas/ with ajv on first use (once per process),
 * as the CLI does when dist/validators is absent. Unit tests of src/templates use it.
 */
import fs from 'node:fs';
import path from 'node:path';
import { createCompilingValidatorSource, type ValidatorSource } from '../../../src/templates/index.js';

export const repoRoot = path.join(import.meta.dirname, '..', '..', '..');
export const schemasDir = path.join(repoRoot, 'schemas');
export const templateFixturesDir = path.join(repoRoot, 'test', 'fixtures', 'templates');

export function readSchema(schemaId: string): unknown {
  const file = path.join(schemasDir, `${schemaId}.schema.json`);
  return fs.existsSync(file) ? JSON.parse(fs.readFileSync(file, 'utf8')) : undefined;
}

export const testValidators: ValidatorSource = createCompilingValidatorSource(readSchema);

/** One diagnostic as the fixture `.expected` files write it: `line:col-endLine:endCol severity CODE message`. */
export function toExpectedLine(d: { start: { line: number; column: number }; end: { line: number; column: number };
  severity: string; code: string; message: string }): string {
  return `${d.start.line}:${d.start.column}-${d.end.line}:${d.end.column} ${d.severity} ${d.code} ${d.message}`;
}
