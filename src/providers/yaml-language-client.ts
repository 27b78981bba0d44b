/**
 * yaml-language-server 1.25.0 (bundled as dist/yaml-server.js) through vscode-languageclient, for completion, hover,
 * document outline and formatting in the YAML files KubeTasks claims. Its own validation is off: every diagnostic
 * comes from src/templates. Schemas are our bundled files, handed over per document through the server's custom
 * schema request; schema store, CRD store and Kubernetes downloads are off, so it makes no network request.
 */
import * as vscode from 'vscode';
import { LanguageClient, TransportKind, type LanguageClientOptions, type ServerOptions } from 'vscode-languageclient/node';
import type { Logger } from '../common/index.js';
import type { TemplateResults } from './template-diagnostics.js';

export interface YamlLanguageClientDeps {
  logger: Logger;
  templates: TemplateResults;
}

/** The `yaml` settings the server reads (vscode-yaml's names), whatever the user's own yaml.* settings say. */
export function yamlServerSettings(formatEnabled: boolean): Record<string, unknown> {
  return {
    validate: false,
    hover: true,
    completion: true,
    format: { enable: formatEnabled },
    schemas: {},
    schemaStore: { enable: false, url: '' },
    kubernetesCRDStore: { enable: false },
    disableSchemaDetection: [],
    customTags: [],
    maxItemsComputed: 5000,
    keyOrdering: false,
  };
}

function configurationFor(section: string | undefined, formatEnabled: boolean): unknown {
  if (section === 'yaml') return yamlServerSettings(formatEnabled);
  if (section === 'http') return { proxy: '', proxyStrictSSL: false };
  if (section === 'editor') return { tabSize: 2, detectIndentation: true };
  return {};
}

function createClient(context: vscode.ExtensionContext, deps: YamlLanguageClientDeps): LanguageClient {
  const module = context.asAbsolutePath('dist/yaml-server.js');
  const serverOptions: ServerOptions = {
    run: { module, transport: TransportKind.ipc },
    debug: { module, transport: TransportKind.ipc },
  };
  // Red Hat YAML formats YAML too; two formatters make VS Code ask which to use, so we step back when it is present.
  const formatEnabled = vscode.extensions.getExtension('redhat.vscode-yaml') === undefined;
  const clientOptions: LanguageClientOptions = {
    documentSelector: [{ language: 'yaml', scheme: 'file' }, { language: 'yaml', scheme: 'untitled' }],
    initializationOptions: { l10nPath: context.asAbsolutePath('dist/yaml-l10n') },
    diagnosticCollectionName: 'kubetasks-yaml-server',
    middleware: {
      workspace: {
        configuration: (params) => params.items.map((item) => configurationFor(item.section, formatEnabled)),
      },
    },
  };
  return new LanguageClient('kubetasks-yaml', 'KubeTasks YAML', serverOptions, clientOptions);
}

const COMBINED_SCHEME = 'kubetasks-schema';

/**
 * The schema for a document the server asks about: ours for claimed files, none for everything else. A file whose
 * `---` documents have different kinds gets `{anyOf: [those schemas]}`, served through the custom content request
 * below: the server keeps, per document, the branch whose pinned apiVersion/kind match. (Its `schemaSequence` is not
 * used: in 1.25 completion never sets the document index it needs while validation is off.)
 */
function schemaFor(resource: string, templates: TemplateResults): string[] {
  const document = vscode.workspace.textDocuments.find((d) => d.uri.toString() === resource);
  const result = document ? templates.resultFor(document) : undefined;
  if (!result?.claimed || !result.schemaId) return [];
  const ids = [...new Set((result.documentSchemaIds ?? []).filter((id) => id !== undefined))];
  if (ids.length <= 1) return [templates.schemaUri(result.schemaId)];
  return [`${COMBINED_SCHEME}:/any-of/${ids.join('/')}.json`];
}

/** Content of a `kubetasks-schema:/any-of/<id>/<id>.json` URI: anyOf our bundled schemas. */
export function combinedSchemaContent(uri: string, schemaUri: (id: string) => string): string {
  const ids = decodeURIComponent(uri).replace(/^.*\/any-of\//, '').replace(/\.json$/, '').split('/');
  return JSON.stringify({ anyOf: ids.filter((id) => /^[\w-]+$/.test(id)).map((id) => ({ $ref: schemaUri(id) })) });
}

async function start(context: vscode.ExtensionContext, deps: YamlLanguageClientDeps): Promise<LanguageClient | undefined> {
  if (!(await exists(vscode.Uri.joinPath(context.extensionUri, 'dist', 'yaml-server.js')))) {
    deps.logger.warn('dist/yaml-server.js is missing (run npm run build): no YAML completion or hover');
    return undefined;
  }
  const client = createClient(context, deps);
  client.onRequest('custom/schema/request', (resource: string) => schemaFor(resource, deps.templates));
  client.onRequest('custom/schema/content', (uri: string | string[]) =>
    combinedSchemaContent(Array.isArray(uri) ? String(uri[0]) : uri, (id) => deps.templates.schemaUri(id)));
  await client.start();
  // The server declares one parameter for this notification and ignores it when none is sent.
  await client.sendNotification('yaml/registerCustomSchemaRequest', null);
  deps.logger.info('YAML language server started (completion, hover, outline, formatting; validation by KubeTasks)');
  return client;
}

async function exists(uri: vscode.Uri): Promise<boolean> {
  try {
    await vscode.workspace.fs.stat(uri);
    return true;
  } catch {
    return false; // a missing file is the answer, not an error
  }
}

/** Starts the server when the first YAML document opens, so activation stays cheap. */
export function registerYamlLanguageClient(context: vscode.ExtensionContext, deps: YamlLanguageClientDeps): void {
  let starting: Promise<LanguageClient | undefined> | undefined;
  const ensure = (document: vscode.TextDocument) => {
    if (document.languageId !== 'yaml' || starting) return;
    starting = start(context, deps).catch((error: unknown) => {
      deps.logger.error(error instanceof Error ? error : String(error));
      return undefined;
    });
  };
  context.subscriptions.push(
    vscode.workspace.onDidOpenTextDocument(ensure),
    { dispose: () => void starting?.then((client) => client?.stop()) },
  );
  vscode.workspace.textDocuments.forEach(ensure);
}
