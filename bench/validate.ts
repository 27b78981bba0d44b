/**
 * bench/validate: in one run, (1) warm validation of a 500-line Spark application template by the KubeTasks engine
 * (precompiled validators, schema errors and every lint) against yaml-language-server 1.25's own validation with the
 * same schema (its language service, in process); (2) cold load of each kind's precompiled validator in a fresh
 * process, next to a cold ajv compile of the same schema. Goals: ours ≤ 1.0× yaml-language-server (issue 9; the
 * editor validates behind a debounce), cold load ≤ 50 ms (issue 5). Printed, never asserted.
 * Usage: node --import tsx bench/validate.ts
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { getLanguageService } from 'yaml-language-server';
import { validateTemplate } from '../src/templates/index.js';
import { createNodeValidatorSource } from '../src/cli/template-assets.js';
import { buildValidators } from '../scripts/build-validators.js';

const repo = path.join(import.meta.dirname, '..');
const RUNS = 200;

/** A realistic Spark template: the wrapper with long env, volume and sparkConf lists, 500 lines. */
export function sparkTemplate500(): string {
  const lines = ['spark:', '  apiVersion: sparkoperator.k8s.io/v1beta2', '  kind: SparkApplication', '  metadata:',
    '    namespace: spark-jobs', '  spec:', '    type: Python', '    mode: cluster', '    image: apache/spark-py:v3.4.0',
    '    mainApplicationFile: local:///opt/app/main.py', '    sparkVersion: 3.4.0', '    sparkConf:'];
  for (let i = 0; i < 60; i++) lines.push(`      spark.kubetasks.setting${i}: "value-${i}"`);
  for (const role of ['driver', 'executor']) {
    lines.push(`    ${role}:`, '      cores: 1', '      memory: 512m', '      labels:', `        role: ${role}`, '      env:');
    for (let i = 0; i < 40; i++) lines.push(`        - name: VAR_${i}`, `          value: "v${i}"`);
    lines.push('      volumeMounts:');
    for (let i = 0; i < 20; i++) lines.push(`        - name: vol-${i}`, `          mountPath: /mnt/${role}/${i}`);
  }
  lines.push('    volumes:');
  while (lines.length < 496) lines.push(`      - name: vol-${lines.length}`, '        emptyDir: {}');
  lines.push('    executor2: {}', 'kubernetes:', '  env_vars: {}', '  env_from: []');
  return `${lines.slice(0, 500).join('\n')}\n`;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

function timeMs(fn: () => void): number {
  const start = process.hrtime.bigint();
  fn();
  return Number(process.hrtime.bigint() - start) / 1e6;
}

async function timeMsAsync(fn: () => Promise<unknown>): Promise<number> {
  const start = process.hrtime.bigint();
  await fn();
  return Number(process.hrtime.bigint() - start) / 1e6;
}

function benchOurs(text: string): { ms: number; diagnostics: number } {
  const validators = createNodeValidatorSource(repo);
  let diagnostics = 0;
  for (let i = 0; i < 20; i++) diagnostics = validateTemplate(text, { fileName: 'big.yaml', validators }).diagnostics.length;
  const times = Array.from({ length: RUNS }, () => timeMs(() => validateTemplate(text, { fileName: 'big.yaml', validators })));
  return { ms: median(times), diagnostics };
}

async function benchYamlLanguageServer(text: string): Promise<{ ms: number; diagnostics: number }> {
  const schemaFile = path.join(repo, 'schemas', 'spark-template.schema.json');
  const schemaUri = `file://${schemaFile}`;
  const service = getLanguageService({
    schemaRequestService: async (uri) => (uri === schemaUri ? fs.readFileSync(schemaFile, 'utf8') : Promise.reject(new Error(`offline: ${uri}`))),
    workspaceContext: { resolveRelativePath: (relative, resource) => new URL(relative, resource).toString() },
  });
  service.configure({ validate: true, completion: false, hover: false, isKubernetes: false,
    schemas: [{ uri: schemaUri, fileMatch: ['*.yaml'] }] });
  const doc = (version: number) => TextDocument.create('file:///bench/big.yaml', 'yaml', version, text);
  let diagnostics = 0;
  for (let i = 0; i < 20; i++) diagnostics = (await service.doValidation(doc(i), false)).length;
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) times.push(await timeMsAsync(() => service.doValidation(doc(100 + i), false)));
  return { ms: median(times), diagnostics };
}

/** Fresh `node` per measurement, so module caches are cold. */
function coldLoad(kind: string, how: 'precompiled' | 'compile'): number {
  const script = how === 'precompiled'
    ? `const t=process.hrtime.bigint();require(${JSON.stringify(path.join(repo, 'dist', 'validators', `${kind}.cjs`))});`
    : `const A=require('ajv').default;const s=JSON.parse(require('fs').readFileSync(${JSON.stringify(path.join(repo, 'schemas', `${kind}.schema.json`))},'utf8'));` +
      `const t=process.hrtime.bigint();new A({allErrors:true,strict:false,validateFormats:false}).compile(s);`;
  const out = execFileSync(process.execPath, ['-e', `${script}console.log(Number(process.hrtime.bigint()-t)/1e6)`], { cwd: repo });
  return Number(out.toString().trim());
}

async function main(): Promise<void> {
  if (!fs.existsSync(path.join(repo, 'dist', 'validators', 'pod.cjs'))) await buildValidators(undefined, true);
  const text = sparkTemplate500();
  const ours = benchOurs(text);
  const theirs = await benchYamlLanguageServer(text);
  console.log(`warm validation, 500-line Spark template (median of ${RUNS}):`);
  console.log(`  kubetasks engine        ${ours.ms.toFixed(2)} ms (${ours.diagnostics} diagnostics)`);
  console.log(`  yaml-language-server    ${theirs.ms.toFixed(2)} ms (${theirs.diagnostics} diagnostics)`);
  console.log(`  ratio ours/yls          ${(ours.ms / theirs.ms).toFixed(2)}x (goal <= 1.0x)`);
  console.log('cold validator load per kind (fresh process, median of 3): precompiled vs ajv compile');
  for (const kind of ['pod', 'job', 'spark-template', 'spark-application', 'kueue-local-queue-v1beta2', 'kueue-workload-v1beta2', 'task']) {
    if (!fs.existsSync(path.join(repo, 'schemas', `${kind}.schema.json`))) continue;
    const loaded = median([0, 1, 2].map(() => coldLoad(kind, 'precompiled')));
    const compiled = median([0, 1, 2].map(() => coldLoad(kind, 'compile')));
    console.log(`  ${kind.padEnd(28)} ${loaded.toFixed(1).padStart(6)} ms vs ${compiled.toFixed(1).padStart(6)} ms ` +
      `(ratio ${(loaded / compiled).toFixed(2)}x; goal <= 50 ms: ${loaded <= 50 ? 'met' : 'missed'})`);
  }
}

if (require.main === module) void main();
