/**
 * `kubetasks check` (issue 13): a refusal of the API server's dry run (`dryRun=All`, `fieldValidation=Strict`) turned
 * into findings on fields of the rendered object, then located through the provenance map. The server names a field
 * only for validation errors (StatusCause `field`); admission refusals say it in words, so the wording of the
 * admission plugins of Kubernetes 1.36 is read here: ResourceQuota ("exceeded quota", "must specify"), LimitRanger
 * ("… usage per Container …"), PodSecurity ("violates PodSecurity"), Priority ("no PriorityClass with name"),
 * ServiceAccount ("error looking up service account"), NamespaceLifecycle ("namespaces … not found") and
 * validating/mutating webhooks ("admission webhook … denied the request").
 */
import type { Problem, Severity } from '../common/index.js';
import type { FieldPath, Provenance } from './provenance.js';
import { parseFieldPath } from './provenance.js';

/** A refusal of the server's dry run, as src/kube reports it. */
export interface ServerRefusal {
  /** KubeError reason: Invalid, Forbidden, NotFound, AlreadyExists, Conflict, … */
  reason: string;
  /** The Status message as the server wrote it. */
  message: string;
  /** The Status `details.causes` (with strict decoding's unknown fields). */
  causes: readonly { reason?: string; message?: string; field?: string }[];
}

export interface CheckFinding {
  code: string;
  severity: Severity;
  message: string;
  /** The rendered field the finding is about; absent when the server names none (then the `operator:` line). */
  path?: FieldPath;
}

type Body = Record<string, unknown>;

function at(value: unknown, key: string | number): unknown {
  return value !== null && typeof value === 'object' ? (value as Record<string | number, unknown>)[key] : undefined;
}

/** Where the pod spec is in an object a task creates. */
function podSpecPath(kind: string): FieldPath | undefined {
  if (kind === 'Pod') return ['spec'];
  if (kind === 'Job') return ['spec', 'template', 'spec'];
  return undefined;
}

/** The path of container `name` (else the first container) of the object's pod spec. */
function containerPath(body: Body, name: string | undefined): FieldPath | undefined {
  const spec = podSpecPath(String(body['kind'] ?? ''));
  if (!spec) return undefined;
  let containers: unknown = body;
  for (const key of [...spec, 'containers']) containers = at(containers, key);
  if (!Array.isArray(containers) || containers.length === 0) return undefined;
  const index = name === undefined ? -1 : containers.findIndex((c) => at(c, 'name') === name);
  return [...spec, 'containers', Math.max(index, 0)];
}

function podField(body: Body, field: string): FieldPath | undefined {
  const spec = podSpecPath(String(body['kind'] ?? ''));
  return spec ? [...spec, field] : undefined;
}

const quotaComputeResource = /(^|[\s,])(requests\.|limits\.)?(cpu|memory|ephemeral-storage|hugepages-[\w-]+)=/;

/** An admission refusal read from its words; undefined when none of the known plugins wrote it. */
function admissionFinding(refusal: ServerRefusal, body: Body, what: string): CheckFinding | undefined {
  const text = refusal.message;
  const finding = (code: string, path: FieldPath | undefined, message = `${what}: ${text}`): CheckFinding =>
    ({ code, severity: 'error', message, ...(path ? { path } : {}) });
  const container = /container "([^"]+)"/.exec(text)?.[1] ?? /must specify [^;]*? for: ([\w-]+)/.exec(text)?.[1];
  const resources = (): FieldPath | undefined => {
    const path = containerPath(body, container);
    return path ? [...path, 'resources'] : undefined;
  };
  if (/exceeded quota|must specify (requests|limits)\./.test(text)) {
    const compute = /must specify/.test(text) || quotaComputeResource.test(/requested: (.*?), used:/.exec(text)?.[1] ?? '');
    return finding('KT5003', compute ? resources() : undefined, `${what}: the namespace's ResourceQuota refuses it: ${text}`);
  }
  if (/usage per (Container|Pod)|limit to request ratio per/.test(text)) return finding('KT5004', resources(), `${what}: the namespace's LimitRange refuses it: ${text}`);
  if (/violates PodSecurity/.test(text)) {
    const path = container === undefined ? podField(body, 'securityContext') : containerPath(body, container);
    return finding('KT5005', path && container !== undefined ? [...path, 'securityContext'] : path);
  }
  if (/no PriorityClass with name/.test(text)) return finding('KT5006', podField(body, 'priorityClassName'));
  if (/error looking up service account|serviceaccount "[^"]*" not found/.test(text)) return finding('KT5007', podField(body, 'serviceAccountName'));
  if (refusal.reason === 'NotFound' && /namespaces? "[^"]*" not found/.test(text)) return finding('KT5008', ['metadata', 'namespace']);
  if (refusal.reason === 'NotFound' && /has no resource for kind/.test(text)) return finding('KT5010', ['apiVersion']);
  return undefined;
}

function has(body: Body, path: FieldPath): boolean {
  let value: unknown = body;
  for (const key of path) value = at(value, key);
  return value !== undefined;
}

/**
 * The rendered path of a cause's field. ObjectMeta errors of a pod template are reported without `metadata`
 * (`spec.template.labels`); a label or annotation error names the map, and its `Invalid value: "x"` the value, so the
 * key holding that value is added (the Kueue queue label → `queue_name`).
 */
function causePath(body: Body, field: string, message: string): FieldPath {
  let path: FieldPath = parseFieldPath(field);
  const last = path.length - 1;
  if (!has(body, path) && last >= 0) {
    const withMeta = [...path.slice(0, last), 'metadata', ...path.slice(last)];
    if (has(body, withMeta)) path = withMeta;
  }
  const map = path.reduce<unknown>((value, key) => at(value, key), body);
  const value = /^Invalid value: "((?:[^"\\]|\\.)*)"/.exec(message)?.[1];
  if (value !== undefined && ['labels', 'annotations'].includes(String(path[path.length - 1])) && map !== null && typeof map === 'object') {
    const key = Object.entries(map).find(([, v]) => v === value)?.[0];
    if (key !== undefined) path = [...path, key];
  }
  return path;
}

/**
 * Unknown fields are refused only because the check asks for `fieldValidation=Strict`: Airflow's create sends no
 * fieldValidation, so the server (1.27+, "Warn") drops them and the task runs without them — a warning.
 */
function causeFinding(cause: ServerRefusal['causes'][number], code: string, what: string, body: Body): CheckFinding {
  const kind = String(body['kind'] ?? 'object');
  const path = cause.field ? { path: causePath(body, cause.field, cause.message ?? '') } : {};
  if (cause.field && (cause.reason === 'FieldValueUnknown' || /unknown field/.test(cause.message ?? ''))) {
    return { code: 'KT5002', severity: 'warning', message: `unknown field ${cause.field} in the ${kind}: the server drops it, so it has no effect`, ...path };
  }
  const detail = cause.message ?? cause.reason ?? 'refused';
  return { code, severity: 'error', message: `${what}: ${cause.field ? `${cause.field}: ` : ''}${detail}`, ...path };
}

/** A copy of `body` without the fields at `paths` (to dry-run again past unknown fields). */
export function withoutFields(body: Record<string, unknown>, paths: readonly FieldPath[]): Record<string, unknown> {
  const copy = structuredClone(body);
  for (const path of paths) {
    let parent: unknown = copy;
    for (const key of path.slice(0, -1)) parent = at(parent, key);
    const last = path[path.length - 1];
    if (parent !== null && typeof parent === 'object' && last !== undefined && !Array.isArray(parent)) delete (parent as Record<string, unknown>)[String(last)];
  }
  return copy;
}

/** `field.Error` bodies (k8s.io/apimachinery `ErrorType.String()`): how a field error's text goes on after its path. */
const fieldErrorTypes = 'Invalid value|Unsupported value|Required value|Duplicate value|Forbidden|Not found|Too long|Too many|Internal error';
const fieldError = new RegExp(`(?:^|\\[|, )((?:[A-Za-z_$][\\w$-]*)(?:\\[[^\\]]*\\]|\\.[A-Za-z_$][\\w$-]*)*): (?=${fieldErrorTypes})`, 'g');

/**
 * The field errors in a webhook's denial. A webhook built on controller-runtime (Kueue) that returns a
 * `field.ErrorList` aggregate is answered with `admission.Denied(err.Error())`: a 403 whose message is the list's
 * text (`path: Invalid value: "x": detail`, several as `[a, b]`) and whose Status has no causes — so the paths are
 * read from the words, each cause keeping its own text.
 */
function webhookCauses(message: string): ServerRefusal['causes'] {
  const denied = /admission webhook "[^"]*" denied the request: /.exec(message);
  if (!denied) return [];
  const text = message.slice(denied.index + denied[0].length);
  const starts = [...text.matchAll(fieldError)];
  return starts.map((m, i) => {
    const from = (m.index ?? 0) + m[0].length;
    const to = starts[i + 1]?.index ?? text.length;
    const detail = text.slice(from, to).replace(/\]$/, '');
    return { field: m[1] ?? '', message: detail };
  });
}

/** The findings of one refused object (`body`: the object as sent; `what` opens each message). */
export function toCheckFindings(refusal: ServerRefusal, body: Body, what = `the server refuses the ${String(body['kind'] ?? 'object')}`): CheckFinding[] {
  const kind = String(body['kind'] ?? 'object');
  const webhook = /admission webhook "[^"]*" denied the request/.exec(refusal.message)?.[0];
  const fields = refusal.causes.filter((c) => c.field);
  const located = webhook && fields.length === 0 ? webhookCauses(refusal.message) : fields;
  // a webhook's finding keeps its name ("admission webhook "vjob.kb.io" denied the request") before the field's text
  if (located.length > 0) return located.map((c) => causeFinding(c, webhook ? 'KT5009' : 'KT5001', webhook ? `${what}: ${webhook}` : what, body));
  if (webhook) return [{ code: 'KT5009', severity: 'error', message: `${what}: ${refusal.message}` }];
  const admission = admissionFinding(refusal, body, what);
  if (admission) return [admission];
  if (refusal.reason === 'AlreadyExists') {
    return [{ code: 'KT5012', severity: 'warning', message: `${kind} ${String(at(body['metadata'], 'name') ?? '')} already exists: the launch would fail (${refusal.message})`, path: ['metadata', 'name'] }];
  }
  if (refusal.reason === 'Forbidden') return [{ code: 'KT5011', severity: 'error', message: `${what}: ${refusal.message}` }];
  const causes = refusal.causes.filter((c) => c.message);
  if (causes.length > 0) return causes.map((c) => causeFinding(c, 'KT5001', what, body));
  return [{ code: 'KT5099', severity: 'error', message: `${what}: ${refusal.message}` }];
}

/** Findings as located Problems: at the origin of their field (task parameter, template line, or `operator:`). */
export function locateFindings(findings: readonly CheckFinding[], provenance: Provenance): Problem[] {
  return findings.map((finding) => {
    const origin = provenance.originOf(finding.path ?? []);
    return {
      severity: finding.severity, code: finding.code, message: finding.message,
      start: origin.range.start, end: origin.range.end, ...(origin.file ? { file: origin.file } : {}),
    };
  });
}

/** The codes of `kubetasks check` (docs/VALIDATION.md), for SARIF rules. */
export const checkCodes: readonly { code: string; summary: string }[] = [
  { code: 'KT5001', summary: 'The API server refuses a field (validation, CRD schema).' },
  { code: 'KT5002', summary: 'Unknown field: the server drops it (Airflow sends no fieldValidation), so it has no effect.' },
  { code: 'KT5003', summary: "The namespace's ResourceQuota refuses the object." },
  { code: 'KT5004', summary: "The namespace's LimitRange refuses the object." },
  { code: 'KT5005', summary: "The namespace's Pod Security level refuses the pod." },
  { code: 'KT5006', summary: 'The PriorityClass does not exist.' },
  { code: 'KT5007', summary: 'The ServiceAccount does not exist.' },
  { code: 'KT5008', summary: 'The namespace does not exist.' },
  { code: 'KT5009', summary: 'An admission webhook (e.g. Kueue) denies the object.' },
  { code: 'KT5010', summary: 'The cluster does not serve the kind (CRD not installed).' },
  { code: 'KT5011', summary: 'Forbidden: the context may not do this.' },
  { code: 'KT5012', summary: 'An object of that name already exists.' },
  { code: 'KT5013', summary: 'The Job a delete/patch task acts on does not exist.' },
  { code: 'KT5014', summary: 'Nothing to dry-run (Install Kueue).' },
  { code: 'KT5015', summary: 'The server refuses the patch of a Patch job task (dry-run PATCH on the Job).' },
  { code: 'KT5099', summary: 'Any other refusal of the dry run.' },
];
