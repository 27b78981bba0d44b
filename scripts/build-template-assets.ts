/**
 * Build-time entry for everything template validation ships besides the two main bundles: the precompiled ajv
 * validators (dist/validators/) and the bundled yaml-language-server (dist/yaml-server.js, dist/yaml-l10n/).
 * esbuild.mjs runs it after cleaning dist/:  node --import tsx scripts/build-template-assets.ts [--production]
 */
import { buildValidators } from './build-validators.js';
import { buildYamlServer } from './build-yaml-server.js';

async function buildTemplateAssets(production: boolean): Promise<void> {
  const t0 = Date.now();
  const [ids] = await Promise.all([buildValidators(undefined, production), buildYamlServer(undefined, production)]);
  process.stderr.write(`template assets: ${ids.length} validators and the YAML server in ${Date.now() - t0} ms\n`);
}

if (require.main === module) {
  buildTemplateAssets(process.argv.includes('--production')).catch((error: unknown) => {
    process.stderr.write(`build-template-assets failed: ${String(error)}\n`);
    process.exitCode = 1;
  });
}
