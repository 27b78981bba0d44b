// Debian's Chromium driven by playwright-core (no browser download): the workbench renderer for the host suite.
import { chromium } from 'playwright-core';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync'];

/** Launches a fresh browser profile; returns {context, page, close()}. */
export async function openBrowser() {
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'kubetasks-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    headless: true,
    viewport: { width: 1500, height: 900 },
    args: ARGS,
  });
  const page = context.pages()[0] ?? (await context.newPage());
  return {
    context,
    page,
    async close() {
      await context.close().catch(() => undefined);
      fs.rmSync(profile, { recursive: true, force: true });
    },
  };
}

/** Waits until the workbench shows the status bar and the Explorer lists the folder. */
export async function waitForWorkbench(page) {
  await page.locator('.monaco-workbench').waitFor({ timeout: 60000 });
  await page.locator('#workbench\\.parts\\.statusbar').waitFor({ timeout: 60000 });
  await page.locator('.explorer-folders-view .monaco-list-row').first().waitFor({ timeout: 60000 });
}

/** Runs a command from the palette by its title; reopens the palette until the row is listed. */
export async function runFromPalette(page, title) {
  const input = page.locator('.quick-input-widget input');
  const row = page.locator('.quick-input-list .monaco-list-row', { hasText: title }).first();
  for (let attempt = 1; ; attempt++) {
    try {
      // The workbench may still restore editors after load; one taking focus closes the palette: open it again.
      await page.keyboard.press('F1');
      await input.waitFor({ state: 'visible', timeout: 15000 });
      await input.fill(`>${title}`, { timeout: 5000 });
      await row.waitFor({ timeout: 2000 });
      // a click, not Enter: if the palette closed meanwhile, Enter would type into the editor; the click fails instead
      await row.click({ timeout: 5000 });
      return;
    } catch (error) {
      if (attempt >= 15) throw error;
      await page.keyboard.press('Escape');
      await page.waitForTimeout(1000);
    }
  }
}

/** Opens a workspace file through Quick Open (Ctrl+P) and waits for its tab. */
export async function openFile(page, name) {
  const input = page.locator('.quick-input-widget input');
  for (let attempt = 1; ; attempt++) {
    try {
      // as in runFromPalette: a restored editor taking focus closes Quick Open, so it is opened again
      await page.keyboard.press('Control+P');
      await input.waitFor({ state: 'visible', timeout: 15000 });
      await input.fill(name, { timeout: 5000 });
      await page.locator('.quick-input-list .monaco-list-row', { hasText: name }).first().waitFor({ timeout: 15000 });
      await page.keyboard.press('Enter');
      await page.locator('.tab.active', { hasText: name }).waitFor({ timeout: 15000 });
      return;
    } catch (error) {
      if (attempt >= 5) throw error;
      await page.keyboard.press('Escape');
    }
  }
}

/**
 * Picks `label` from `row`'s context menu and waits for `opened` (what the action shows). The menu is opened again
 * when the action did not happen: a menu opened during a tree refresh, or clicked before it took mouse input, stays
 * open or closes without running anything.
 */
export async function runFromContextMenu(page, row, label, opened) {
  const item = page.locator('.monaco-menu .action-label', { hasText: label }).first();
  for (let attempt = 1; ; attempt++) {
    try {
      await row.click({ button: 'right', timeout: 10000 });
      await item.waitFor({ timeout: 10000 });
      await item.click({ timeout: 5000 });
      await opened.waitFor({ timeout: 15000 });
      return;
    } catch (error) {
      if (attempt >= 4) throw error;
      await page.keyboard.press('Escape');
    }
  }
}
