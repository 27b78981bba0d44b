/** Every Airflow lint (KT3xxx), in the order they run. */
import type { Lint } from './lint-context.js';
import { containerLints } from './container-lints.js';
import { sparkLints } from './spark-lints.js';
import { taskLints } from './task-lints.js';
import { valueLints } from './value-lints.js';

export type { Lint, LintContext } from './lint-context.js';
export { convertMemoryLimit } from './spark-resources.js';
export { lintTaskStructure } from './task-lints.js';

export const allLints: readonly Lint[] = [...sparkLints, ...containerLints, ...valueLints, ...taskLints];
