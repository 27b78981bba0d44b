/**
 * "KubeTasks: Insert Template…" (issue 14): a QuickPick over the bundled snippets (snippets/*.json: pod, job and
 * Spark templates, Kueue resources, operator calls), inserted at the cursor when the active editor has the snippet's
 * language, else into a new untitled document of that language. Available in untrusted workspaces (snippets are
 * text). Argument `(prefix?)` inserts that snippet without asking; resolves with the inserted snippet's prefix.
 */
import * as vscode from 'vscode';
import { CommandIds } from './command-ids.js';
import type { Command, CommandContext } from './command.js';

const LANGUAGES = ['yaml', 'json', 'python'] as const;

interface Template {
  language: (typeof LANGUAGES)[number];
  name: string;
  prefix: string;
  description: string;
  body: string;
}

async function readTemplates(extensionUri: vscode.Uri): Promise<Template[]> {
  const out: Template[] = [];
  for (const language of LANGUAGES) {
    const bytes = await vscode.workspace.fs.readFile(vscode.Uri.joinPath(extensionUri, 'snippets', `${language}.json`));
    const snippets = JSON.parse(Buffer.from(bytes).toString('utf8')) as Record<string, { prefix: string; description?: string; body: string | string[] }>;
    for (const [name, s] of Object.entries(snippets)) {
      out.push({ language, name, prefix: s.prefix, description: s.description ?? '', body: Array.isArray(s.body) ? s.body.join('\n') : s.body });
    }
  }
  return out;
}

async function choose(templates: readonly Template[], wanted: unknown): Promise<Template | undefined> {
  if (typeof wanted === 'string') {
    const found = templates.find((t) => t.prefix === wanted);
    if (!found) throw new Error(`no template "${wanted}" (templates: ${templates.map((t) => t.prefix).join(', ')})`);
    return found;
  }
  const active = vscode.window.activeTextEditor?.document.languageId;
  // the active editor's language first
  const ordered = [...templates].sort((a, b) => Number(b.language === active) - Number(a.language === active));
  const items = ordered.map((t) => ({ label: t.name.replace(/^KubeTasks: /, ''), description: `${t.language} · ${t.prefix}`, detail: t.description, template: t }));
  return (await vscode.window.showQuickPick(items, { placeHolder: 'Template to insert', matchOnDescription: true, matchOnDetail: true }))?.template;
}

async function insert(template: Template): Promise<void> {
  const active = vscode.window.activeTextEditor;
  const editor = active?.document.languageId === template.language
    ? active
    : await vscode.window.showTextDocument(await vscode.workspace.openTextDocument({ language: template.language, content: '' }));
  const inserted = await editor.insertSnippet(new vscode.SnippetString(template.body));
  if (!inserted) throw new Error(`the template "${template.prefix}" could not be inserted (is the editor read-only?)`);
}

export const insertTemplateCommand: Command = {
  id: CommandIds.insertTemplate,
  async execute(context: CommandContext, ...args) {
    const template = await choose(await readTemplates(context.extensionUri), args[0]);
    if (!template) return undefined;
    await insert(template);
    return template.prefix;
  },
};
