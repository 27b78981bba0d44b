/**
 * Resuming a followed log without losing or repeating a line. pods/log `sinceTime` has whole seconds, so a resumed
 * stream starts at the second of the last line delivered and repeats what was already seen in it. stern skips by
 * counting lines in that second (stern/tail.go `ResumeRequest{Timestamp, LinesToSkip}`); we refine it with the full
 * RFC3339Nano stamp and the text: a line older than the last one delivered is skipped, a line with the same stamp
 * only when that same text was delivered with it, so lines sharing a stamp are neither lost nor doubled.
 */

/** One log line; `timestamp` is the kubelet's RFC3339Nano stamp when the stream carried one. */
export interface LogLine {
  timestamp: string | undefined;
  text: string;
}

const stampRe = /^(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d)(?:\.(\d{1,9}))?(Z|[+-]\d\d:\d\d)$/;

/**
 * A key that sorts like the instant: `YYYY-MM-DDTHH:MM:SS.nnnnnnnnn` in UTC. The kubelet trims trailing zeros of
 * the fraction (Go's RFC3339Nano), so raw stamps do not sort as strings. Undefined when not a stamp.
 */
export function stampKey(stamp: string): string | undefined {
  const m = stampRe.exec(stamp);
  if (!m?.[1] || !m[3]) return undefined;
  let base = m[1];
  if (m[3] !== 'Z') {
    const ms = Date.parse(`${m[1]}${m[3]}`);
    if (Number.isNaN(ms)) return undefined;
    base = new Date(ms).toISOString().slice(0, 19);
  }
  return `${base}.${(m[2] ?? '').padEnd(9, '0')}`;
}

/** Splits a `timestamps=true` line into stamp and text; a line without a valid stamp keeps all its text. */
export function parseLogLine(raw: string, stamped: boolean): LogLine {
  if (stamped) {
    const space = raw.indexOf(' ');
    const stamp = space > 0 ? raw.slice(0, space) : raw;
    if (stampKey(stamp) !== undefined) return { timestamp: stamp, text: space > 0 ? raw.slice(space + 1) : '' };
  }
  return { timestamp: undefined, text: raw };
}

/** The `sinceTime` to resume from: the last stamp's whole second, in UTC. */
export function resumeSinceTime(stamp: string): string | undefined {
  const key = stampKey(stamp);
  return key ? `${key.slice(0, 19)}Z` : undefined;
}

/** What a follow has delivered so far, and the rule for the lines a resumed stream repeats. */
export class ResumePoint {
  private lastKey: string | undefined;
  private lastStamp: string | undefined;
  /** Texts delivered with exactly the last stamp. */
  private atLast: string[] = [];
  /** Texts of the current resumed stream at the last stamp that are still to be skipped. */
  private toSkip: string[] | undefined;

  /** Records a delivered line. */
  delivered(line: LogLine): void {
    const key = line.timestamp === undefined ? undefined : stampKey(line.timestamp);
    if (key === undefined) return;
    if (key !== this.lastKey) {
      this.lastKey = key;
      this.lastStamp = line.timestamp;
      this.atLast = [];
    }
    this.atLast.push(line.text);
  }

  /** Starts a resumed stream; returns its `sinceTime` (undefined before any stamped line was delivered). */
  resume(): string | undefined {
    this.toSkip = [...this.atLast];
    return this.lastStamp === undefined ? undefined : resumeSinceTime(this.lastStamp);
  }

  /** True when a line of a resumed stream was delivered before. */
  seen(line: LogLine): boolean {
    if (this.toSkip === undefined || this.lastKey === undefined) return false;
    const key = line.timestamp === undefined ? undefined : stampKey(line.timestamp);
    if (key === undefined) return false;
    if (key < this.lastKey) return true;
    if (key > this.lastKey) {
      this.toSkip = undefined; // past the resume point: everything from here on is new
      return false;
    }
    const i = this.toSkip.indexOf(line.text);
    if (i < 0) return false;
    this.toSkip.splice(i, 1);
    return true;
  }
}
