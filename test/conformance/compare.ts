/**
 * Field-for-field and byte-for-byte comparison of our output with the provider's, masking only what issue 3 allows:
 * the 8-character random name suffixes and `secretvol<uuid>` names the provider generated in this very run (the
 * driver reports them), and the value of the environment-dependent label `airflow_version`, whose presence still
 * counts when the provider emits it. `airflow_kpo_in_cluster` is judged like any label (issue 9): the renderer
 * follows where the judge's Airflow runs (`--no-in-cluster` for task files, in the cluster for DAG files).
 */

export interface Masks {
  /** Random name suffixes the provider drew, in order. */
  suffixes: readonly string[];
  /** `secretvol<uuid>` UUIDs the provider drew. */
  uuids: readonly string[];
}

export interface Difference {
  path: string;
  airflow: unknown;
  ours: unknown;
}

export const ENV_LABELS = ['airflow_version'] as const;
const UUID = '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}';

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * A matcher for one provider string: the provider's random tokens become "any value of the same shape", the rest
 * must be identical. Returns undefined when the string holds none of them (plain equality then applies).
 */
export function maskedMatcher(airflow: string, masks: Masks): RegExp | undefined {
  const tokens = [
    ...masks.uuids.map((u) => ({ token: u, pattern: UUID })),
    ...masks.suffixes.map((s) => ({ token: s, pattern: '[a-z0-9]{8}' })),
  ].filter(({ token }) => token !== '' && airflow.includes(token));
  if (tokens.length === 0) return undefined;
  let pattern = escapeRegExp(airflow);
  for (const { token, pattern: shape } of tokens) pattern = pattern.split(escapeRegExp(token)).join(shape);
  return new RegExp(`^${pattern}$`);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isEnvLabel(path: string, key: string): boolean {
  return path.endsWith('.labels') && (ENV_LABELS as readonly string[]).includes(key);
}

/** Deep comparison (objects by key, arrays by position); returns every difference, with JSON-ish paths. */
export function compareJson(airflow: unknown, ours: unknown, masks: Masks, path = '$'): Difference[] {
  if (typeof airflow === 'string' && typeof ours === 'string') {
    const matcher = maskedMatcher(airflow, masks);
    const same = matcher ? matcher.test(ours) : airflow === ours;
    return same ? [] : [{ path, airflow, ours }];
  }
  if (Array.isArray(airflow) && Array.isArray(ours)) {
    const diffs: Difference[] = [];
    const length = Math.max(airflow.length, ours.length);
    for (let i = 0; i < length; i++) {
      if (i >= airflow.length) diffs.push({ path: `${path}[${i}]`, airflow: '<absent>', ours: ours[i] });
      else if (i >= ours.length) diffs.push({ path: `${path}[${i}]`, airflow: airflow[i], ours: '<absent>' });
      else diffs.push(...compareJson(airflow[i], ours[i], masks, `${path}[${i}]`));
    }
    return diffs;
  }
  if (isRecord(airflow) && isRecord(ours)) {
    const diffs: Difference[] = [];
    const keys = [...new Set([...Object.keys(airflow), ...Object.keys(ours)])].sort();
    for (const key of keys) {
      const sub = `${path}.${key}`;
      const inAirflow = Object.hasOwn(airflow, key);
      const inOurs = Object.hasOwn(ours, key);
      if (isEnvLabel(path, key)) {
        if (inAirflow && !inOurs) diffs.push({ path: sub, airflow: airflow[key], ours: '<absent>' });
        continue;
      }
      if (!inAirflow) diffs.push({ path: sub, airflow: '<absent>', ours: ours[key] });
      else if (!inOurs) diffs.push({ path: sub, airflow: airflow[key], ours: '<absent>' });
      else diffs.push(...compareJson(airflow[key], ours[key], masks, sub));
    }
    return diffs;
  }
  return airflow === ours ? [] : [{ path, airflow, ours }];
}

/**
 * dry_run() text: the env-label values are masked on both sides; a label line the provider does not print is
 * dropped from ours (absent on the provider side is no difference); then line by line, random tokens masked.
 */
export function compareText(airflow: string, ours: string, masks: Masks): Difference[] {
  let a = airflow;
  let o = ours;
  for (const label of ENV_LABELS) {
    const line = new RegExp(`^(\\s*)${label}: .*$`, 'gm');
    if (!line.test(a)) o = o.replace(new RegExp(`^\\s*${label}: .*\\n`, 'gm'), '');
    a = a.replace(line, `$1${label}: <masked>`);
    o = o.replace(line, `$1${label}: <masked>`);
  }
  const aLines = a.split('\n');
  const oLines = o.split('\n');
  const diffs: Difference[] = [];
  for (let i = 0; i < Math.max(aLines.length, oLines.length); i++) {
    const al = aLines[i];
    const ol = oLines[i];
    if (al === undefined || ol === undefined) {
      diffs.push({ path: `line ${i + 1}`, airflow: al ?? '<absent>', ours: ol ?? '<absent>' });
      continue;
    }
    const matcher = maskedMatcher(al, masks);
    if (!(matcher ? matcher.test(ol) : al === ol)) diffs.push({ path: `line ${i + 1}`, airflow: al, ours: ol });
  }
  return diffs;
}

/**
 * The part of Airflow's exception message our stderr must carry: its first line, whitespace collapsed. This is the
 * documented error rule of the suite (test/conformance/README.md): same meaning, shown as Airflow's own words.
 */
export function errorKeyPhrase(message: string): string {
  return (message.split('\n')[0] ?? '').replace(/\s+/g, ' ').trim();
}

export function carriesPhrase(stderr: string, phrase: string): boolean {
  return stderr.replace(/\s+/g, ' ').includes(phrase);
}

/** Readable lines for a failing case (at most `limit` differences). */
export function formatDifferences(diffs: readonly Difference[], limit = 25): string[] {
  const show = (v: unknown) => (typeof v === 'string' ? JSON.stringify(v) : JSON.stringify(v) ?? 'undefined');
  const lines = diffs.slice(0, limit).map((d) => `    ${d.path}\n      airflow: ${show(d.airflow)}\n      ours:    ${show(d.ours)}`);
  if (diffs.length > limit) lines.push(`    … and ${diffs.length - limit} more differences`);
  return lines;
}
