/**
 * Build-time tool: bundles yaml-language-server 1.25.0 (the last line that runs on Node 20) into one file,
 * `dist/yaml-server.js`, plus its English message bundle in `dist/yaml-l10n/` (the client passes that folder as
 * initializationOptions.l10nPath). `mainFields: module` makes esbuild take jsonc-parser's ESM build: its UMD build
 * resolves `./impl/*` at run time and breaks in a bundle.
 */
import fs from 'node:fs';
import path from 'node:path';
import * as esbuild from 'esbuild';

const repoRoot = path.resolve(__dirname, '..');

export async function buildYamlServer(outDir = path.join(repoRoot, 'dist'), production = false): Promise<void> {
  const serverPackage = path.join(repoRoot, 'node_modules', 'yaml-language-server');
  await esbuild.build({
    entryPoints: [path.join(serverPackage, 'out', 'server', 'src', 'server.js')],
    outfile: path.join(outDir, 'yaml-server.js'),
    bundle: true, platform: 'node', target: 'node20', format: 'cjs', mainFields: ['module', 'main'],
    minify: production, sourcemap: !production, logLevel: 'warning',
  });
  fs.mkdirSync(path.join(outDir, 'yaml-l10n'), { recursive: true });
  fs.copyFileSync(path.join(serverPackage, 'l10n', 'bundle.l10n.json'), path.join(outDir, 'yaml-l10n', 'bundle.l10n.json'));
}

if (require.main === module) {
  void buildYamlServer(undefined, process.argv.includes('--production'));
}
