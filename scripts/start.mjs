// `npm start`: a local VS Code (code-server 4.100.3 on 127.0.0.1) with KubeTasks installed and examples/ open, and a
// local Kubernetes cluster with a real node for it to launch on (scripts/start-cluster.sh: the test harness under its
// own state directory and ports, so a concurrent `npm test` is not disturbed). The editor opens at once; the cluster
// comes up in the background (status bar "Local cluster: starting… / ready", log in its state directory). Ctrl-C or
// SIGTERM stops everything it started, by PID, and checks the host is as it was.
// Environment: KUBETASKS_PORT (editor, default 8080), KUBETASKS_START_STATE (default $TMPDIR/kubetasks-start),
// KUBETASKS_START_CLUSTER=0 (the editor only, no root needed).
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startCodeServer } from '../test/host/code-server.mjs';
import { packageVsix } from './package-vsix.mjs';
import { descendantsOutside } from './start-processes.mjs';

const repo = path.resolve(import.meta.dirname, '..');
const state = process.env.KUBETASKS_START_STATE ?? path.join(process.env.TMPDIR ?? os.tmpdir(), 'kubetasks-start');
const withCluster = process.env.KUBETASKS_START_CLUSTER !== '0';
const statusFile = path.join(state, 'start-status.json');
const startLog = path.join(state, 'start.log');
const kubeconfig = path.join(state, 'kubetasks-local.kubeconfig');
const sh = (cmd, args) => execFileSync(cmd, args, { cwd: repo, stdio: 'inherit' });

const BANNER = `
KubeTasks: npm start opens VS Code with KubeTasks and starts a local Kubernetes cluster with a real node.

The local cluster needs root and changes host settings while it runs; stopping npm start undoes them:
  - a network bridge (ktbr<id>, a /24 in 10.100-199.x) and one iptables rule dropping forwarding off that bridge
  - the sysctls kubelet sets at start (kernel.panic, kernel.panic_on_oops, vm.overcommit_memory, vm.panic_on_oom,
    kernel.keys.root_max*), written back as soon as the node is Ready
  - a cgroup /kubetasks-<id>, mounts and network namespaces under ${state}
  - processes on 127.0.0.1 ports 25250-25800 (beside npm test's 20250-26443, which it leaves alone)
  Kept for later starts (shared with npm test): the users kubetasks-exec-0/1, the /airflow/xcom link, ~/.cache/kubetasks.
First start: Kubernetes v1.36.3, etcd, kwok, Kueue, a kubelet and a Debian image are built from source into
~/.cache/kubetasks: 20-35 minutes on 2 cores (8 GiB free disk; Go modules and apt from the network).
Later starts: 1-3 minutes. The editor opens at once; the status bar shows the cluster's progress.
Stop with Ctrl-C (once) or SIGTERM: everything npm start started is stopped by PID and the host is checked.
`;

function writeStatus(stateName, step) {
  fs.mkdirSync(state, { recursive: true });
  const status = { state: stateName, step, log: startLog, kubeconfig, at: new Date().toISOString() };
  fs.writeFileSync(`${statusFile}.tmp`, JSON.stringify(status));
  fs.renameSync(`${statusFile}.tmp`, statusFile);
}

/** The cluster's start, detached (its own session: Ctrl-C in this terminal must not reach the cluster's processes). */
function startCluster() {
  writeStatus('starting', 'npm start is starting the cluster');
  const log = fs.openSync(startLog, 'w');
  const child = spawn('bash', ['scripts/start-cluster.sh', 'up'], { cwd: repo, detached: true, stdio: ['ignore', log, log] });
  fs.closeSync(log);
  let last = '';
  const report = () => {
    const text = fs.existsSync(statusFile) ? fs.readFileSync(statusFile, 'utf8') : '';
    const status = text ? JSON.parse(text) : undefined;
    const line = status ? `local cluster ${status.state}: ${status.step}` : '';
    if (line && line !== last) console.log(`[npm start] ${line}`);
    last = line;
  };
  fs.watchFile(statusFile, { interval: 1000 }, report);
  child.on('exit', (code) => {
    report();
    if (code !== 0 && !stopping) console.log(`[npm start] the local cluster did not start (exit ${code}); log: ${startLog}`);
  });
  return child;
}

let stopping = false;
let server;
let starter;

/** Ends what npm start started: the editor, a start still in progress (by PID), then the cluster and the host check. */
function stop(signal) {
  if (stopping) return;
  stopping = true;
  console.log(`\n[npm start] ${signal}: stopping`);
  fs.unwatchFile(statusFile);
  server?.stop();
  let code = 0;
  if (withCluster) {
    if (starter && starter.exitCode === null && starter.signalCode === null) {
      // the start script and its build steps; the cluster's own components (recorded PIDs) are left to stop.sh
      for (const pid of descendantsOutside(starter.pid, path.join(state, 'pids'))) {
        try { process.kill(pid, 'SIGTERM'); } catch { /* already gone */ }
      }
    }
    code = spawnSync('bash', ['scripts/start-cluster.sh', 'down'], { cwd: repo, stdio: 'inherit' }).status ?? 1;
  }
  process.exit(code);
}

async function main() {
  console.log(BANNER);
  if (withCluster && process.getuid?.() !== 0) {
    console.error('npm start: the local cluster needs root (sudo npm start); KUBETASKS_START_CLUSTER=0 npm start opens the editor alone.');
    process.exit(1);
  }
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
  if (withCluster) starter = startCluster();
  sh('bash', ['scripts/provision-vscode-host.sh']);
  sh('node', ['esbuild.mjs', '--production']);
  const vsix = path.join(repo, 'dist', 'kubetasks.vsix');
  packageVsix(vsix);
  const settings = {
    // no "git repository found in the parent folders" prompt for the examples folder of this clone
    'git.openRepositoryInParentFolders': 'never', 'extensions.ignoreRecommendations': true,
    ...(withCluster ? { 'kubetasks.kubeconfig': kubeconfig, 'kubetasks.localCluster.statusFile': statusFile } : {}),
  };
  if (stopping) return;
  server = await startCodeServer({ workspaceSource: path.join(repo, 'examples'), keepWorkspace: true, vsix,
    port: Number(process.env.KUBETASKS_PORT ?? 8080), settings });
  const url = `${server.url}?folder=${encodeURIComponent(server.workspace)}`;
  console.log(`\nKubeTasks is running in VS Code at:\n  ${url}\n(server log: ${server.serverLog}${withCluster ? `; cluster log: ${startLog}` : ''}; Ctrl-C to stop)`);
}

await main().catch((error) => {
  console.error(`npm start: ${error?.stack ?? error}`);
  stop('error');
});
// Alive until a signal arrives, or until npm (the parent) is gone: npm start's "exec" hands npm's forwarded
// SIGTERM to this process, and a parent killed outright must not leave the cluster running.
const parent = process.ppid;
setInterval(() => { if (process.ppid !== parent) stop('parent gone'); }, 1000);
