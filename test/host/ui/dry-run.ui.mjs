// A task file and its Dry Run preview side by side: opened from the palette, then toggled from the editor title
// to Airflow's dry_run() text. Screenshots: dry-run-side-by-side.png, dry-run-airflow.png.
import { openFile, runFromPalette } from '../browser.mjs';

export default async function dryRunSideBySide(page, { shot }) {
  // The provider docs' "Debugging KubernetesPodOperator" example, from examples/.
  await openFile(page, 'dry-run-demo.task.yaml');
  await runFromPalette(page, 'KubeTasks: Dry Run');
  const preview = page.locator('.editor-group-container').nth(1);
  await preview.locator('.view-lines', { hasText: /kind:\sPod/ }).waitFor({ timeout: 30000 });
  await preview.locator('.view-lines', { hasText: /airflow-xcom-sidecar/ }).waitFor({ timeout: 10000 });
  // The source's CodeLens is visible above the task.
  await page.locator('.codelens-decoration', { hasText: 'Dry run' }).first().waitFor({ timeout: 60000 });
  await shot('dry-run-side-by-side');
  await preview.click({ position: { x: 300, y: 200 } });
  await preview.locator('.editor-actions [aria-label^="Toggle Dry Run Format"]').first().click();
  await preview.locator('.view-lines', { hasText: /api_version:\sv1/ }).waitFor({ timeout: 30000 });
  await shot('dry-run-airflow');
}
