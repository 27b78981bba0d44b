// The Tasks tree after launching write-xcom from its CodeLens (issue 14): the run shows Succeeded with exit 0, the
// pod already deleted (delete_pod) and Airflow's XCom [1,2,3,4]; a click on the XCom opens the read-only JSON with
// its verdict. Screenshots: tasks-tree-write-xcom.png, tasks-tree-xcom.png.
import { openFile, runFromPalette } from '../browser.mjs';

export default async function tasksTree(page, { shot }) {
  try {
    await openFile(page, 'write-xcom.task.yaml');
  } catch {
    // Quick Open can miss its first search while the extension host is busy: ask once more.
    await page.keyboard.press('Escape');
    await openFile(page, 'write-xcom.task.yaml');
  }
  await page.locator('.codelens-decoration a', { hasText: 'Launch' }).first().click();
  // VS Code's own command for the contributed view (kubetasks.tasks.focus).
  await runFromPalette(page, 'KubeTasks: Focus on Tasks View');
  const tree = page.locator('.pane-body [role="tree"]').filter({ has: page.locator('.monaco-list-row') });
  const xcom = tree.locator('.monaco-list-row', { hasText: /XCom\s*\[1,2,3,4\]/ }).first();
  await xcom.waitFor({ timeout: 120000 });
  await tree.locator('.monaco-list-row', { hasText: /Succeeded\s·\sexit\s0/ }).first().waitFor({ timeout: 10000 });
  // delete_pod deleted it; the watch reports it gone once the kubelet ends it (its 30 s grace period at most).
  await tree.locator('.monaco-list-row', { hasText: /write-xcom-\S+\s*deleted/ }).first().waitFor({ timeout: 90000 });
  await shot('tasks-tree-write-xcom');
  await xcom.click();
  await page.locator('.editor-instance .view-lines', { hasText: /"verdict":\s"valid"/ }).first().waitFor({ timeout: 30000 });
  await shot('tasks-tree-xcom');
}
