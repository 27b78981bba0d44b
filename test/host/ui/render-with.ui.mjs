// "Render with…" from the Dry Run preview's title bar (issue 17): the run context opens beside the preview as JSON;
// saving invalid JSON is refused with the problem in a notification, saving a conf re-renders the preview.
// Screenshots: render-with-invalid.png, render-with-rendered.png.
import fs from 'node:fs';
import path from 'node:path';
import { openFile, runFromPalette } from '../browser.mjs';

const TASK = `operator: KubernetesPodOperator
task_id: conf-image
name: conf-image
image: "{{ dag_run.conf['image'] }}"
`;

async function replaceText(page, text) {
  await page.keyboard.press('Control+A');
  await page.keyboard.press('Delete');
  // Typed key by key, as a user does: the closing brackets and quotes the editor auto-inserts are typed over.
  await page.keyboard.type(text);
  await page.keyboard.press('Control+S');
}

export default async function renderWith(page, { workspace, shot }) {
  const file = path.join(workspace, 'render-with-demo.task.yaml');
  fs.writeFileSync(file, TASK);
  try {
    await check(page, shot);
  } finally {
    // Later checks screenshot the Explorer: leave the examples as they were.
    fs.rmSync(file, { force: true });
  }
}

async function check(page, shot) {
  await openFile(page, 'render-with-demo.task.yaml');
  await runFromPalette(page, 'KubeTasks: Dry Run');
  const preview = page.locator('.editor-group-container').nth(1);
  await preview.locator('.view-lines', { hasText: /dag_run\.conf/ }).waitFor({ timeout: 60000 });
  await preview.click({ position: { x: 300, y: 200 } });
  await preview.locator('.editor-actions [aria-label^="Render with"]').first().click();
  const contextGroup = page.locator('.editor-group-container').nth(2);
  await contextGroup.locator('.tab.active', { hasText: 'conf-image.render-context.json' }).waitFor({ timeout: 15000 });
  await contextGroup.locator('.view-lines', { hasText: /logical_date/ }).waitFor({ timeout: 15000 });
  await contextGroup.locator('.view-lines').click();

  await replaceText(page, '{"conf": {"image": "debian:12"},}');
  await page.locator('.notifications-toasts', { hasText: /not valid JSON/ }).waitFor({ timeout: 15000 });
  await shot('render-with-invalid');

  await contextGroup.locator('.view-lines').click();
  await replaceText(page, '{"conf": {"image": "debian:12"}}');
  await preview.locator('.view-lines', { hasText: /image:\sdebian:12/ }).waitFor({ timeout: 30000 });
  await shot('render-with-rendered');
}
