/**
 * Public surface of src/edge: the Node-side pieces both edges share, the CLI (src/cli) and the VS Code adapters
 * (src/providers, src/commands): reading template files beside a task file, loading task and DAG files, the
 * Python grammar, the precompiled validators and platform randomness. No vscode here; file I/O is allowed.
 */
export type { TextOverlay } from './read-beside.js';
export { readBeside } from './read-beside.js';
export type { DagScanner } from './task-loader.js';
export { loadTaskFile, scanDagText } from './task-loader.js';
export { loadPythonParser, readGrammarBytes } from './python-grammar.js';
export type { PrecompiledValidatorsOptions } from './validators.js';
export { createPrecompiledValidators } from './validators.js';
export { cryptoRandom } from './random.js';
export type { ContextFlags, PreparedLaunch, PrepareResult, PrepareTaskArgs } from './prepare-launch.js';
export { applyRun, parseTryNumber, prepareTaskLaunch, withRunContext } from './prepare-launch.js';
export type { FetchManifestOptions } from './fetch-manifest.js';
export { FetchManifestError, fetchManifest, kueueManifestUrl } from './fetch-manifest.js';
