// A Python DAG file in the editor (issue 6): CodeLens `Dry run · Validate` above each Kubernetes operator call, and
// the hover summarising the rendered pod. Screenshots: dags-codelens.png, dags-hover.png.
import { openFile } from '../browser.mjs';

export default async function dagCodeLensAndHover(page, { shot }) {
  await openFile(page, 'kpo_example_dag.py');
  // The grammar loads on the first Python file; the lenses appear once the scan is done.
  await page.locator('.codelens-decoration', { hasText: 'Dry run' }).first().waitFor({ timeout: 30000 });
  await page.locator('.codelens-decoration', { hasText: 'Validate' }).first().waitFor({ timeout: 10000 });
  await page.locator('.codelens-decoration', { hasText: 'Dry run load_orders' }).first().waitFor({ timeout: 10000 });
  await shot('dags-codelens');
  // Hover the class name of the first call (`extract = KubernetesPodOperator(`).
  const call = page.locator('.view-line', { hasText: /extract\s=\sKubernetesPodOperator\(/ }).first();
  await call.waitFor({ timeout: 10000 });
  const name = call.locator('span span', { hasText: 'KubernetesPodOperator' }).first();
  await name.hover();
  const hover = page.locator('.monaco-hover-content', { hasText: 'XCom sidecar' });
  await hover.first().waitFor({ timeout: 30000 });
  await page.locator('.monaco-hover-content', { hasText: /namespace:\s*etl/ }).first().waitFor({ timeout: 10000 });
  // The hover fades in; the screenshot waits until its animations have finished.
  await page.waitForFunction(() => {
    const widget = document.querySelector('.monaco-hover');
    return widget !== null && widget.getAnimations({ subtree: true }).every((a) => a.playState === 'finished');
  }, undefined, { timeout: 10000 });
  await shot('dags-hover');
}
