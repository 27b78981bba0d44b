// The status bar shows the context and namespace KubeTasks launches into (issue 14), read from the test cluster's
// kubeconfig (kubetasks.kubeconfig, set by test/host/run.mjs); a click offers the kubeconfig's contexts and Select
// Namespace. A task file shows `Dry run · Launch · Check · Validate` above its task.
// Screenshots: cluster-status.png, cluster-status-picker.png, task-codelens-launch.png.
import { openFile } from '../browser.mjs';

export default async function clusterStatusBar(page, { shot }) {
  await openFile(page, 'write-xcom.task.yaml');
  // the CodeLens first, while the editor has focus (the extension host may still be busy right after the load)
  for (const title of ['Dry run', 'Launch', 'Check', 'Validate']) {
    await page.locator('.codelens-decoration', { hasText: title }).first().waitFor({ timeout: 60000 });
  }
  await shot('task-codelens-launch');
  // Monaco and the status bar render spaces as they are; \s also matches non-breaking ones.
  const item = page.locator('.statusbar-item', { hasText: /kubetasks-test\s\/\s[a-z0-9-]+/ }).first();
  await item.waitFor({ timeout: 30000 });
  await shot('cluster-status');
  await item.click();
  await page.locator('.quick-input-list .monaco-list-row', { hasText: 'Select Namespace…' }).first().waitFor({ timeout: 15000 });
  await page.locator('.quick-input-list .monaco-list-row', { hasText: 'kubetasks-test' }).first().waitFor({ timeout: 15000 });
  await shot('cluster-status-picker');
  await page.keyboard.press('Escape');
}
