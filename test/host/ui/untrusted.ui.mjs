// Workspace Trust in the real workbench (issue 14). The shared server runs with --disable-workspace-trust, so this
// check starts its own code-server WITH Workspace Trust (own loopback port, user data and copy of the .vsix), opens a
// folder holding a copy of examples/write-xcom.task.yaml and answers VS Code's startup prompt "No, I don't trust the
// authors" (Restricted Mode). Then: Dry run and Validate stay above the task; Launch and Check are replaced by the
// explanation lens (task-codelens.ts); "KubeTasks: Launch Task" says why, naming Workspace Trust (trust-gate.ts);
// the Tasks view shows its explanation instead of watching (tasks-tree.ts); a broken pod template still gets its
// diagnostic. A server that cannot start fails the check. Screenshots: untrusted-prompt.png, untrusted-codelens.png,
// untrusted-launch.png, untrusted-tasks-view.png, untrusted-validation.png.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openBrowser, openFile, runFromPalette, waitForWorkbench } from '../browser.mjs';
import { startCodeServer } from '../code-server.mjs';

// The extension's own words (src/settings/trust.ts, src/providers/tasks-tree.ts); Monaco's spaces match \s.
const LENS_TITLE = /Launch\sand\sCheck\sneed\sa\strusted\sworkspace/;
const LAUNCH_REASON = /Launch is unavailable in Restricted Mode: this workspace is not trusted \(Workspace Trust\)/;
const TREE_REASON = /The Tasks tree watches the cluster, which runs the kubeconfig's programs: trust this workspace/;

/** A folder with one task file, and a code-server on it that keeps Workspace Trust on. */
async function startUntrustedServer(repo) {
  const source = fs.mkdtempSync(path.join(os.tmpdir(), 'kubetasks-untrusted-'));
  fs.copyFileSync(path.join(repo, 'examples', 'write-xcom.task.yaml'), path.join(source, 'write-xcom.task.yaml'));
  fs.copyFileSync(path.join(repo, 'test', 'fixtures', 'templates', 'broken-pod.yaml'), path.join(source, 'broken-pod.yaml'));
  const vsix = path.join(repo, 'dist-test', 'kubetasks-host.vsix');
  if (!fs.existsSync(vsix)) throw new Error(`${vsix} is missing: run.mjs packages it before the UI checks`);
  try {
    // A kubeconfig that does not exist: nothing here may reach a cluster, and never ~/.kube/config.
    const kubeconfig = path.join(source, 'no-kubeconfig');
    return await startCodeServer({ workspaceSource: source, vsix, workspaceTrust: true, settings: { 'kubetasks.kubeconfig': kubeconfig } });
  } finally {
    fs.rmSync(source, { recursive: true, force: true });
  }
}

/** VS Code's startup prompt for a folder of unknown authors: answered "don't trust", then Restricted Mode shows. */
async function declineTrust(page, shot) {
  const dialog = page.locator('.monaco-dialog-box', { hasText: /trust the authors/i });
  await dialog.waitFor({ timeout: 60000 });
  await shot('untrusted-prompt');
  await dialog.locator('.monaco-button', { hasText: /No, I don.t trust/ }).click();
  await dialog.waitFor({ state: 'detached', timeout: 15000 });
  await page.locator('#workbench\\.parts\\.statusbar', { hasText: 'Restricted Mode' }).waitFor({ timeout: 30000 });
}

/** The warning toast once it has slid in, with its "Manage Workspace Trust" button (or the notification center's). */
async function waitForTrustWarning(page, text) {
  const toast = page.locator('.notification-toast.notification-fade-in-done', { hasText: text }).first();
  let item = toast;
  try {
    await toast.waitFor({ timeout: 10000 });
  } catch {
    await page.locator('[id="status.notifications"]').click();
    item = page.locator('.notifications-center .notification-list-item', { hasText: text }).first();
    await item.waitFor({ timeout: 10000 });
  }
  await item.locator('.monaco-button', { hasText: 'Manage Workspace Trust' }).waitFor({ timeout: 10000 });
}

/** Validation needs no trust: the broken pod template still gets its located diagnostic in the Problems panel. */
async function checkValidation(page, shot) {
  await openFile(page, 'broken-pod.yaml');
  await page.locator('.squiggly-error').first().waitFor({ timeout: 30000 });
  await page.keyboard.press('Control+Shift+M');
  await page.locator('.markers-panel .monaco-list-row', { hasText: 'unknown field "imagePullPolicyy" in spec.containers[0]' })
    .first().waitFor({ timeout: 15000 });
  await shot('untrusted-validation');
}

async function checkRestrictedMode(page, shot) {
  await declineTrust(page, shot);
  await waitForWorkbench(page);
  await openFile(page, 'write-xcom.task.yaml');
  const lenses = page.locator('.codelens-decoration a');
  await lenses.filter({ hasText: LENS_TITLE }).first().waitFor({ timeout: 30000 });
  await lenses.filter({ hasText: /^Dry\srun$/ }).first().waitFor({ timeout: 10000 });
  await lenses.filter({ hasText: /^Validate$/ }).first().waitFor({ timeout: 10000 });
  // The lenses of one line render together: with the explanation shown, no Launch or Check lens may be beside it.
  const gated = await lenses.filter({ hasText: /^(Launch|Check)$/ }).count();
  if (gated !== 0) throw new Error(`${gated} Launch/Check CodeLens still shown in Restricted Mode`);
  await shot('untrusted-codelens');
  await runFromPalette(page, 'KubeTasks: Launch Task');
  await waitForTrustWarning(page, LAUNCH_REASON);
  await shot('untrusted-launch');
  await runFromPalette(page, 'KubeTasks: Focus on Tasks View');
  await page.locator('.pane-body').getByText(TREE_REASON).first().waitFor({ timeout: 30000 });
  await shot('untrusted-tasks-view');
  await checkValidation(page, shot);
}

export default async function untrustedWorkspace(_page, { repo }) {
  const shots = path.join(repo, 'test-results', 'host');
  const server = await startUntrustedServer(repo);
  const browser = await openBrowser();
  const shot = (name) => browser.page.screenshot({ path: path.join(shots, `${name}.png`) });
  try {
    await browser.page.goto(`${server.url}?folder=${encodeURIComponent(server.workspace)}`);
    await browser.page.locator('.monaco-workbench').waitFor({ timeout: 60000 });
    await checkRestrictedMode(browser.page, shot);
  } catch (error) {
    await shot('untrusted-fail').catch(() => undefined);
    throw error;
  } finally {
    await browser.close();
    server.stop();
  }
}
