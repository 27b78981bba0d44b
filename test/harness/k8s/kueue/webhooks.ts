// Kueue's admission webhook configurations for the test cluster, derived from the release's own
// kustomize input (config/components/webhook/manifests.yaml in the sigs.k8s.io/kueue module) and
// written as one JSON file per configuration for kueue.sh to server-side apply.
// What changes from a real install (config/default/kustomization.yaml), and why:
// - clientConfig.service -> clientConfig.url on loopback: Kueue runs on the host, and the harness
//   has no Services (no kube-proxy); the caBundle is the harness CA (a real install injects it).
// - only the webhooks for Kueue's own kinds and batch/v1 Jobs: the only integration enabled
//   (integrations.frameworks: [batch/job]); the others would point at kinds this cluster lacks.
// - names get the release's `kueue-` namePrefix; Job webhooks get the release's namespaceSelector
//   (not kube-system / kueue-system) plus an objectSelector on the queue-name label, so Jobs of
//   other suites never depend on Kueue being up.
//   usage: node --import tsx webhooks.ts <kueue-module-dir> <https://127.0.0.1:port> <ca.crt> <out-dir>
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseAllDocuments } from 'yaml';

const QUEUE_LABEL = 'kueue.x-k8s.io/queue-name';
const NAME_PREFIX = 'kueue-';

interface Rule {
  apiGroups?: string[];
  resources?: string[];
}

interface Webhook {
  name: string;
  clientConfig: { service?: { path?: string }; url?: string; caBundle?: string };
  rules?: Rule[];
  namespaceSelector?: unknown;
  objectSelector?: unknown;
}

interface WebhookConfiguration {
  apiVersion: string;
  kind: string;
  metadata: { name: string };
  webhooks: Webhook[];
}

function isKueueKind(rule: Rule): boolean {
  return rule.apiGroups?.includes('kueue.x-k8s.io') ?? false;
}

function isBatchJob(rule: Rule): boolean {
  return (rule.apiGroups?.includes('batch') ?? false) && (rule.resources?.includes('jobs') ?? false);
}

function toLoopback(hook: Webhook, urlBase: string, caBundle: string): Webhook {
  const path = hook.clientConfig.service?.path;
  if (!path) throw new Error(`webhook ${hook.name} has no clientConfig.service.path`);
  const out: Webhook = { ...hook, clientConfig: { url: `${urlBase}${path}`, caBundle } };
  if (hook.rules?.some(isBatchJob)) {
    out.namespaceSelector = { matchExpressions: [{ key: 'kubernetes.io/metadata.name', operator: 'NotIn', values: ['kube-system', 'kueue-system'] }] };
    out.objectSelector = { matchExpressions: [{ key: QUEUE_LABEL, operator: 'Exists' }] };
  }
  return out;
}

function main(argv: string[]): void {
  const [moduleDir, urlBase, caFile, outDir] = argv;
  if (!moduleDir || !urlBase || !caFile || !outDir) throw new Error('usage: webhooks.ts <kueue-module-dir> <url-base> <ca.crt> <out-dir>');
  const source = join(moduleDir, 'config/components/webhook/manifests.yaml');
  const caBundle = Buffer.from(readFileSync(caFile)).toString('base64');
  for (const doc of parseAllDocuments(readFileSync(source, 'utf8'))) {
    if (doc.errors.length > 0) throw new Error(`${source}: ${doc.errors[0]?.message ?? 'parse error'}`);
    const config = doc.toJS() as WebhookConfiguration | null;
    if (!config?.kind?.endsWith('WebhookConfiguration')) continue;
    const webhooks = config.webhooks
      .filter((h) => h.rules?.some((r) => isKueueKind(r) || isBatchJob(r)))
      .map((h) => toLoopback(h, urlBase, caBundle));
    const name = `${NAME_PREFIX}${config.metadata.name}`;
    const file = join(outDir, `${name}.json`);
    writeFileSync(file, JSON.stringify({ ...config, metadata: { name }, webhooks }, null, 2));
    process.stdout.write(`${file} ${config.kind} ${webhooks.map((h) => h.name).join(',')}\n`);
  }
}

main(process.argv.slice(2));
