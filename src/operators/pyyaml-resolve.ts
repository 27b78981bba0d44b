/**
 * PyYAML's implicit resolvers (`yaml/resolver.py`, used by the representer that Airflow's `yaml.dump` runs): a
 * string that would read back as bool, int, float, null, timestamp, merge or value must be quoted when dumped.
 */
const resolvers: [first: string, pattern: RegExp][] = [
  ['yYnNtTfFoO', /^(?:yes|Yes|YES|no|No|NO|true|True|TRUE|false|False|FALSE|on|On|ON|off|Off|OFF)$/],
  [
    '-+0123456789.',
    /^(?:[-+]?(?:[0-9][0-9_]*)\.[0-9_]*(?:[eE][-+][0-9]+)?|\.[0-9][0-9_]*(?:[eE][-+][0-9]+)?|[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+\.[0-9_]*|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$/,
  ],
  [
    '-+0123456789',
    /^(?:[-+]?0b[0-1_]+|[-+]?0[0-7_]+|[-+]?(?:0|[1-9][0-9_]*)|[-+]?0x[0-9a-fA-F_]+|[-+]?[1-9][0-9_]*(?::[0-5]?[0-9])+)$/,
  ],
  ['<', /^(?:<<)$/],
  ['~nN', /^(?:~|null|Null|NULL)$/],
  [
    '0123456789',
    /^(?:[0-9][0-9][0-9][0-9]-[0-9][0-9]?-[0-9][0-9]?|[0-9][0-9][0-9][0-9]-[0-9][0-9]?-[0-9][0-9]?(?:[Tt]|[ \t]+)[0-9][0-9]?:[0-9][0-9]:[0-9][0-9](?:\.[0-9]*)?(?:[ \t]*(?:Z|[-+][0-9][0-9]?(?::[0-9][0-9])?))?)$/,
  ],
  ['=', /^(?:=)$/],
];

/** True when PyYAML would resolve the plain text to a tag other than str (so it must be quoted). */
export function resolvesToNonString(text: string): boolean {
  if (text === '') return true;
  // Python's `$` also matches just before a final newline.
  const subject = text.endsWith('\n') ? text.slice(0, -1) : text;
  const first = text[0] ?? '';
  return resolvers.some(([firsts, pattern]) => firsts.includes(first) && pattern.test(subject));
}
