/**
 * Where the CLI finds the bundled schemas (schemas/) and the precompiled validators (dist/validators/, written by
 * scripts/build-validators.ts at build time). Precompiled modules load in milliseconds; without them (running from
 * source) the schemas are compiled with ajv on first use. Both give the same diagnostics.
 */
import fs from 'node:fs';
import path from 'node:path';
import {
  chainValidatorSources, createCompilingValidatorSource, fromPrecompiledModule, type ValidatorSource,
} from '../templates/index.js';

/** The folder that holds schemas/: the repository (from source) or the package root (from dist/cli.js). */
export function findAssetRoot(start: string = __dirname): string | undefined {
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

/** A precompiled validator older than its schema (a schema regenerated since the last build) is not used. */
function isFresh(compiled: string, schema: string): boolean {
  if (!fs.existsSync(compiled)) return false;
  return !fs.existsSync(schema) || fs.statSync(compiled).mtimeMs >= fs.statSync(schema).mtimeMs;
}

/** Validators backed by `<root>/dist/validators/<id>.cjs` when present, else by `<root>/schemas/<id>.schema.json`. */
export function createNodeValidatorSource(root: string | undefined = findAssetRoot()): ValidatorSource {
  const precompiled: ValidatorSource = {
    get(schemaId) {
      if (root === undefined) return undefined;
      const file = path.join(root, 'dist', 'validators', `${schemaId}.cjs`);
      return isFresh(file, path.join(root, 'schemas', `${schemaId}.schema.json`)) ? fromPrecompiledModule(require(file)) : undefined;
    },
  };
  const compiling = createCompilingValidatorSource((schemaId) =>
    root === undefined ? undefined : readJson(path.join(root, 'schemas', `${schemaId}.schema.json`)));
  return chainValidatorSources(cachedSource(precompiled), compiling);
}

function cachedSource(source: ValidatorSource): ValidatorSource {
  const cache = new Map<string, ReturnType<ValidatorSource['get']>>();
  return {
    get(schemaId) {
      if (!cache.has(schemaId)) cache.set(schemaId, source.get(schemaId));
      return cache.get(schemaId);
    },
  };
}
