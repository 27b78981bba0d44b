/** The manifest matches the code: command IDs in both directions, activation events, settings root, engines. */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { CommandIds } from './commands/command-ids.js';
import { TASK_FILE_GLOB, isTaskFile } from './common/index.js';
import { parseSettings } from './settings/index.js';

const root = path.join(import.meta.dirname, '..');
const manifest = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as {
  activationEvents: string[];
  engines: Record<string, string>;
  devDependencies: Record<string, string>;
  contributes: {
    commands: Array<{ command: string; title: string; category: string }>;
    configuration: { properties: Record<string, unknown> };
    menus?: Record<string, Array<{ command: string; when?: string }>>;
  };
};

test('package.json contributes exactly the commands in command-ids.ts', () => {
  const contributed = manifest.contributes.commands.map((c) => c.command).sort();
  const inCode = Object.values(CommandIds).sort();
  assert.deepEqual(contributed, inCode);
});

test('every command has the KubeTasks category and a title', () => {
  for (const command of manifest.contributes.commands) {
    assert.equal(command.category, 'KubeTasks', command.command);
    assert.ok(command.title.length > 0, command.command);
    assert.match(command.command, /^kubetasks\.[a-z][A-Za-z]+$/);
  }
});

test('menus only name contributed commands', () => {
  const known = new Set(manifest.contributes.commands.map((c) => c.command));
  for (const [menu, items] of Object.entries(manifest.contributes.menus ?? {})) {
    for (const item of items) assert.ok(known.has(item.command), `${menu} names unknown ${item.command}`);
  }
});

test('activation is cheap: never "*", and the documented events', () => {
  assert.ok(!manifest.activationEvents.includes('*'));
  for (const event of ['workspaceContains:**/*.task.{yaml,yml,json}', 'onLanguage:yaml', 'onLanguage:json', 'onLanguage:python']) {
    assert.ok(manifest.activationEvents.includes(event), event);
  }
});

test('the manifest spells the task-file rule as src/common/task-file-name.ts does', () => {
  assert.ok(manifest.activationEvents.includes(`workspaceContains:${TASK_FILE_GLOB}`));
  const when = manifest.contributes.menus?.['editor/title']?.find((item) => item.command === CommandIds.dryRun)?.when ?? '';
  const pattern = /resourceFilename =~ \/(.*)\/$/.exec(when)?.[1];
  assert.ok(pattern, `the Dry Run title button is shown for task files: ${when}`);
  for (const name of ['a.task.yaml', 'a.task.yml', 'a.task.json', 'a.yaml', 'a.task.yaml.bak', 'task.yaml']) {
    assert.equal(new RegExp(pattern).test(name), isTaskFile(name), name);
  }
});

test('every setting has a default that src/settings parses without a problem', () => {
  const raw: Record<string, unknown> = {};
  for (const [key, spec] of Object.entries(manifest.contributes.configuration.properties)) {
    let at = raw;
    const parts = key.replace(/^kubetasks\./, '').split('.');
    for (const part of parts.slice(0, -1)) at = (at[part] ??= {}) as Record<string, unknown>;
    at[parts[parts.length - 1]!] = (spec as { default: unknown }).default;
  }
  const { settings, problems } = parseSettings(raw);
  assert.deepEqual(problems, []);
  assert.equal(settings.airflow.inCluster, true);
});

test('settings live under the kubetasks.* root key', () => {
  for (const key of Object.keys(manifest.contributes.configuration.properties)) assert.match(key, /^kubetasks\./);
});

test('engines and types match the VS Code 1.100 host', () => {
  assert.equal(manifest.engines['vscode'], '^1.100.0');
  assert.equal(manifest.devDependencies['@types/vscode'], '1.100.0');
});
