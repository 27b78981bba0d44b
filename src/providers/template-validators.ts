/**
 * Validators for the extension: the precompiled ajv modules in <extension>/dist/validators (written at build time by
 * scripts/build-template-assets.ts; milliseconds to load). The extension does not compile schemas itself: that would
 * bundle ajv's compiler (~250 KiB) into dist/extension.js, which loads on every YAML, JSON and Python file.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Logger } from '../common/index.js';
import { fromPrecompiledModule, type ValidatorSource } from '../templates/index.js';

export function createExtensionValidators(extensionPath: string, logger: Logger): ValidatorSource {
  const cache = new Map<string, ReturnType<ValidatorSource['get']>>();
  return {
    get(schemaId) {
      if (!cache.has(schemaId)) {
        const file = path.join(extensionPath, 'dist', 'validators', `${schemaId}.cjs`);
        const found = fs.existsSync(file);
        if (!found) logger.warn(`no precompiled validator ${file} (run npm run build): schema checks for ${schemaId} are off`);
        cache.set(schemaId, found ? fromPrecompiledModule(require(file)) : undefined);
      }
      return cache.get(schemaId);
    },
  };
}
