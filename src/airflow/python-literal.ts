/**
 * Reads the Python `repr` of a JSON-like value, as Airflow 2's `/api/v1/…/xcomEntries/{key}` sends an XCom by
 * default (`stringify=true`: `str(value)`, e.g. "{'greeting': 'hi', 'n': 1, 'ok': True}"). Covers what
 * `ast.literal_eval` accepts for JSON-shaped data: dicts, lists, tuples, quoted strings with escapes, ints, floats,
 * True/False/None. Anything else (a repr of an object) yields undefined, and the caller keeps the text.
 */

class Reader {
  private at = 0;
  private readonly text: string;
  constructor(text: string) {
    this.text = text;
  }

  parseAll(): unknown {
    const value = this.value();
    this.space();
    if (this.at !== this.text.length) throw new Error(`unexpected ${this.text[this.at]}`);
    return value;
  }

  private space(): void {
    while (/\s/.test(this.text[this.at] ?? '')) this.at++;
  }

  private value(): unknown {
    this.space();
    const c = this.text[this.at] ?? '';
    if (c === '{') return this.dict();
    if (c === '[' || c === '(') return this.list(c === '[' ? ']' : ')');
    if (c === "'" || c === '"') return this.string(c);
    const word = /^(True|False|None|[-+]?(\d+\.?\d*(e[-+]?\d+)?|\.\d+(e[-+]?\d+)?|inf|nan))/i.exec(this.text.slice(this.at))?.[0];
    if (!word) throw new Error(`unexpected ${c || 'end'}`);
    this.at += word.length;
    if (word === 'True' || word === 'False') return word === 'True';
    if (word === 'None') return null;
    return Number(word);
  }

  private items(close: string, item: () => void): void {
    this.at++;
    for (;;) {
      this.space();
      if (this.text[this.at] === close) break;
      item();
      this.space();
      if (this.text[this.at] === ',') this.at++;
      else if (this.text[this.at] !== close) throw new Error(`expected , or ${close}`);
    }
    this.at++;
  }

  private dict(): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    this.items('}', () => {
      const key = this.value();
      this.space();
      if (this.text[this.at++] !== ':') throw new Error('expected :');
      out[String(key)] = this.value();
    });
    return out;
  }

  private list(close: string): unknown[] {
    const out: unknown[] = [];
    this.items(close, () => out.push(this.value()));
    return out;
  }

  private string(quote: string): string {
    let out = '';
    const escapes: Record<string, string> = { n: '\n', t: '\t', r: '\r', '\\': '\\', "'": "'", '"': '"', '0': '\0' };
    for (this.at++; this.at < this.text.length; this.at++) {
      const c = this.text[this.at] ?? '';
      if (c === quote) {
        this.at++;
        return out;
      }
      if (c !== '\\') {
        out += c;
        continue;
      }
      const next = this.text[++this.at] ?? '';
      const hex = next === 'x' ? 2 : next === 'u' ? 4 : next === 'U' ? 8 : 0;
      if (hex) {
        out += String.fromCodePoint(parseInt(this.text.slice(this.at + 1, this.at + 1 + hex), 16));
        this.at += hex;
      } else out += escapes[next] ?? `\\${next}`;
    }
    throw new Error('unterminated string');
  }
}

/** The value of a Python literal repr, or undefined when the text is not one. */
export function parsePythonLiteral(text: string): unknown {
  try {
    return new Reader(text).parseAll();
  } catch {
    return undefined;
  }
}
