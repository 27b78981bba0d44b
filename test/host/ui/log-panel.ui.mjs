// The log panel of a launch (issue 14): log-ticks.task.yaml, launched from its CodeLens, prints one line a second for
// 15 s; its Output channel ("KubeTasks: <pod>/base") shows the lines as they arrive, then ends with
// "— stream ended: container terminated (exit 0)". Screenshots: log-panel-following.png, log-panel-ended.png.
import { openFile } from '../browser.mjs';

// Monaco renders spaces as non-breaking spaces, which \s matches.
const TICK = /tick\s(\d+)\sof\s15/g;
const ENDED = /stream\sended:\scontainer\sterminated\s\(exit\s0/;
/** Any tick from `from` to 15, as one pattern. */
const tickFrom = (from) => new RegExp(`tick\\s(${Array.from({ length: 16 - from }, (_, i) => from + i).join('|')})\\sof\\s15`);

export default async function logPanel(page, { shot }) {
  await openFile(page, 'log-ticks.task.yaml');
  const lens = page.locator('.codelens-decoration a', { hasText: 'Launch' }).first();
  await lens.waitFor({ timeout: 60000 });
  await lens.click();
  // The launch reveals its log channel in the Output panel; the panel renders only the lines in view.
  const output = page.locator('.part.panel .view-lines').first();
  const lines = (text) => page.locator('.part.panel .view-lines', { hasText: text }).first();
  await lines(tickFrom(1)).waitFor({ timeout: 120000 });
  const shown = await output.innerText();
  if (ENDED.test(shown)) throw new Error(`the stream had ended at the first line shown: nothing was followed\n${shown}`);
  const newest = Math.max(...[...shown.matchAll(TICK)].map((m) => Number(m[1])));
  if (newest >= 15) throw new Error(`all lines were there at once: nothing was followed\n${shown}`);
  await shot('log-panel-following');
  // lines keep arriving while the pod runs, then the stream ends with the container's exit code
  await lines(tickFrom(newest + 1)).waitFor({ timeout: 60000 });
  await lines(ENDED).waitFor({ timeout: 60000 });
  await lines(/tick\s15\sof\s15/).waitFor({ timeout: 5000 });
  await shot('log-panel-ended');
}
