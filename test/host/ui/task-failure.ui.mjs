// A failing task in the Tasks tree (issue 14): termination-log.task.yaml launched from its CodeLens fails as Airflow
// fails it (exit 1, reason Error, the termination message "Custom error"); the run's row carries the failure badge,
// and Show Failure Summary, picked from the row's context menu, opens the one-screen summary: what Airflow would
// record, the termination message, exit code and reason, the last events. Screenshots: tasks-tree-failure.png,
// failure-summary.png.
import { openFile, runFromContextMenu, runFromPalette } from '../browser.mjs';

// Monaco and the tree render spaces as non-breaking spaces, which \s matches.
const BADGE = /Failed\s·\sError\s·\sexit\s1/;

/** Drags the side bar's edge to the right, so that the rows' descriptions (the badge) are not cut off. */
async function widenSideBar(page) {
  const box = await page.locator('.part.sidebar').boundingBox();
  if (!box) throw new Error('the side bar is not shown');
  const y = box.y + box.height / 2;
  await page.mouse.move(box.x + box.width - 1, y);
  await page.mouse.down();
  await page.mouse.move(box.x + box.width + 330, y, { steps: 5 });
  await page.mouse.up();
}

export default async function taskFailure(page, { shot }) {
  await openFile(page, 'termination-log.task.yaml');
  const lens = page.locator('.codelens-decoration a', { hasText: 'Launch' }).first();
  await lens.waitFor({ timeout: 60000 });
  await lens.click();
  // VS Code's own command for the contributed view (kubetasks.tasks.focus).
  await runFromPalette(page, 'KubeTasks: Focus on Tasks View');
  await widenSideBar(page);
  const tree = page.locator('.pane-body [role="tree"]').filter({ has: page.locator('.monaco-list-row') });
  // the run's row (its task's row repeats the newest run's description)
  const run = tree.locator('.monaco-list-row', { hasText: /kubetasks__/ }).filter({ hasText: BADGE }).first();
  // the pod runs on the real node, then delete_pod removes it; the run keeps its outcome
  await run.waitFor({ timeout: 120000 });
  await tree.locator('.monaco-list-row', { hasText: /test-error-message-\S+\s*deleted/ }).first().waitFor({ timeout: 90000 });
  await shot('tasks-tree-failure');

  const summary = (text) => page.locator('.editor-instance .view-lines', { hasText: text }).first();
  await runFromContextMenu(page, run, 'Show Failure Summary', summary(/Airflow\swould\srecord:\sfailed\s\(AirflowException\)/));
  for (const text of [/returned\sa\sfailure\./, /Custom\serror/, /Exit\scode:\s1\s+Reason:\sError/, /Last\sevents:/, /Normal\s+Started:/]) {
    await summary(text).waitFor({ timeout: 10000 });
  }
  await shot('failure-summary');
}
