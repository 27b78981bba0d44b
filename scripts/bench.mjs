// `npm run bench`: every benchmark in bench/ (never part of `npm test`). Each prints ratios against an anchor
// measured in the same run; docs/BENCHMARKS.md records the results. Usage: node scripts/bench.mjs [name ...]
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const repo = path.resolve(import.meta.dirname, '..');
const wanted = process.argv.slice(2);
const benches = fs.readdirSync(path.join(repo, 'bench')).filter((f) => /\.(ts|mjs)$/.test(f) && !f.includes('.test.'))
  .filter((f) => wanted.length === 0 || wanted.some((w) => f.startsWith(w))).sort();
spawnSync('node', ['esbuild.mjs', '--production'], { cwd: repo, stdio: 'inherit' });
let failed = 0;
for (const file of benches) {
  console.log(`\n=== bench/${file}`);
  const args = file.endsWith('.ts') ? ['--import', 'tsx', `bench/${file}`] : [`bench/${file}`];
  const r = spawnSync('node', args, { cwd: repo, stdio: 'inherit' });
  if (r.status !== 0) failed++;
}
console.log(`\nbench: ${benches.length - failed} passed, ${failed} failed`);
process.exitCode = failed > 0 ? 1 : 0;
