/**
 * `str.format` with known arguments: `{}`, `{0}`, `{name}` and `{{`/`}}` escapes; a field with a conversion or a
 * format spec is left unevaluated (Python library reference, "Format String Syntax").
 */
import type { CallArguments } from './evaluate-call.js';
import { toPyStr } from './py-value.js';

export function formatString(template: string, args: CallArguments): string | undefined {
  let auto = 0;
  let failed = false;
  const text = template.replace(/\{\{|\}\}|\{([^{}]*)\}/g, (whole, field: string | undefined) => {
    if (whole === '{{') return '{';
    if (whole === '}}') return '}';
    const name = field ?? '';
    const value =
      name === '' ? args.positional[auto++]?.value
      : /^\d+$/.test(name) ? args.positional[Number(name)]?.value
      : /^[A-Za-z_]\w*$/.test(name) ? args.keywords.get(name)?.value
      : undefined;
    const rendered = value ? toPyStr(value) : undefined;
    if (rendered === undefined) failed = true;
    return rendered ?? '';
  });
  return failed ? undefined : text;
}
