export type { KubeClient } from './cluster.js';
export { createKubeClient } from './cluster.js';
export type { KubeErrorReason } from './errors.js';
export { KubeError, toKubeError } from './errors.js';
