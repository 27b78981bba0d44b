/**
 * Template diagnostics in the editor: the same engine as `kubetasks validate` (src/templates), run on open and on
 * change, mapped to one DiagnosticCollection. It reads files only through open documents and runs no workspace
 * code, so it works in untrusted workspaces. The last result per document is shared with the quick fixes and the
 * YAML language client (which document has which schema).
 */
import * as vscode from 'vscode';
import type { Logger } from '../common/index.js';
import {
  planSchemaModeline, validateTemplate, type TemplateDiagnostic, type TemplateValidation, type ValidatorSource,
} from '../templates/index.js';
import { createPrecompiledValidators } from '../edge/index.js';
import { DocumentDebounce } from './debounce.js';
import { readSettings } from './settings.js';

export interface TemplateDiagnosticsDeps {
  logger: Logger;
  /** Defaults to the extension's precompiled validators and bundled schemas. */
  validators?: ValidatorSource;
}

/** What other adapters read from the diagnostics provider. */
export interface TemplateResults {
  /** The latest validation of an open document (validating it now if needed); undefined for other languages. */
  resultFor(document: vscode.TextDocument): TemplateValidation | undefined;
  /** The bundled schema file for a schema id, as a URI string (for yaml-language-server and modelines). */
  schemaUri(schemaId: string): string;
}

const LANGUAGES = new Set(['yaml', 'json', 'jsonc']);

const SEVERITY = {
  error: vscode.DiagnosticSeverity.Error,
  warning: vscode.DiagnosticSeverity.Warning,
  info: vscode.DiagnosticSeverity.Information,
} as const;

export function toVscodeDiagnostic(document: vscode.TextDocument, d: TemplateDiagnostic): vscode.Diagnostic {
  const range = new vscode.Range(document.positionAt(d.startOffset), document.positionAt(d.endOffset));
  const diagnostic = new vscode.Diagnostic(range, d.message, SEVERITY[d.severity]);
  diagnostic.code = d.code;
  diagnostic.source = 'KubeTasks';
  return diagnostic;
}

/** The latest validation per open document, and the DiagnosticCollection that shows it. */
class TemplateValidations implements TemplateResults, vscode.Disposable {
  private readonly collection = vscode.languages.createDiagnosticCollection('kubetasks');
  private readonly results = new Map<string, { version: number; result: TemplateValidation }>();
  private readonly debounce = new DocumentDebounce();
  private readonly validators: ValidatorSource;
  private readonly logger: Logger;
  private readonly extensionUri: vscode.Uri;

  constructor(validators: ValidatorSource, logger: Logger, extensionUri: vscode.Uri) {
    this.validators = validators;
    this.logger = logger;
    this.extensionUri = extensionUri;
  }

  resultFor(document: vscode.TextDocument): TemplateValidation | undefined {
    if (!LANGUAGES.has(document.languageId) || !readSettings(this.logger).validation.enabled) return undefined;
    const key = document.uri.toString();
    const cached = this.results.get(key);
    if (cached?.version === document.version) return cached.result;
    const result = validateTemplate(document.getText(), { fileName: document.fileName, validators: this.validators });
    this.results.set(key, { version: document.version, result });
    this.collection.set(document.uri, result.diagnostics.map((d) => toVscodeDiagnostic(document, d)));
    return result;
  }

  schemaUri(schemaId: string): string {
    return vscode.Uri.joinPath(this.extensionUri, 'schemas', `${schemaId}.schema.json`).toString();
  }

  validateSafely(document: vscode.TextDocument): void {
    try {
      this.resultFor(document);
    } catch (error) {
      this.logger.error(error instanceof Error ? error : String(error));
    }
  }

  /** Typing re-validates once it pauses (the providers' one debounce policy), not on every keystroke. */
  schedule(document: vscode.TextDocument): void {
    this.debounce.schedule(document.uri, () => this.validateSafely(document));
  }

  forget(document: vscode.TextDocument): void {
    this.debounce.cancel(document.uri);
    this.results.delete(document.uri.toString());
    this.collection.delete(document.uri);
  }

  revalidateAll(): void {
    this.results.clear();
    this.collection.clear();
    vscode.workspace.textDocuments.forEach((d) => this.validateSafely(d));
  }

  dispose(): void {
    this.debounce.dispose();
    this.collection.dispose();
  }
}

export function registerTemplateDiagnostics(context: vscode.ExtensionContext, deps: TemplateDiagnosticsDeps): TemplateResults {
  const validators = deps.validators ?? createPrecompiledValidators(context.extensionPath, {
    onMissing: (file, schemaId) => deps.logger.warn(`no precompiled validator ${file} (run npm run build): schema checks for ${schemaId} are off`),
  });
  const validations = new TemplateValidations(validators, deps.logger, context.extensionUri);
  context.subscriptions.push(
    validations,
    vscode.workspace.onDidOpenTextDocument((d) => validations.validateSafely(d)),
    vscode.workspace.onDidChangeTextDocument((e) => validations.schedule(e.document)),
    vscode.workspace.onDidCloseTextDocument((d) => validations.forget(d)),
    vscode.workspace.onWillSaveTextDocument((e) => {
      const edit = readSettings(deps.logger).validation.addSchemaModeline ? modelineEdit(e.document, validations) : undefined;
      if (edit) e.waitUntil(Promise.resolve([edit]));
    }),
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (e.affectsConfiguration('kubetasks.validation')) validations.revalidateAll();
    }),
  );
  vscode.workspace.textDocuments.forEach((d) => validations.validateSafely(d));
  return validations;
}

/** The `# yaml-language-server: $schema=` line vscode-yaml obeys over its own Kubernetes schema (docs/VALIDATION.md). */
function modelineEdit(document: vscode.TextDocument, validations: TemplateResults): vscode.TextEdit | undefined {
  const result = validations.resultFor(document);
  if (!result?.claimed || !result.schemaId || document.languageId !== 'yaml') return undefined;
  const planned = planSchemaModeline(document.getText(), validations.schemaUri(result.schemaId), false);
  return planned ? vscode.TextEdit.insert(document.positionAt(planned.startOffset), planned.newText) : undefined;
}
