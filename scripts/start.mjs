// `npm start`: build KubeTasks, package it, and start a local VS Code (code-server 4.100.3 on 127.0.0.1) with the
// extension installed and examples/ open. Prints the URL; Ctrl-C stops it. Port: KUBETASKS_PORT (default 8080).
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { startCodeServer } from '../test/host/code-server.mjs';
import { packageVsix } from './package-vsix.mjs';

const repo = path.resolve(import.meta.dirname, '..');
const sh = (cmd, args) => execFileSync(cmd, args, { cwd: repo, stdio: 'inherit' });

sh('bash', ['scripts/provision-vscode-host.sh']);
sh('node', ['esbuild.mjs', '--production']);
const vsix = path.join(repo, 'dist', 'kubetasks.vsix');
packageVsix(vsix);
const server = await startCodeServer({
  workspaceSource: path.join(repo, 'examples'),
  keepWorkspace: true,
  vsix,
  port: Number(process.env.KUBETASKS_PORT ?? 8080),
});
const url = `${server.url}?folder=${encodeURIComponent(server.workspace)}`;
console.log(`\nKubeTasks is running in VS Code at:\n  ${url}\n(server log: ${server.serverLog}; Ctrl-C to stop)`);
const stop = () => {
  server.stop();
  process.exit(0);
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
// Keep the process alive until a signal arrives.
setInterval(() => undefined, 1 << 30);
