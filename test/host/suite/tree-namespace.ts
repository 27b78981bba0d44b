/**
 * The setup the Tasks tree suites share: the activated extension's tree API, a client of the test cluster (the
 * kubeconfig `kubetasks.kubeconfig` names: test/host/run.mjs points it at the test cluster, never ~/.kube/config), and
 * a namespace of the suite's own, picked for the tree before its watches start.
 */
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import * as vscode from 'vscode';
import { createKubeClient, type KubeClient } from '../../../src/kube/index.js';
import type { TasksApi } from '../../../src/providers/task-views.js';

export interface TreeNamespace {
  api: TasksApi;
  client: KubeClient;
  kubeconfig: string;
  namespace: string;
}

/** Activates the extension, creates `namespace` on the test cluster, selects it and starts the tree's watches. */
export async function openTreeNamespace(namespace: string): Promise<TreeNamespace> {
  const ext = vscode.extensions.getExtension<{ tasks: TasksApi }>('kubetasks.kubetasks');
  assert.ok(ext, 'the extension is installed');
  const api = (await ext.activate()).tasks;
  const kubeconfig = vscode.workspace.getConfiguration('kubetasks').get<string>('kubeconfig') ?? '';
  assert.ok(kubeconfig !== '' && existsSync(kubeconfig), `kubetasks.kubeconfig names the test cluster's kubeconfig (${kubeconfig})`);
  const client = createKubeClient(readFileSync(kubeconfig, 'utf8'));
  await client.create({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: namespace } });
  assert.equal(await vscode.commands.executeCommand('kubetasks.selectNamespace', namespace), namespace);
  api.start();
  return { api, client, kubeconfig, namespace };
}

/** Selects "default" again and deletes the suite's namespace (with whatever the suite left in it). */
export async function closeTreeNamespace(t: TreeNamespace | undefined): Promise<void> {
  await vscode.commands.executeCommand('kubetasks.selectNamespace', 'default');
  if (!t) return;
  await t.client.delete('Namespace', t.namespace).catch(() => undefined);
  t.client.close();
}
