/**
 * Quick fixes for template diagnostics. The edits come from the engine as data (src/templates lints and schema
 * messages); this adapter only turns them into CodeActions, plus one refactoring that adds the
 * `# yaml-language-server: $schema=` modeline so Red Hat YAML uses our bundled schema.
 */
import * as vscode from 'vscode';
import { planSchemaModeline, type QuickFix, type TemplateDiagnostic } from '../templates/index.js';
import type { TemplateResults } from './template-diagnostics.js';

export interface TemplateQuickFixesDeps {
  templates: TemplateResults;
}

function toAction(document: vscode.TextDocument, fix: QuickFix, diagnostic: vscode.Diagnostic): vscode.CodeAction {
  const action = new vscode.CodeAction(fix.title, vscode.CodeActionKind.QuickFix);
  const edit = new vscode.WorkspaceEdit();
  for (const e of fix.edits) {
    edit.replace(document.uri, new vscode.Range(document.positionAt(e.startOffset), document.positionAt(e.endOffset)), e.newText);
  }
  action.edit = edit;
  action.diagnostics = [diagnostic];
  action.isPreferred = fix.preferred === true;
  return action;
}

function matches(document: vscode.TextDocument, ours: TemplateDiagnostic, theirs: vscode.Diagnostic): boolean {
  return theirs.source === 'KubeTasks' && theirs.code === ours.code &&
    document.offsetAt(theirs.range.start) === ours.startOffset && document.offsetAt(theirs.range.end) === ours.endOffset;
}

/** CodeActions for the diagnostics VS Code passes in, matched to the engine's by code and range. */
export function toQuickFixActions(document: vscode.TextDocument, found: readonly TemplateDiagnostic[],
  diagnostics: readonly vscode.Diagnostic[]): vscode.CodeAction[] {
  return diagnostics.flatMap((theirs) => {
    const ours = found.find((d) => matches(document, d, theirs));
    return (ours?.fixes ?? []).map((fix) => toAction(document, fix, theirs));
  });
}

function modelineAction(document: vscode.TextDocument, templates: TemplateResults): vscode.CodeAction[] {
  const result = templates.resultFor(document);
  if (document.languageId !== 'yaml' || !result?.claimed || !result.schemaId) return [];
  const planned = planSchemaModeline(document.getText(), templates.schemaUri(result.schemaId), false);
  if (!planned) return [];
  const action = new vscode.CodeAction('Add a yaml-language-server $schema modeline (Red Hat YAML uses the KubeTasks schema)',
    vscode.CodeActionKind.RefactorRewrite);
  action.edit = new vscode.WorkspaceEdit();
  action.edit.insert(document.uri, document.positionAt(planned.startOffset), planned.newText);
  return [action];
}

export function registerTemplateQuickFixes(context: vscode.ExtensionContext, deps: TemplateQuickFixesDeps): void {
  const provider: vscode.CodeActionProvider = {
    provideCodeActions(document, range, codeContext) {
      const result = deps.templates.resultFor(document);
      if (!result?.claimed) return [];
      const fixes = toQuickFixActions(document, result.diagnostics, codeContext.diagnostics);
      const refactors = codeContext.only && !codeContext.only.contains(vscode.CodeActionKind.RefactorRewrite)
        ? [] : modelineAction(document, deps.templates);
      return [...fixes, ...(range.start.line === 0 ? refactors : [])];
    },
  };
  const selector = ['yaml', 'json', 'jsonc'].map((language) => ({ language }));
  context.subscriptions.push(vscode.languages.registerCodeActionsProvider(selector, provider, {
    providedCodeActionKinds: [vscode.CodeActionKind.QuickFix, vscode.CodeActionKind.RefactorRewrite],
  }));
}
