/**
 * `datetime`/pendulum values for templates: Airflow's `logical_date`, `data_interval_*` are pendulum DateTimes in
 * UTC; `macros.datetime(...)` and `strptime` build stdlib datetimes (naive unless a tz is given). Only UTC and
 * naive values are modelled (docs/FIDELITY.md, Jinja).
 */

const DAY_MS = 86_400_000;
const DAYS = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];
const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

export class PyTimedelta {
  /** Whole microseconds, as Python keeps them. */
  readonly micros: number;
  constructor(micros: number) {
    this.micros = Math.round(micros);
  }
  static of(parts: Record<string, unknown>): PyTimedelta {
    const units: Record<string, number> = { weeks: 604_800e6, days: 86_400e6, hours: 3_600e6, minutes: 60e6, seconds: 1e6, milliseconds: 1e3, microseconds: 1 };
    let micros = 0;
    for (const [name, value] of Object.entries(parts)) micros += (units[name] ?? 0) * (typeof value === 'number' ? value : 0);
    return new PyTimedelta(micros);
  }
  get days(): number {
    return Math.floor(this.micros / 86_400e6);
  }
  get seconds(): number {
    return Math.floor((this.micros - this.days * 86_400e6) / 1e6);
  }
  totalSeconds(): number {
    return this.micros / 1e6;
  }
  /** `str(timedelta)`: `1 day, 2:03:04`, `-1 day, 23:59:59`, `0:00:01.500000`. */
  str(): string {
    const rest = this.micros - this.days * 86_400e6;
    const secs = Math.floor(rest / 1e6);
    const micro = rest - secs * 1e6;
    const clock = `${Math.floor(secs / 3600)}:${pad(Math.floor(secs / 60) % 60)}:${pad(secs % 60)}${micro ? `.${pad(micro, 6)}` : ''}`;
    if (this.days === 0) return clock;
    return `${this.days} day${Math.abs(this.days) === 1 ? '' : 's'}, ${clock}`;
  }
  repr(): string {
    const parts: string[] = [];
    if (this.days) parts.push(`days=${this.days}`);
    if (this.seconds) parts.push(`seconds=${this.seconds}`);
    const micro = this.micros - this.days * 86_400e6 - this.seconds * 1e6;
    if (micro) parts.push(`microseconds=${micro}`);
    return `datetime.timedelta(${parts.join(', ') || '0'})`;
  }
}

export class PyDateTime {
  /** Microseconds since the epoch of the wall-clock time read as UTC (naive values too). */
  readonly epochMicros: number;
  /** `UTC` for Airflow's dates; null for a naive stdlib datetime. */
  readonly tz: 'UTC' | null;
  /** pendulum DateTime (Airflow's context dates) or stdlib `datetime.datetime` (macros.datetime). */
  readonly flavour: 'pendulum' | 'stdlib';
  constructor(epochMicros: number, tz: 'UTC' | null, flavour: 'pendulum' | 'stdlib') {
    this.epochMicros = Math.round(epochMicros);
    this.tz = tz;
    this.flavour = flavour;
  }
  get epochMs(): number {
    return Math.floor(this.epochMicros / 1000);
  }
  get micro(): number {
    return ((this.epochMicros % 1e6) + 1e6) % 1e6;
  }
  private get date(): Date {
    return new Date(this.epochMs);
  }
  get year(): number {
    return this.date.getUTCFullYear();
  }
  get month(): number {
    return this.date.getUTCMonth() + 1;
  }
  get day(): number {
    return this.date.getUTCDate();
  }
  get hour(): number {
    return this.date.getUTCHours();
  }
  get minute(): number {
    return this.date.getUTCMinutes();
  }
  get second(): number {
    return this.date.getUTCSeconds();
  }
  /** Monday is 0, as `datetime.weekday()`. */
  weekday(): number {
    return (this.date.getUTCDay() + 6) % 7;
  }
  plus(delta: PyTimedelta): PyDateTime {
    return new PyDateTime(this.epochMicros + delta.micros, this.tz, this.flavour);
  }
  minus(other: PyDateTime): PyTimedelta {
    return new PyTimedelta(this.epochMicros - other.epochMicros);
  }
  isoformat(sep = 'T'): string {
    const frac = this.micro ? `.${pad(this.micro, 6)}` : '';
    const base = `${pad(this.year, 4)}-${pad(this.month)}-${pad(this.day)}${sep}${pad(this.hour)}:${pad(this.minute)}:${pad(this.second)}${frac}`;
    return this.tz ? `${base}+00:00` : base;
  }
  /** `str()` of both pendulum 3 and stdlib datetimes is `isoformat(" ")` (checked on pendulum 3.3.0). */
  str(): string {
    return this.isoformat(' ');
  }
  repr(): string {
    const tail = this.tz ? (this.flavour === 'pendulum' ? ", tzinfo=Timezone('UTC')" : ', tzinfo=datetime.timezone.utc') : '';
    const parts = [this.year, this.month, this.day, this.hour, this.minute, this.second, ...(this.micro ? [this.micro] : [])];
    return `${this.flavour === 'pendulum' ? 'DateTime' : 'datetime.datetime'}(${parts.join(', ')}${tail})`;
  }
  timestamp(): number {
    return this.epochMicros / 1e6;
  }
  /** C `strftime` directives Python documents as portable; others raise Unsupported upstream. */
  strftime(format: string): string | undefined {
    let unsupported = false;
    const out = format.replace(/%(.)/g, (_, d: string) => {
      const value = this.directive(d);
      if (value === undefined) unsupported = true;
      return value ?? '';
    });
    return unsupported ? undefined : out;
  }
  private directive(d: string): string | undefined {
    const start = Date.UTC(this.year, 0, 1);
    const table: Record<string, () => string> = {
      Y: () => pad(this.year, 4), y: () => pad(this.year % 100), m: () => pad(this.month), d: () => pad(this.day),
      H: () => pad(this.hour), M: () => pad(this.minute), S: () => pad(this.second), f: () => pad(this.micro, 6),
      I: () => pad(((this.hour + 11) % 12) + 1), p: () => (this.hour < 12 ? 'AM' : 'PM'),
      j: () => pad(Math.floor((Date.UTC(this.year, this.month - 1, this.day) - start) / DAY_MS) + 1, 3),
      a: () => DAYS[this.weekday()]!.slice(0, 3), A: () => DAYS[this.weekday()]!,
      b: () => MONTHS[this.month - 1]!.slice(0, 3), B: () => MONTHS[this.month - 1]!,
      w: () => String((this.weekday() + 1) % 7), z: () => (this.tz ? '+0000' : ''), Z: () => (this.tz ? 'UTC' : ''),
      '%': () => '%',
    };
    return table[d]?.();
  }
}

/** Parses `YYYY-MM-DD[THH:MM[:SS[.ffffff]]][Z|+00:00]` (what `--logical-date` and `ds` hold). */
export function parseIsoDateTime(text: string, flavour: 'pendulum' | 'stdlib' = 'pendulum'): PyDateTime | undefined {
  const m = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,6}))?)?)?(Z|[+-]00:?00)?$/.exec(text.trim());
  if (!m) return undefined;
  const [, y, mo, d, h = '0', mi = '0', s = '0', frac = ''] = m;
  const ms = Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s));
  const check = new Date(ms);
  if (check.getUTCMonth() !== Number(mo) - 1 || check.getUTCDate() !== Number(d)) return undefined;
  const micro = Number(frac.padEnd(6, '0'));
  const tz = flavour === 'pendulum' || m[8] ? 'UTC' : null;
  return new PyDateTime(ms * 1000 + micro, tz, flavour);
}

/** `datetime.strptime` for the numeric directives (`%Y %m %d %H %M %S %y %j`) and literal text. */
export function strptime(text: string, format: string): PyDateTime | undefined {
  const fields: Record<string, number> = { Y: 1900, m: 1, d: 1, H: 0, M: 0, S: 0 };
  let pattern = '';
  const order: string[] = [];
  for (let i = 0; i < format.length; i++) {
    const ch = format[i]!;
    if (ch === '%' && i + 1 < format.length) {
      const d = format[++i]!;
      const width: Record<string, string> = { Y: '\\d{4}', y: '\\d{2}', m: '\\d{1,2}', d: '\\d{1,2}', H: '\\d{1,2}', M: '\\d{1,2}', S: '\\d{1,2}', '%': '%' };
      if (!width[d]) return undefined;
      pattern += d === '%' ? '%' : `(${width[d]})`;
      if (d !== '%') order.push(d);
    } else pattern += ch.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  }
  const m = new RegExp(`^${pattern}$`).exec(text);
  if (!m) return undefined;
  order.forEach((d, i) => (fields[d === 'y' ? 'Y' : d] = d === 'y' ? 2000 + Number(m[i + 1]) - (Number(m[i + 1]) > 68 ? 100 : 0) : Number(m[i + 1])));
  return new PyDateTime(Date.UTC(fields.Y!, fields.m! - 1, fields.d!, fields.H!, fields.M!, fields.S!) * 1000, null, 'stdlib');
}
