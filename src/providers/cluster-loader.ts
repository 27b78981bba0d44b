/**
 * The editor's cluster code (src/kube with @kubernetes/client-node, issue 14) lives in its own bundle,
 * dist/cluster.js, loaded on the first cluster action, so activation and dist/extension.js stay small (the 2 MB
 * budget excludes this bundle). Every other adapter imports kube/ for types only (src/architecture.test.ts).
 */
import path from 'node:path';
import type * as Cluster from '../kube/index.js';

export type ClusterModule = typeof Cluster;

let loaded: ClusterModule | undefined;

/** src/kube's public surface, loaded once; a missing bundle is a broken install and says so. */
export function loadCluster(): ClusterModule {
  if (loaded) return loaded;
  const file = path.join(__dirname, 'cluster.js');
  try {
    // A computed path: esbuild leaves it alone, so client-node stays out of dist/extension.js.
    loaded = require(file) as ClusterModule;
  } catch (error) {
    throw new Error(`KubeTasks: the cluster bundle ${file} could not be loaded (${error instanceof Error ? error.message : String(error)}); reinstall the extension`);
  }
  return loaded;
}
