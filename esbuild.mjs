// Build every output the extension and the CLI ship (the list is in ARCHITECTURE.md, "Build outputs").
// Usage: node esbuild.mjs [--production] [--watch]
import * as esbuild from 'esbuild';
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
};

const bundles = [
  // The extension: loaded by VS Code; `vscode` is provided by the host. Budget: 2 MB (checked in the unit phase).
  { ...node, entryPoints: ['src/extension.ts'], outfile: 'dist/extension.js', external: ['vscode'] },
  // The CLI (bin/kubetasks.js requires it): never imports vscode (src/architecture.test.ts).
  { ...node, entryPoints: ['src/cli/main.ts'], outfile: 'dist/cli.js' },
];

fs.rmSync('dist', { recursive: true, force: true });
if (watch) {
  const contexts = await Promise.all(bundles.map((b) => esbuild.context(b)));
  await Promise.all(contexts.map((c) => c.watch()));
  console.log('esbuild: watching');
} else {
  const t0 = Date.now();
  await Promise.all(bundles.map((b) => esbuild.build(b)));
  console.log(`esbuild: ${bundles.length} bundles in ${Date.now() - t0} ms`);
}
