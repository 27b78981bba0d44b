/**
 * Jinja masking: Airflow renders SparkKubernetesOperator application files (template_ext yaml/yml/json) and templated
 * fields with Jinja before YAML parsing, so `{{ ds }}` must not be read as a YAML flow mapping. Each construct is
 * replaced by text of the same length (newlines kept), so every offset after masking is an offset in the original.
 */
export interface MaskedRegion {
  start: number;
  end: number;
  /** `expression` for {{ }}, `statement` for {% %}, `comment` for {# #}. */
  type: 'expression' | 'statement' | 'comment';
}

export interface MaskedText {
  text: string;
  regions: MaskedRegion[];
}

const OPENERS = { '{{': ['}}', 'expression'], '{%': ['%}', 'statement'], '{#': ['#}', 'comment'] } as const;

/** Finds Jinja constructs; an unclosed opener runs to the end of its line, as Jinja would report it there. */
export function findJinja(text: string): MaskedRegion[] {
  const regions: MaskedRegion[] = [];
  let i = text.indexOf('{');
  while (i >= 0 && i < text.length - 1) {
    const opener = text.slice(i, i + 2) as keyof typeof OPENERS;
    const spec = OPENERS[opener];
    if (!spec) {
      i = text.indexOf('{', i + 1);
      continue;
    }
    const close = text.indexOf(spec[0], i + 2);
    const lineEnd = text.indexOf('\n', i);
    const end = close >= 0 ? close + 2 : lineEnd >= 0 ? lineEnd : text.length;
    regions.push({ start: i, end, type: spec[1] });
    i = text.indexOf('{', end);
  }
  return regions;
}

function isLineStart(text: string, offset: number): boolean {
  for (let i = offset - 1; i >= 0; i--) {
    const c = text[i];
    if (c === '\n') return true;
    if (c !== ' ' && c !== '\t') return false;
  }
  return true;
}

/**
 * Expressions become a run of `x` (a plain scalar that fits names and values); statements and comments on their
 * own line become a YAML comment, so `{% if %}` lines vanish; inline statements become spaces.
 */
export function maskJinja(text: string): MaskedText {
  const regions = findJinja(text);
  if (regions.length === 0) return { text, regions };
  const parts: string[] = [];
  let last = 0;
  for (const region of regions) {
    parts.push(text.slice(last, region.start));
    const original = text.slice(region.start, region.end);
    const asComment = region.type !== 'expression' && isLineStart(text, region.start);
    const fill = region.type === 'expression' ? 'x' : ' ';
    let replaced = original.replace(/[^\n]/g, fill);
    if (asComment) replaced = `#${replaced.slice(1)}`;
    parts.push(replaced);
    last = region.end;
  }
  parts.push(text.slice(last));
  return { text: parts.join(''), regions };
}

/** True when [start, end) touches a masked region (values there are placeholders, not what Airflow will send). */
export function overlapsMask(regions: readonly MaskedRegion[], start: number, end: number): boolean {
  return regions.some((r) => r.start < Math.max(end, start + 1) && r.end > start);
}
