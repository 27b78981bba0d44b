// ESLint: the layering rule of STYLE.md (also enforced by src/architecture.test.ts) and no floating promises.
import tseslint from 'typescript-eslint';

const ioModules = ['fs', 'node:fs', 'fs/promises', 'node:fs/promises', 'net', 'node:net', 'http', 'node:http',
  'https', 'node:https', 'http2', 'node:http2', 'tls', 'node:tls', 'dgram', 'node:dgram', 'dns', 'node:dns',
  'child_process', 'node:child_process', 'worker_threads', 'node:worker_threads', 'timers', 'node:timers',
  'timers/promises', 'node:timers/promises', 'undici', 'ws'];
const noVscode = { name: 'vscode', message: 'Only extension.ts, providers/ and commands/ may import vscode (STYLE.md).' };
const noClientNode = { group: ['@kubernetes/client-node', '@kubernetes/client-node/*'], message: 'Only src/kube may import client-node.' };
const adapters = { group: ['**/providers/**', '**/commands/**', '**/extension', '**/extension.js'], message: 'The CLI may not import VS Code adapters.' };
const noAirflow = { group: ['**/airflow/**'], message: 'Only the edges (cli/, providers/, commands/) may import src/airflow.' };
const edgeInner = { group: ['**/edge/*', '!**/edge/index.js'], message: 'Import src/edge through its index.ts.' };
const airflowInner = { group: ['**/airflow/*', '!**/airflow/index.js'], message: 'Import src/airflow through its index.ts.' };

export default tseslint.config(
  { ignores: ['dist/**', 'dist-test/**', 'node_modules/**', 'test-results/**', 'examples/**', '.vscode-test/**', 'schemas/**'] },
  {
    files: ['src/**/*.ts'],
    extends: [tseslint.configs.base],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      // node:test's test()/describe() return promises the runner itself awaits.
      '@typescript-eslint/no-floating-promises': ['error', { allowForKnownSafeCalls: [
        { from: 'package', package: 'node:test', name: ['test', 'it', 'describe', 'suite', 'before', 'after', 'beforeEach', 'afterEach'] }] }],
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/consistent-type-imports': 'error',
      'no-restricted-syntax': ['error',
        { selector: 'TSEnumDeclaration', message: 'Use a string-literal union or an `as const` object (STYLE.md).' },
        { selector: 'TSModuleDeclaration[kind="namespace"]', message: 'No namespaces (STYLE.md).' }],
    },
  },
  {
    files: ['src/{common,settings,operators,templates,dags,tasks}/**/*.ts'],
    ignores: ['**/*.test.ts'],
    rules: {
      'no-restricted-imports': ['error', { paths: [noVscode, ...ioModules.map((name) => ({ name, message: 'The pure core does no I/O (STYLE.md).' }))], patterns: [noClientNode] }],
      'no-restricted-globals': ['error', 'setTimeout', 'setInterval', 'setImmediate', 'fetch', 'process'],
    },
  },
  {
    files: ['src/kube/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { paths: [noVscode], patterns: [noAirflow] }] },
  },
  {
    // The only Airflow I/O: like kube/, it imports only pure folders; only the edges import it.
    files: ['src/airflow/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { paths: [noVscode], patterns: [noClientNode,
      { group: ['**/providers/**', '**/commands/**', '**/cli/**', '**/kube/**', '**/edge/**', '**/extension', '**/extension.js'], message: 'airflow/ may only import pure folders.' }] }] },
  },
  {
    files: ['src/cli/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { paths: [noVscode], patterns: [noClientNode, adapters, edgeInner, airflowInner] }] },
  },
  {
    // The Node-side code both edges share: file I/O allowed; no vscode, no cluster, no adapter or CLI.
    files: ['src/edge/**/*.ts'],
    ignores: ['**/*.test.ts'],
    rules: { 'no-restricted-imports': ['error', { paths: [noVscode], patterns: [noClientNode,
      { group: ['**/providers/**', '**/commands/**', '**/cli/**', '**/kube/**', '**/airflow/**', '**/extension', '**/extension.js'], message: 'edge/ may only import pure folders.' }] }] },
  },
  {
    files: ['src/providers/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: [noClientNode, edgeInner,
      { group: ['**/commands/**'], message: 'providers/ may not import commands/ (commands use providers).' }] }] },
  },
);
