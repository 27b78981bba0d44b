/**
 * The precompiled ajv validators (`<root>/dist/validators/<id>.cjs`, written at build time by
 * scripts/build-validators.ts; milliseconds to load), for the CLI and the editor alike. Compiling schemas at run
 * time is the CLI's fallback only (src/cli/template-assets.ts): it would bundle ajv's compiler (~250 KiB) into
 * dist/extension.js, which loads on every YAML, JSON and Python file.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fromPrecompiledModule, type ValidatorSource } from '../templates/index.js';

export interface PrecompiledValidatorsOptions {
  /** Told once per schema id whose validator is missing, or older than its schema (regenerated since the build). */
  onMissing?: (file: string, schemaId: string) => void;
}

/** A precompiled validator older than its schema is stale; a packaged extension may ship no schema file beside it. */
function isFresh(compiled: string, schema: string): boolean {
  if (!fs.existsSync(compiled)) return false;
  return !fs.existsSync(schema) || fs.statSync(compiled).mtimeMs >= fs.statSync(schema).mtimeMs;
}

/** Validators loaded from `<root>/dist/validators`, each once; undefined for a schema id without a fresh module. */
export function createPrecompiledValidators(root: string | undefined, options: PrecompiledValidatorsOptions = {}): ValidatorSource {
  const cache = new Map<string, ReturnType<ValidatorSource['get']>>();
  const load = (schemaId: string): ReturnType<ValidatorSource['get']> => {
    if (root === undefined) return undefined;
    const file = path.join(root, 'dist', 'validators', `${schemaId}.cjs`);
    if (isFresh(file, path.join(root, 'schemas', `${schemaId}.schema.json`))) return fromPrecompiledModule(require(file));
    options.onMissing?.(file, schemaId);
    return undefined;
  };
  return {
    get(schemaId) {
      if (!cache.has(schemaId)) cache.set(schemaId, load(schemaId));
      return cache.get(schemaId);
    },
  };
}
