/**
 * Where the CLI finds the bundled schemas (schemas/) and the precompiled validators (src/edge/validators.ts).
 * Without precompiled modules (running from source) the schemas are compiled with ajv on first use; both give the
 * same diagnostics.
 */
import fs from 'node:fs';
import path from 'node:path';
import { createPrecompiledValidators } from '../edge/index.js';
import { chainValidatorSources, createCompilingValidatorSource, type ValidatorSource } from '../templates/index.js';

/** The folder that holds schemas/: the repository (from source) or the package root (from dist/cli.js). */
function findAssetRoot(start: string = __dirname): string | undefined {
  let dir = start;
  for (let i = 0; i < 5; i++) {
    if (fs.existsSync(path.join(dir, 'schemas', 'pod.schema.json'))) return dir;
    dir = path.dirname(dir);
  }
  return undefined;
}

function readJson(file: string): unknown {
  return fs.existsSync(file) ? JSON.parse(fs.readFileSync(file, 'utf8')) : undefined;
}

/** Validators backed by `<root>/dist/validators/<id>.cjs` when present, else by `<root>/schemas/<id>.schema.json`. */
export function createNodeValidatorSource(root: string | undefined = findAssetRoot()): ValidatorSource {
  const compiling = createCompilingValidatorSource((schemaId) =>
    root === undefined ? undefined : readJson(path.join(root, 'schemas', `${schemaId}.schema.json`)));
  return chainValidatorSources(createPrecompiledValidators(root), compiling);
}
