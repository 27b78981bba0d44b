// Package the built extension into a .vsix with @vscode/vsce 3.x. Everything is bundled by esbuild, so no
// node_modules ship (--no-dependencies); README links stay relative (the images ship in the .vsix).
// Usage: node scripts/package-vsix.mjs [out.vsix]   (default dist/kubetasks.vsix)
import { execFileSync } from 'node:child_process';
import path from 'node:path';

const repo = path.resolve(import.meta.dirname, '..');

export function packageVsix(out) {
  execFileSync('npx', ['--no-install', 'vsce', 'package', '--no-dependencies', '--allow-missing-repository',
    '--skip-license', '--no-rewrite-relative-links', '-o', out], { cwd: repo, stdio: ['ignore', 'ignore', 'inherit'] });
  return out;
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(import.meta.filename)) {
  const out = path.resolve(process.argv[2] ?? path.join(repo, 'dist', 'kubetasks.vsix'));
  packageVsix(out);
  console.log(`packaged ${path.relative(process.cwd(), out)}`);
}
