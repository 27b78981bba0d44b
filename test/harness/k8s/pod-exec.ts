// Exec on the test cluster: kwok runs the exec'd command as a local process on this machine, as the
// unprivileged uid of the pod's Exec object (kwok.x-k8s.io/v1alpha1, spec.execs[].local{workDir,
// envs,securityContext{runAsUser,runAsGroup}}), in a per-pod working directory. start.sh makes
// /airflow/xcom a symlink to /proc/self/cwd, so /airflow/xcom/return.json is each pod's own file.
import { chmodSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Readable, Writable } from 'node:stream';
import { Exec } from '@kubernetes/client-node';
import type { V1Status } from '@kubernetes/client-node';
import type { TestNamespace } from './cluster.js';
import { waitFor } from './wait.js';

export interface PodExecRule {
  workDir: string;
  uid: number;
  gid: number;
}

/**
 * Creates the pod's working directory (files written mode 644, dirs 755 whatever the umask) and its
 * Exec object for `containers`, running as exec user `userIndex` (see KUBETASKS_K8S_EXEC_IDS).
 */
export async function createPodExec(
  t: TestNamespace,
  pod: string,
  containers: string[],
  files: Record<string, string>,
  userIndex = 0,
): Promise<PodExecRule> {
  const user = t.env.execUsers[userIndex];
  if (!user || user.uid === 0) throw new Error(`no unprivileged exec user #${userIndex} (KUBETASKS_K8S_EXEC_IDS)`);
  const nsDir = join(t.env.execRoot, t.namespace);
  const workDir = join(nsDir, pod);
  mkdirSync(workDir, { recursive: true });
  chmodSync(nsDir, 0o755);
  chmodSync(workDir, 0o755);
  for (const [name, content] of Object.entries(files)) {
    writeFileSync(join(workDir, name), content);
    chmodSync(join(workDir, name), 0o644);
  }
  await t.custom.createNamespacedCustomObject({
    group: 'kwok.x-k8s.io',
    version: 'v1alpha1',
    namespace: t.namespace,
    plural: 'execs',
    body: {
      apiVersion: 'kwok.x-k8s.io/v1alpha1',
      kind: 'Exec',
      metadata: { name: pod, namespace: t.namespace },
      spec: {
        execs: [
          {
            containers,
            local: {
              workDir,
              envs: [{ name: 'HOME', value: workDir }],
              securityContext: { runAsUser: user.uid, runAsGroup: user.gid },
            },
          },
        ],
      },
    },
  });
  return { workDir, uid: user.uid, gid: user.gid };
}

export interface ExecResult {
  stdout: string;
  stderr: string;
  status: V1Status | undefined;
}

function collector(): { stream: Writable; text: () => string } {
  let buf = '';
  return {
    stream: new Writable({
      write(chunk: Buffer, _enc, cb) {
        buf += chunk.toString('utf8');
        cb();
      },
    }),
    text: () => buf,
  };
}

/** Runs one exec through kube-apiserver's pods/exec and waits for the stream to close. */
export async function execInPod(t: TestNamespace, pod: string, container: string, command: string[], stdin?: Readable): Promise<ExecResult> {
  const out = collector();
  const err = collector();
  let status: V1Status | undefined;
  const ws = await new Exec(t.kc).exec(t.namespace, pod, container, command, out.stream, err.stream, stdin ?? null, false, (s) => {
    status = s;
  });
  await new Promise<void>((resolve, reject) => {
    ws.on('close', () => resolve());
    ws.on('error', (e: Error) => reject(e));
  });
  return { stdout: out.text(), stderr: err.text(), status };
}

/** execInPod, retried while kwok's informer has not yet seen the pod's new Exec object. */
export async function execWhenReady(t: TestNamespace, pod: string, container: string, command: string[]): Promise<ExecResult> {
  return waitFor(`exec rule for ${t.namespace}/${pod}`, 10_000, async () => {
    const r = await execInPod(t, pod, container, command);
    if (r.status?.status === 'Failure' && /no exec found|not found/i.test(r.status.message ?? '')) return undefined;
    return r;
  });
}

/** A stdin that delivers `text` and then stays open, as kwok never forwards EOF anyway. */
export function openStdin(text: string): Readable {
  const r = new Readable({ read() {} });
  r.push(text);
  return r;
}
