// Template validation in the browser workbench (issue 5): a broken pod template shows KubeTasks diagnostics in the
// editor and the Problems panel, completion inside containers[0] lists Container fields, and the `kt-pod-template`
// snippet is offered. Screenshots: template-diagnostics.png, template-completion.png, template-snippet.png.
import fs from 'node:fs';
import path from 'node:path';
import { openFile } from '../browser.mjs';

export default async function templateValidation(page, { workspace, shot, repo }) {
  // The workspace is a throw-away copy of examples/; the broken files are written into it, never into examples/.
  const fixtures = path.join(repo, 'test', 'fixtures');
  fs.copyFileSync(path.join(fixtures, 'templates', 'broken-pod.yaml'), path.join(workspace, 'ui-broken-pod.yaml'));
  fs.copyFileSync(path.join(fixtures, 'templates-host', 'completion-pod-template.yaml'), path.join(workspace, 'ui-completion.yaml'));
  fs.writeFileSync(path.join(workspace, 'ui-snippet.yaml'), '');

  await openFile(page, 'ui-broken-pod.yaml');
  await page.locator('.squiggly-error').first().waitFor({ timeout: 30000 });
  await page.keyboard.press('Control+Shift+M');
  await page.locator('.markers-panel .monaco-list-row', { hasText: 'unknown field "imagePullPolicyy" in spec.containers[0]' })
    .first().waitFor({ timeout: 15000 });
  await shot('template-diagnostics');

  await openFile(page, 'ui-completion.yaml');
  await page.locator('.view-line', { hasText: 'image: alpine:3.20' }).first().click();
  await page.keyboard.press('Control+End');
  await page.keyboard.press('ArrowUp');
  await page.keyboard.press('End');
  const item = page.locator('.suggest-widget .monaco-list-row', { hasText: 'imagePullPolicy' }).first();
  for (let attempt = 1; ; attempt++) {
    await page.keyboard.press('Control+Space');
    try {
      await item.waitFor({ timeout: 3000 });
      break;
    } catch (error) {
      if (attempt >= 15) throw error; // the YAML server starts with the first YAML file
      await page.keyboard.press('Escape');
    }
  }
  await shot('template-completion');
  await page.keyboard.press('Escape');

  await openFile(page, 'ui-snippet.yaml');
  await page.locator('.monaco-editor .view-lines').first().click();
  await page.keyboard.type('kt-pod-templ');
  await page.keyboard.press('Control+Space');
  await page.locator('.suggest-widget .monaco-list-row', { hasText: 'kt-pod-template' }).first().waitFor({ timeout: 15000 });
  await page.keyboard.press('Enter');
  await page.locator('.view-line', { hasText: 'kind: Pod' }).first().waitFor({ timeout: 10000 });
  await shot('template-snippet');
}
