// The walkthrough "Get started with KubeTasks" (issue 15) on the test cluster: every step is ticked by the real
// action (its completionEvents; src/providers/walkthrough-progress.ts for CodeLens and tree actions), never by a click
// on the step: the Dry run CodeLens, the Launch CodeLens, the Tasks view, a click on the run's XCom in the tree, a
// failing launch (termination-log), a skipped one (skip-on-exit-code), the Dry run CodeLens of a DAG file. Each step
// is checked unticked before its action and ticked (DOM) after it; the failure step's own button (a click, not the
// action) leaves it unticked. One screenshot per step:
// walkthrough-0-open.png … walkthrough-7-dag.png, and walkthrough-8-all-steps.png with every step ticked.
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

const isTicked = async (page, id) => (await page.locator(`${checkbox(id)}.codicon-getting-started-step-checked`).count()) > 0;

/** A step ticked before its own action would prove nothing about that action. */
async function notYet(page, id) {
  if (await isTicked(page, id)) throw new Error(`step ${id} is ticked before its action`);
}

/** Back on the walkthrough's tab, waits until the step is ticked, then takes the step's screenshot. */
async function ticked(page, shot, id, name) {
  await page.locator('.tab', { hasText: 'Walkthrough' }).first().click();
  await page.locator(`${checkbox(id)}.codicon-getting-started-step-checked`).waitFor({ timeout: 60000 });
  // the step list scrolls: bring the step (and its tick) into the screenshot, without clicking it
  await page.locator(step(id)).scrollIntoViewIfNeeded();
  await shot(name);
}

/** Expands a step on the walkthrough's tab (selecting a step completes none of ours) and clicks its button. */
async function clickStepButton(page, id, label) {
  await page.locator('.tab', { hasText: 'Walkthrough' }).first().click();
  await page.locator(`${step(id)} .step-title`).first().click();
  const button = page.locator(`${step(id)} .monaco-button`, { hasText: label }).first();
  await button.waitFor({ timeout: 15000 });
  await button.click();
}

/** Opens an example from the Explorer (`folder` expanded first) and clicks the first CodeLens titled `title`. */
async function clickLens(page, file, title, folder) {
  const explorer = page.locator('.explorer-folders-view');
  // VS Code's "View: Show Explorer" shows it (the activity bar icon toggles, and its badge of unsaved files can take
  // the click)
  if (!(await explorer.isVisible())) await runFromPalette(page, 'View: Show Explorer');
  await explorer.waitFor({ timeout: 15000 });
  if (folder) {
    const row = explorer.locator('.monaco-list-row', { hasText: folder }).first();
    // a click toggles a folder: only a collapsed one is clicked
    if ((await row.getAttribute('aria-expanded')) !== 'true') await row.click();
  }
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
  if (!shown) await runFromPalette(page, 'KubeTasks: Focus on Tasks View');
  const tree = page.locator('.pane-body [role="tree"]').filter({ has: page.locator('.monaco-list-row') });
  const row = tree.locator('.monaco-list-row', { hasText: text }).first();
  await row.waitFor({ timeout: 120000 });
  return row;
}

export default async function walkthrough(page, { shot }) {
  await openWalkthrough(page);
  await shot('walkthrough-0-open');
  for (const id of ['dry-run', 'launch', 'tree', 'xcom', 'failure', 'skipped', 'dag']) await notYet(page, id);
  await clickLens(page, 'write-xcom.task.yaml', 'Dry run');
  await ticked(page, shot, 'dry-run', 'walkthrough-1-dry-run');

  await clickLens(page, 'write-xcom.task.yaml', 'Launch');
  await ticked(page, shot, 'launch', 'walkthrough-2-launch');
  await runListed(page, /write-xcom/);
  await ticked(page, shot, 'tree', 'walkthrough-3-tree');
  await laterSteps(page, shot);
  for (const id of ['dry-run', 'launch', 'tree', 'xcom', 'failure', 'skipped', 'dag']) {
    if (!(await isTicked(page, id))) throw new Error(`step ${id} is no longer ticked at the end`);
  }
  await allStepsShot(page, shot);
}

/** Steps 4–7: the XCom, a failing launch, a skipped launch, a DAG file's Dry run. */
async function laterSteps(page, shot) {
  // step 4: the run's XCom row, clicked in the tree (a tree item's command runs through the extension host's
  // delegation, not under kubetasks.showXcom: the opened XCom document ticks it)
  await notYet(page, 'xcom');
  const xcom = await runListed(page, /XCom\s*\[1,2,3,4\]/);
  await xcom.click();
  await page.locator('.tab.active', { hasText: /write-xcom.*\.json/ }).waitFor({ timeout: 30000 });
  await ticked(page, shot, 'xcom', 'walkthrough-4-xcom');

  // step 5: its own "Show Failure Summary" button is not the action: it summarises the selected (succeeded)
  // write-xcom run and the step stays unticked; then a launch that fails as Airflow fails it (exit 1, the
  // termination message) ticks it
  await notYet(page, 'failure');
  await clickStepButton(page, 'failure', 'Show Failure Summary');
  await page.locator('.tab.active', { hasText: /write-xcom-\w+\.txt/ }).waitFor({ timeout: 30000 });
  await page.locator('.tab', { hasText: 'Walkthrough' }).first().click();
  await notYet(page, 'failure');
  await clickLens(page, 'termination-log.task.yaml', 'Launch');
  await ticked(page, shot, 'failure', 'walkthrough-5-failure');
  await runListed(page, /Failed/);

  // step 6: a launch skipped by skip_on_exit_code (exit 100)
  await notYet(page, 'skipped');
  await clickLens(page, 'skip-on-exit-code.task.yaml', 'Launch');
  await ticked(page, shot, 'skipped', 'walkthrough-6-skipped');
  await runListed(page, /Skipped/);

  // step 7: the Dry run CodeLens above an operator call of a DAG file
  await notYet(page, 'dag');
  await clickLens(page, 'kpo_example_dag.py', 'Dry run', 'dags');
  await ticked(page, shot, 'dag', 'walkthrough-7-dag');
}

/** The whole list in one picture: the walkthrough alone in the window, scrolled to its first step. */
async function allStepsShot(page, shot) {
  await page.locator('.tab', { hasText: 'Walkthrough' }).first().click();
  for (const command of ['View: Close Editors in Other Groups', 'View: Hide Panel', 'Notifications: Clear All Notifications']) {
    await runFromPalette(page, command);
  }
  // the last step selected (expanded) instead of the failure step clickStepButton expanded, so all seven fit
  await page.locator(`${step('dag')} .step-title`).first().click();
  await page.locator(`${step('dag')}[aria-expanded="true"]`).waitFor({ timeout: 15000 });
  await page.locator(step('dry-run')).scrollIntoViewIfNeeded();
  await shot('walkthrough-8-all-steps');
}
