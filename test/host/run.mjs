// The real VS Code host suite (docs/vscode-host.md, route A): builds the extension, its .vsix and the Mocha bundle,
// starts code-server 4.100.3 on loopback, runs the Mocha suite inside the real extension host, then every UI check
// in test/host/ui/*.ui.mjs through Playwright + Debian Chromium (screenshots in test-results/host/), and stops the
// server. Closing line: `host: N passed, N failed` (Mocha tests and UI checks together). Never skips: a host that
// cannot start is a failure.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import util from 'node:util';
import { openBrowser, waitForWorkbench } from './browser.mjs';
import { startCodeServer } from './code-server.mjs';
import { AIRFLOW_NAMESPACE_FOR_HOST, deleteTriggeredPods, startHostAirflow } from './airflow.mjs';
import { packageVsix } from '../../scripts/package-vsix.mjs';

const repo = path.resolve(import.meta.dirname, '..', '..');
const shots = path.join(repo, 'test-results', 'host');
const only = process.argv.slice(2);
const t0 = Date.now();
const lap = (label) => console.log(`[host ${((Date.now() - t0) / 1000).toFixed(1)}s] ${label}`);
const totals = { passed: 0, failed: 0 };

function sh(cmd, args) {
  execFileSync(cmd, args, { cwd: repo, stdio: 'inherit' });
}

/** Mocha inside the extension host: the workbench loads the dev extension and the tests from the URL payload. */
async function runMochaInHost(server) {
  const remote = (p) => `vscode-remote://${new URL(server.url).host}${p}`;
  const payload = JSON.stringify([['extensionDevelopmentPath', remote(repo)],
    ['extensionTestsPath', remote(path.join(repo, 'dist-test', 'host', 'index.js'))], ['skipWelcome', 'true']]);
  const browser = await openBrowser();
  let lastSummary;
  try {
    let onExit;
    const exited = new Promise((resolve) => { onExit = resolve; });
    await browser.page.exposeFunction('codeAutomationExit', (code) => onExit(code));
    await browser.page.exposeFunction('codeAutomationLog', (type, args) => {
      const line = util.format(...(Array.isArray(args) ? args : [args]));
      const summary = /^mocha-host: (\d+) passed, (\d+) failed$/.exec(line);
      if (summary) lastSummary = { passed: Number(summary[1]), failed: Number(summary[2]) };
      // Workbench chatter ("[perf] …", connection setup) is hidden unless VERBOSE=1.
      if (process.env.VERBOSE || !/^(\[[\w:. -]+\] |Resolving connection|Resolved connection|Creating a socket|Updating additional|Started |Completed |Extension host .* is running|Loading development extension|Settings Sync)/.test(line)) {
        (type === 'error' ? console.error : console.log)(line);
      }
    });
    browser.page.on('pageerror', (e) => { if (process.env.VERBOSE) console.error('[pageerror]', e.message); });
    await browser.page.goto(`${server.url}?folder=${encodeURIComponent(server.workspace)}&payload=${encodeURIComponent(payload)}`);
    // the whole Mocha run: examples.test.ts alone launches every example task (Jobs, Kueue, Spark) on the cluster
    const timeoutMs = Number(process.env.HOST_TEST_TIMEOUT_MS ?? 900000);
    let timer;
    const code = await Promise.race([exited, new Promise((r) => { timer = setTimeout(() => r('timeout'), timeoutMs); })]);
    clearTimeout(timer);
    if (code === 'timeout') console.error(`host: Mocha run timed out after ${timeoutMs} ms`);
    if (!lastSummary) return { passed: 0, failed: 1 };
    if (code !== 0 && lastSummary.failed === 0) lastSummary.failed = 1;
    return lastSummary;
  } finally {
    await browser.close();
  }
}

/** Each UI check gets a fresh browser on the workspace with the installed .vsix, and a screenshot helper. */
async function runUiChecks(server) {
  const files = fs.readdirSync(path.join(import.meta.dirname, 'ui')).filter((f) => f.endsWith('.ui.mjs')).sort()
    .filter((f) => only.length === 0 || only.some((o) => f.includes(o)));
  const result = { passed: 0, failed: 0 };
  for (const file of files) {
    const name = file.replace(/\.ui\.mjs$/, '');
    const browser = await openBrowser();
    const shot = async (shotName) => {
      const target = path.join(shots, `${shotName}.png`);
      await browser.page.screenshot({ path: target });
      return target;
    };
    try {
      const check = (await import(path.join(import.meta.dirname, 'ui', file))).default;
      await browser.page.goto(`${server.url}?folder=${encodeURIComponent(server.workspace)}`);
      await waitForWorkbench(browser.page);
      await check(browser.page, { workspace: server.workspace, shot, repo });
      result.passed++;
      console.log(`  ✔ ui: ${name}`);
    } catch (error) {
      result.failed++;
      console.log(`  ✖ ui: ${name}: ${error?.stack ?? error}`);
      await browser.page.screenshot({ path: path.join(shots, `${name}-fail.png`) }).catch(() => undefined);
    } finally {
      await browser.close();
    }
  }
  return result;
}

async function main() {
  fs.rmSync(shots, { recursive: true, force: true });
  fs.mkdirSync(shots, { recursive: true });
  sh('bash', ['scripts/provision-vscode-host.sh']);
  sh('node', ['esbuild.mjs']);
  sh('node', ['test/host/build.mjs']);
  const vsix = path.join(repo, 'dist-test', 'kubetasks-host.vsix');
  packageVsix(vsix);
  lap('built extension, vsix and host suite');
  // The extension talks to the test cluster npm test started (run-suite.sh up), never to ~/.kube/config.
  const state = process.env.KUBETASKS_K8S_STATE ?? path.join(process.env.TMPDIR ?? '/tmp', 'kubetasks-k8s');
  const settings = { 'kubetasks.kubeconfig': path.join(state, 'kubeconfig') };
  // A real Airflow 3 for airflow.test.ts and airflow.ui.mjs (issue 16), started before code-server so that the
  // extension host inherits KUBETASKS_HOST_AIRFLOW_FILE; stopped by PID after the UI checks.
  const airflow = await startHostAirflow(settings['kubetasks.kubeconfig']);
  lap(`Airflow 3 listening at ${airflow.url}`);
  let server;
  try {
    server = await startCodeServer({ workspaceSource: path.join(repo, 'examples'), vsix, settings });
  } catch (error) {
    airflow.stop();
    throw error;
  }
  lap(`code-server listening at ${server.url}`);
  try {
    const mocha = await runMochaInHost(server);
    lap(`Mocha in the extension host: ${mocha.passed} passed, ${mocha.failed} failed`);
    const ui = await runUiChecks(server);
    lap(`UI checks: ${ui.passed} passed, ${ui.failed} failed`);
    totals.passed = mocha.passed + ui.passed;
    totals.failed = mocha.failed + ui.failed;
    if (totals.failed > 0) console.log(fs.readFileSync(server.serverLog, 'utf8').split('\n').slice(-25).join('\n'));
  } finally {
    server.stop();
    try {
      deleteTriggeredPods(settings['kubetasks.kubeconfig'], AIRFLOW_NAMESPACE_FOR_HOST);
    } finally {
      airflow.stop();
    }
  }
}

try {
  await main();
} catch (error) {
  console.error(`host: could not run: ${error?.stack ?? error}`);
  totals.failed = Math.max(totals.failed, 1);
}
console.log(`host: ${totals.passed} passed, ${totals.failed} failed`);
process.exitCode = totals.failed > 0 || totals.passed === 0 ? 1 : 0;
