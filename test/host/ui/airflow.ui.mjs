// Trigger and follow (issue 16) through the real UI, on the real Airflow 3 test/host/run.mjs started: Add Airflow
// Server (URL, "User and password", the user, the password, a name), then Trigger DAG Run… (dag_id, the conf as
// JSON); the Tasks tree shows the run under dag kt_rest_trigger → task echo_conf with "Airflow success" and the
// KubernetesPodOperator pod Airflow created on the test cluster's real node. Screenshot: trigger-and-follow.png.
// (Each UI check has a fresh browser profile, where code-server keeps SecretStorage, so the server is added here.)
import fs from 'node:fs';
import { runFromPalette } from '../browser.mjs';

/** Answers the quick input whose prompt or placeholder reads `prompt`. */
async function answer(page, prompt, value) {
  await page.locator('.quick-input-widget', { hasText: prompt }).waitFor({ state: 'visible', timeout: 30000 });
  await page.locator('.quick-input-widget input').fill(value);
  await page.keyboard.press('Enter');
}

async function pick(page, label) {
  const row = page.locator('.quick-input-list .monaco-list-row', { hasText: label }).first();
  await row.waitFor({ timeout: 30000 });
  await row.click();
}

/** Waits for the "triggered" notification; otherwise fails with what the quick input or the notifications say. */
async function triggered(page) {
  try {
    await page.locator('.notifications-toasts', { hasText: /triggered on airflow-3/ }).first().waitFor({ timeout: 120000 });
  } catch (error) {
    const input = await page.locator('.quick-input-widget').innerText().catch(() => '');
    const toasts = await page.locator('.notifications-toasts').innerText().catch(() => '');
    throw new Error(`the run was not triggered; quick input: ${JSON.stringify(input)}; notifications: ${JSON.stringify(toasts)}`, { cause: error });
  }
}

export default async function triggerAndFollow(page, { shot }) {
  const airflow = JSON.parse(fs.readFileSync(process.env.KUBETASKS_HOST_AIRFLOW_FILE ?? '', 'utf8'));
  await runFromPalette(page, 'KubeTasks: Add Airflow Server');
  await answer(page, 'Airflow server base URL', airflow.url);
  await pick(page, 'User and password');
  await answer(page, 'Airflow user name', airflow.username);
  await answer(page, `Password of ${airflow.username}`, airflow.password);
  await answer(page, 'A name for this server', 'airflow-3');
  await page.locator('.notifications-toasts', { hasText: /added as "airflow-3"/ }).first().waitFor({ timeout: 60000 });

  await runFromPalette(page, 'KubeTasks: Trigger DAG Run');
  await answer(page, 'dag_id to trigger', airflow.dagId);
  await answer(page, 'dag_run.conf', JSON.stringify({ namespace: airflow.namespace, image: 'debian:12', env: { GREETING: 'hello-from-the-ui' } }));
  await triggered(page);

  await runFromPalette(page, 'KubeTasks: Focus on Tasks View');
  // Wider side bar, so the run's description (its Airflow state) is readable in the screenshot.
  const sidebar = await page.locator('#workbench\\.parts\\.sidebar').boundingBox();
  if (sidebar) {
    await page.mouse.move(sidebar.x + sidebar.width - 1, sidebar.y + sidebar.height / 2);
    await page.mouse.down();
    await page.mouse.move(sidebar.x + sidebar.width + 420, sidebar.y + sidebar.height / 2, { steps: 5 });
    await page.mouse.up();
  }
  const tree = page.locator('.pane-body [role="tree"]').filter({ has: page.locator('.monaco-list-row') });
  await tree.locator('.monaco-list-row', { hasText: 'kt_rest_trigger' }).first().waitFor({ timeout: 60000 });
  // The scheduler runs the task on the real node: up to a few minutes on a loaded machine.
  await tree.locator('.monaco-list-row', { hasText: /manual__\S+\s·\stry\s1\s*Airflow\ssuccess/ }).first().waitFor({ timeout: 420000 });
  await tree.locator('.monaco-list-row', { hasText: /echo-conf-\S+/ }).first().waitFor({ timeout: 60000 });
  // …and its pod Succeeded once Airflow's XCom sidecar was stopped (the run node shows the pod's phase after "·").
  await tree.locator('.monaco-list-row', { hasText: /\+00:00\s·\stry\s1\s*Airflow\ssuccess.*·\sSucceeded/ }).first().waitFor({ timeout: 120000 });
  await page.locator('.notifications-toasts', { hasText: /succeeded/ }).first().waitFor({ timeout: 60000 });
  await shot('trigger-and-follow');
}
