// The walkthrough "Get started with KubeTasks" (issue 15) on the test cluster: its first steps are ticked by the real
// action (their completionEvents; src/providers/walkthrough-progress.ts for CodeLens actions), never by a click on
// the step: the Dry run CodeLens, the Launch CodeLens, the Tasks view. One screenshot per step:
// walkthrough-0-open.png … walkthrough-3-tree.png. (The later steps, XCom, failure, skip and DAG, are not driven here.)
import { runFromPalette } from '../browser.mjs';

const step = (id) => `.getting-started-step[data-step-id="kubetasks.kubetasks#kubetasks.getStarted#${id}"]`;
const checkbox = (id) => `[data-done-step-id="kubetasks.kubetasks#kubetasks.getStarted#${id}"]`;

async function openWalkthrough(page) {
  await runFromPalette(page, 'Welcome: Open Walkthrough...');
  const row = page.locator('.quick-input-list .monaco-list-row', { hasText: 'Get started with KubeTasks' }).first();
  await row.waitFor({ timeout: 30000 });
  await row.click();
  await page.locator(step('dry-run')).waitFor({ timeout: 60000 });
  // pinned (out of preview mode), so that opening a file does not replace it (npm start's editor does the same)
  await page.locator('.tab', { hasText: 'Walkthrough' }).first().dblclick();
}

/** Back on the walkthrough's tab, waits until the step is ticked, then takes the step's screenshot. */
async function ticked(page, shot, id, name) {
  await page.locator('.tab', { hasText: 'Walkthrough' }).first().click();
  await page.locator(`${checkbox(id)}.codicon-getting-started-step-checked`).waitFor({ timeout: 60000 });
  await shot(name);
}

/** Opens an example from the Explorer (`folder` expanded first) and clicks the first CodeLens titled `title`. */
async function clickLens(page, file, title, folder) {
  const explorer = page.locator('.explorer-folders-view');
  // the Explorer icon toggles the side bar when the Explorer is already shown
  if (!(await explorer.isVisible())) await page.locator('.activitybar [aria-label*="Explorer"]').first().click();
  await explorer.waitFor({ timeout: 15000 });
  if (folder) await explorer.locator('.monaco-list-row', { hasText: folder }).first().click();
  await explorer.locator('.monaco-list-row', { hasText: file }).first().click();
  await page.locator('.tab.active', { hasText: file }).waitFor({ timeout: 15000 });
  const lens = page.locator('.codelens-decoration a', { hasText: title }).first();
  await lens.waitFor({ timeout: 60000 });
  await lens.click();
}

/** Opens the Tasks view and waits for the row matching `text`; returns it. The Explorer is shown again after. */
async function runListed(page, text) {
  // the activity bar icon toggles the side bar when the view is already shown
  const shown = await page.locator('.sidebar .composite.title', { hasText: /KubeTasks/i }).first().isVisible();
  if (!shown) await page.locator('.activitybar [aria-label*="KubeTasks"]').first().click();
  const tree = page.locator('.pane-body [role="tree"]').filter({ has: page.locator('.monaco-list-row') });
  const row = tree.locator('.monaco-list-row', { hasText: text }).first();
  await row.waitFor({ timeout: 120000 });
  return row;
}

export default async function walkthrough(page, { shot }) {
  await openWalkthrough(page);
  await shot('walkthrough-0-open');
  for (const id of ['dry-run', 'launch', 'tree', 'xcom', 'failure', 'skipped', 'dag']) {
    if ((await page.locator(`${checkbox(id)}.codicon-getting-started-step-checked`).count()) > 0) throw new Error(`step ${id} is ticked before its action`);
  }
  await clickLens(page, 'write-xcom.task.yaml', 'Dry run');
  await ticked(page, shot, 'dry-run', 'walkthrough-1-dry-run');

  await clickLens(page, 'write-xcom.task.yaml', 'Launch');
  await ticked(page, shot, 'launch', 'walkthrough-2-launch');
  await runListed(page, /write-xcom/);
  await ticked(page, shot, 'tree', 'walkthrough-3-tree');
  // the launch ends (its pod deleted, delete_pod) before the browser closes
  await runListed(page, /Succeeded/);
}
