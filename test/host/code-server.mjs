// Start and stop a throw-away code-server (VS Code 1.100.3) on loopback: fresh user data, extensions and
// workspace per run; stopped by killing its process group (its file watcher outlives the main PID otherwise).
import { spawn, execFileSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

export const CS_VERSION = process.env.CS_VERSION ?? '4.100.3';
export const HOST_DIR = process.env.VSCODE_HOST_DIR ?? path.join(os.homedir(), '.cache', 'kubetasks', 'vscode-host', `code-server-${CS_VERSION}`);
export const CODE_SERVER = path.join(HOST_DIR, 'node_modules', '.bin', 'code-server');

const SETTINGS = {
  'telemetry.telemetryLevel': 'off', 'workbench.startupEditor': 'none', 'workbench.tips.enabled': false,
  'security.workspace.trust.enabled': false, 'extensions.autoCheckUpdates': false, 'extensions.autoUpdate': false,
  'update.mode': 'none', 'workbench.enableExperiments': false, 'window.commandCenter': false,
};

async function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/**
 * Starts code-server; `vsix` (optional) is installed first; `settings` join the user settings (npm start's kubeconfig).
 * `workspaceTrust: true` keeps VS Code's Workspace Trust (and its startup prompt) on, for the untrusted UI check only.
 * Returns {url, runDir, workspace, stop()}.
 */
export async function startCodeServer({ workspaceSource, vsix, port, keepWorkspace = false, settings = {}, workspaceTrust = false } = {}) {
  if (!fs.existsSync(CODE_SERVER)) throw new Error(`code-server not found at ${CODE_SERVER}; run scripts/provision-vscode-host.sh`);
  const runDir = fs.mkdtempSync(path.join(os.tmpdir(), 'kubetasks-host-'));
  const workspace = keepWorkspace ? workspaceSource : path.join(runDir, 'workspace');
  if (!keepWorkspace) fs.cpSync(workspaceSource, workspace, { recursive: true });
  fs.mkdirSync(path.join(runDir, 'user-data', 'User'), { recursive: true });
  fs.writeFileSync(path.join(runDir, 'user-data', 'User', 'settings.json'), JSON.stringify({ ...SETTINGS, 'security.workspace.trust.enabled': workspaceTrust, ...settings }, null, 2));
  const listenPort = port ?? (await freePort());
  fs.writeFileSync(path.join(runDir, 'config.yaml'), `bind-addr: 127.0.0.1:${listenPort}\nauth: none\ncert: false\n`);
  const common = ['--config', path.join(runDir, 'config.yaml'), '--user-data-dir', path.join(runDir, 'user-data'),
    '--extensions-dir', path.join(runDir, 'extensions')];
  if (vsix) execFileSync(CODE_SERVER, [...common, '--install-extension', vsix], { stdio: 'pipe' });
  const log = fs.openSync(path.join(runDir, 'server.log'), 'a');
  const trustFlag = workspaceTrust ? [] : ['--disable-workspace-trust'];
  const child = spawn(CODE_SERVER, [...common, '--disable-telemetry', '--disable-update-check', ...trustFlag,
    '--disable-getting-started-override', '--ignore-last-opened', workspace], { detached: true, stdio: ['ignore', log, log] });
  const url = `http://127.0.0.1:${listenPort}/`;
  const stop = () => {
    try { process.kill(-child.pid, 'SIGTERM'); } catch { /* already gone */ }
    fs.rmSync(runDir, { recursive: true, force: true });
  };
  const deadline = Date.now() + 60000;
  for (;;) {
    const healthy = await fetch(`${url}healthz`).then((r) => r.ok, () => false);
    if (healthy) break;
    if (child.exitCode !== null || Date.now() > deadline) {
      const tail = fs.readFileSync(path.join(runDir, 'server.log'), 'utf8').split('\n').slice(-30).join('\n');
      stop();
      throw new Error(`code-server did not become healthy:\n${tail}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return { url, runDir, workspace, serverLog: path.join(runDir, 'server.log'), stop };
}
