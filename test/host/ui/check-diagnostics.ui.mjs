// Check Against Cluster from the CodeLens (issue 14): a task in a namespace the cluster does not have is refused by
// the server-side dry run, and the refusal shows as a diagnostic at the task file's `namespace:` line, squiggled in
// the editor and listed in the Problems panel. The file is launch.test.ts's Check case. Screenshot:
// check-diagnostics.png.
import fs from 'node:fs';
import path from 'node:path';
import { openFile } from '../browser.mjs';

const TASK = ['operator: KubernetesPodOperator', 'task_id: checked', 'name: checked', 'namespace: kubetasks-no-such-namespace', 'image: debian', ''];

export default async function checkDiagnostics(page, { workspace, shot }) {
  // Written into the throw-away workspace copy, in the subfolder the host suite writes its files to.
  fs.mkdirSync(path.join(workspace, 'host-tests'), { recursive: true });
  fs.writeFileSync(path.join(workspace, 'host-tests', 'ui-check-refused.task.yaml'), TASK.join('\n'));
  await openFile(page, 'ui-check-refused.task.yaml');
  const lens = page.locator('.codelens-decoration a', { hasText: 'Check' }).first();
  await lens.waitFor({ timeout: 60000 });
  await lens.click();
  // the squiggle sits on the namespace line (the 4th)
  await page.locator('.squiggly-error').first().waitFor({ timeout: 60000 });
  await page.keyboard.press('Control+Shift+M');
  const problem = page.locator('.markers-panel .monaco-list-row', { hasText: /kubetasks-no-such-namespace/ }).first();
  await problem.waitFor({ timeout: 15000 });
  const text = await problem.innerText();
  if (!/\[Ln\s4,/.test(text)) throw new Error(`the Problems row is not at the namespace line (line 4): ${text}`);
  await shot('check-diagnostics');
}
