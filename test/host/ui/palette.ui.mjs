// "KubeTasks: Show Version" from the command palette writes to the KubeTasks log channel and shows a notification.
import { runFromPalette } from '../browser.mjs';

// Monaco renders spaces as non-breaking spaces, which \s matches.
const VERSION_TEXT = /KubeTasks\s\d+\.\d+\.\d+\s\(VS\sCode\s1\.100\.\d+,\sNode\sv20\./;

export default async function paletteShowVersion(page, { shot }) {
  await runFromPalette(page, 'KubeTasks: Show Version');
  // The command reveals the Output panel on the KubeTasks channel, where the log line carries the versions.
  await page.locator('.part.panel .view-lines', { hasText: VERSION_TEXT }).first().waitFor({ timeout: 30000 });
  const toast = page.locator('.notification-list-item-message', { hasText: VERSION_TEXT }).first();
  try {
    await toast.waitFor({ timeout: 5000 });
  } catch {
    await page.locator('[id="status.notifications"]').click();
    await toast.waitFor({ timeout: 10000 });
  }
  await shot('show-version');
}
