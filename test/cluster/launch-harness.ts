// Helpers for the launch tests: write a task file, run `kubetasks launch` in-process (the real CLI, the real
// driver in src/kube, the real machine in src/tasks) or as a child process, and read what the cluster holds.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { V1Pod } from '@kubernetes/client-node';
import { main } from '../../src/cli/main.js';
import type { TestNamespace } from '../harness/k8s/cluster.js';
import { waitFor } from '../harness/k8s/wait.js';

const REPO = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

/** A task file of one KubernetesPodOperator task in the test's namespace (`fields` as YAML lines). */
export function taskFile(t: TestNamespace, name: string, fields: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'kt-launch-'));
  const file = join(dir, `${name}.task.yaml`);
  writeFileSync(file, `operator: KubernetesPodOperator\ntask_id: ${name}\nname: ${name}\nnamespace: ${t.namespace}\n${/^image:/m.test(fields) ? '' : 'image: debian\n'}${fields}\n`);
  return file;
}

/** `kubetasks <args> --kubeconfig <the test cluster's>` in this process; `signal` cancels as Ctrl-C does. */
export function startCli(t: TestNamespace, args: string[], signal?: AbortSignal): { done: Promise<CliRun>; stdout: () => string } {
  let stdout = '';
  let stderr = '';
  const io = {
    stdout: { write: (s: string) => (stdout += s) },
    stderr: { write: (s: string) => (stderr += s) },
    ...(signal ? { signal } : {}),
  };
  const cluster = args[0] === 'render' ? [] : ['--kubeconfig', t.env.kubeconfig];
  const done = main([...args, ...cluster], io).then((code) => ({ code, stdout, stderr }));
  return { done, stdout: () => stdout };
}

export function cli(t: TestNamespace, args: string[], signal?: AbortSignal): Promise<CliRun> {
  return startCli(t, args, signal).done;
}

/** The last non-empty line of a text. */
export function lastLine(text: string): string {
  const lines = text.split('\n').filter((l) => l !== '');
  return lines[lines.length - 1] ?? '';
}

/** `kubetasks launch …` as a child process (so it can be killed like a closed terminal). */
export function spawnCli(t: TestNamespace, args: string[]): ChildProcess {
  const entry = join(REPO, 'test', 'cluster', 'launch-cli-entry.ts');
  return spawn(process.execPath, ['--import', 'tsx', entry, ...args, '--kubeconfig', t.env.kubeconfig], { cwd: REPO, stdio: ['ignore', 'pipe', 'pipe'] });
}

/** Resolves with the first stdout/stderr text of `child` that matches `re`. */
export function awaitOutput(child: ChildProcess, re: RegExp, timeoutMs = 60_000): Promise<string> {
  return new Promise((resolve, reject) => {
    let seen = '';
    const timer = setTimeout(() => reject(new Error(`timed out waiting for ${re} in: ${seen}`)), timeoutMs);
    const on = (chunk: Buffer): void => {
      seen += chunk.toString('utf8');
      const m = re.exec(seen);
      if (m) {
        clearTimeout(timer);
        resolve(m[0]);
      }
    };
    child.stdout?.on('data', on);
    child.stderr?.on('data', on);
  });
}

export async function podsOf(t: TestNamespace): Promise<V1Pod[]> {
  return (await t.core.listNamespacedPod({ namespace: t.namespace })).items;
}

/** Waits until the namespace holds no pod at all (deleted and gone from the node). */
export function noPodsLeft(t: TestNamespace, timeoutMs = 60_000): Promise<true> {
  return waitFor(`no pods left in ${t.namespace}`, timeoutMs, async () => (await podsOf(t)).length === 0);
}
