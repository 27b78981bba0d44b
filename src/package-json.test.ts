/** The manifest matches the code: command IDs in both directions, activation events, settings root, engines. */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { CommandIds } from './commands/command-ids.js';

const root = path.join(import.meta.dirname, '..');
const manifest = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as {
  activationEvents: string[];
  engines: Record<string, string>;
  devDependencies: Record<string, string>;
  contributes: {
    commands: Array<{ command: string; title: string; category: string }>;
    configuration: { properties: Record<string, unknown> };
    menus?: Record<string, Array<{ command: string }>>;
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

test('settings live under the kubetasks.* root key', () => {
  for (const key of Object.keys(manifest.contributes.configuration.properties)) assert.match(key, /^kubetasks\./);
});

test('engines and types match the VS Code 1.100 host', () => {
  assert.equal(manifest.engines['vscode'], '^1.100.0');
  assert.equal(manifest.devDependencies['@types/vscode'], '1.100.0');
});
