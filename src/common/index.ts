export type { Result } from './result.js';
export { ok, fail } from './result.js';
export type { Problem, Severity, Position } from './problem.js';
export { formatProblem, toPosition } from './problem.js';
export type { Logger } from './logger.js';
export { silentLogger } from './logger.js';
export type { Disposable } from './disposable.js';
export { DisposableStore } from './disposable.js';
export { kubetasksVersion } from './version.js';
