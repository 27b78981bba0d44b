// Build every output the extension and the CLI ship (the list is in ARCHITECTURE.md, "Build outputs").
// Usage: node esbuild.mjs [--production] [--watch]
import * as esbuild from 'esbuild';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';

const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');

/** Options every Node-side bundle shares: CommonJS for VS Code's loader and for `require` from bin/. */
const node = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: !production,
  minify: production,
  logLevel: 'warning',
  // web-tree-sitter's ESM build locates itself with import.meta.url, which a CommonJS bundle lacks; its CJS build does not.
  alias: { 'web-tree-sitter': './node_modules/web-tree-sitter/tree-sitter.cjs' },
};

const bundles = [
  // The extension: loaded by VS Code; `vscode` is provided by the host. Budget: 2 MB (checked in the unit phase).
  { ...node, entryPoints: ['src/extension.ts'], outfile: 'dist/extension.js', external: ['vscode'] },
  // The editor's cluster code (src/kube + client-node), required by src/providers/cluster-loader.ts on first use, so
  // it is outside the extension's 2 MB budget and off the activation path (issue 14).
  { ...node, entryPoints: ['src/kube/index.ts'], outfile: 'dist/cluster.js' },
  // The CLI (bin/kubetasks.js requires it): never imports vscode (src/architecture.test.ts).
  { ...node, entryPoints: ['src/cli/main.ts'], outfile: 'dist/cli.js' },
];

fs.rmSync('dist', { recursive: true, force: true });
// Precompiled ajv validators (dist/validators/*.cjs), the yaml-language-server bundle (dist/yaml-server.js) and its
// l10n files (issue 5): built by their own script, in both modes.
execFileSync(process.execPath, ['--import', 'tsx', 'scripts/build-template-assets.ts', ...(production ? ['--production'] : [])], { stdio: 'inherit' });
// The Python grammar for DAG files (issue 6), read next to dist/extension.js and dist/cli.js.
fs.mkdirSync('dist', { recursive: true });
fs.copyFileSync('node_modules/web-tree-sitter/tree-sitter.wasm', 'dist/tree-sitter.wasm');
fs.copyFileSync('node_modules/tree-sitter-python/tree-sitter-python.wasm', 'dist/tree-sitter-python.wasm');
if (watch) {
  const contexts = await Promise.all(bundles.map((b) => esbuild.context(b)));
  await Promise.all(contexts.map((c) => c.watch()));
  console.log('esbuild: watching');
} else {
  const t0 = Date.now();
  await Promise.all(bundles.map((b) => esbuild.build(b)));
  console.log(`esbuild: ${bundles.length} bundles in ${Date.now() - t0} ms`);
}
