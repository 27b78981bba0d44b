/**
 * "KubeTasks: Install Kueue" (issue 14): KubernetesInstallKueueOperator's work (provider operators/kueue.py: download
 * the release manifest, create every object, wait for kueue-controller-manager) on the selected context, through the
 * same three steps as `kubetasks kueue install`: fetch the manifest (src/edge), plan it (src/operators), apply it
 * (src/kube `installManifest`). The plan is shown first and applied only after a modal confirmation. Arguments:
 * `(uri, taskId?)` of an install task (its rendered `kueue_version`), or `(versionOrUrl)`; else the version is asked.
 */
import * as vscode from 'vscode';
import { formatProblem } from '../common/index.js';
import { fetchManifest, kueueManifestUrl } from '../edge/index.js';
import type { KubeClient } from '../kube/index.js';
import { formatPlanLine, planManifest, type ManifestPlan } from '../operators/index.js';
import { loadCluster } from '../providers/cluster-loader.js';
import { showClusterError } from '../providers/kube-error-message.js';
import { ensureTrusted } from '../providers/trust-gate.js';
import { CommandIds } from './command-ids.js';
import type { Command, CommandContext } from './command.js';
import { prepareInEditor } from './prepare-in-editor.js';
import { targetDocument, targetTask } from './task-target.js';

const VERSION = /^v\d+\.\d+\.\d+$/;
const URL_TEXT = /^https?:\/\/\S+$/;

const toUrl = (value: string): string => (VERSION.test(value) ? kueueManifestUrl(value) : value);

/** The manifest URL: from an install task, a given version or URL, or asked. */
async function manifestUrl(context: CommandContext, args: unknown[]): Promise<string | undefined> {
  const [first, taskArg] = args;
  if (first instanceof vscode.Uri) {
    const target = await targetTask(context, await targetDocument(first, 'install Kueue from'), taskArg, 'install Kueue from');
    const prepared = target && await prepareInEditor(context, target, 'install Kueue');
    if (!prepared) return undefined;
    if (prepared.plan?.action !== 'install') throw new Error(`${prepared.task.taskId} is a ${prepared.operator} task, not KubernetesInstallKueueOperator`);
    return prepared.plan.path;
  }
  if (typeof first === 'string') {
    if (!VERSION.test(first) && !URL_TEXT.test(first)) throw new Error(`"${first}" is neither a Kueue release (v0.9.1) nor an http(s) manifest URL`);
    return toUrl(first);
  }
  const answer = await vscode.window.showInputBox({
    prompt: 'Kueue release to install (kueue_version), or the URL of a manifest', value: 'v0.9.1',
    validateInput: (v) => (VERSION.test(v) || URL_TEXT.test(v) ? undefined : 'a release tag such as v0.9.1, or an http(s) URL'),
  });
  return answer === undefined ? undefined : toUrl(answer);
}

async function loadPlan(url: string): Promise<ManifestPlan> {
  const text = await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: `KubeTasks: downloading ${url}` }, () => fetchManifest(url));
  const plan = planManifest(text);
  if (!plan.ok) throw new Error(`the manifest cannot be installed: ${plan.problems.map((p) => formatProblem(url, p)).join('; ')}`);
  return plan.value;
}

/** Shows the plan beside the editor and asks; true only for an explicit "Install". */
async function confirm(plan: ManifestPlan, url: string, client: KubeClient): Promise<boolean> {
  const lines = [`# Install Kueue on context ${client.contextName} (${client.server})`, `# from ${url}`, '# objects, created in this order (AlreadyExists is tolerated):',
    ...plan.objects.map(formatPlanLine), '# then waits for these Deployments to be Available:', ...plan.deployments.map((d) => `Deployment ${d.namespace ?? client.namespace}/${d.name}`)];
  const document = await vscode.workspace.openTextDocument({ language: 'plaintext', content: `${lines.join('\n')}\n` });
  await vscode.window.showTextDocument(document, { preview: true, preserveFocus: true });
  const detail = `${plan.objects.length} objects on context ${client.contextName} (${client.server}); the plan is open in the editor.`;
  return (await vscode.window.showWarningMessage('Install Kueue on this cluster?', { modal: true, detail }, 'Install')) === 'Install';
}

async function apply(context: CommandContext, plan: ManifestPlan, client: KubeClient): Promise<unknown> {
  const title = `KubeTasks: installing Kueue on ${client.contextName}`;
  const result = await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title, cancellable: true }, (progress, token) => {
    const controller = new AbortController();
    token.onCancellationRequested(() => controller.abort());
    return loadCluster().installManifest(client, plan, {
      signal: controller.signal,
      onObject: (object, outcome) => context.launchOutput.appendLine(`${outcome === 'created' ? 'created' : 'exists '} ${formatPlanLine(object)}`),
      onProgress: (text) => progress.report({ message: text }),
    });
  });
  void vscode.window.showInformationMessage(`KubeTasks: Kueue installed on ${client.contextName}: ${result.created} created, ${result.existing} already there`);
  return result;
}

export const installKueueCommand: Command = {
  id: CommandIds.installKueue,
  async execute(context, ...args) {
    if (!ensureTrusted('Install Kueue')) return undefined;
    const url = await manifestUrl(context, args);
    if (!url) return undefined;
    const plan = await loadPlan(url);
    let client: KubeClient;
    try {
      client = context.cluster.open();
    } catch (error) {
      showClusterError('cannot install Kueue', error, context.showLog);
      return undefined;
    }
    try {
      if (!(await confirm(plan, url, client))) return undefined;
      return await apply(context, plan, client);
    } catch (error) {
      if (loadCluster().isAborted(error)) return undefined;
      showClusterError('the Kueue install failed', error, context.showLog);
      return undefined;
    } finally {
      client.close();
    }
  },
};
