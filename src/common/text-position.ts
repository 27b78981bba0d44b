/**
 * The one offset → position conversion: a 0-based UTF-16 offset (what JavaScript strings, the `yaml` library and
 * tree-sitter's JS binding use) → a 1-based line and a 1-based column counted in UTF-16 code units, the column unit
 * of VS Code and of LSP's default `positionEncoding`. So a CLI line `file:line:col` and an editor diagnostic name the
 * same place, and adapters convert with `line - 1, column - 1` only.
 */
import type { Position } from './problem.js';

/** Line starts of a text, for many conversions over the same text (binary search per offset). */
export class LineIndex {
  private readonly lineStarts: number[] = [0];
  private readonly length: number;

  constructor(text: string) {
    this.length = text.length;
    for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) this.lineStarts.push(i + 1);
  }

  /** 1-based line and UTF-16 column of an offset (clamped to the text). */
  position(offset: number): Position {
    const clamped = Math.min(Math.max(offset, 0), this.length);
    let low = 0;
    let high = this.lineStarts.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if (this.lineStarts[mid]! <= clamped) low = mid;
      else high = mid - 1;
    }
    return { line: low + 1, column: clamped - this.lineStarts[low]! + 1 };
  }

  /** Offset of the start of a 1-based line (clamped to the text). */
  lineOffset(line: number): number {
    return this.lineStarts[Math.min(Math.max(line - 1, 0), this.lineStarts.length - 1)]!;
  }
}

/** One conversion; build a `LineIndex` when converting many offsets of the same text. */
export function toPosition(text: string, offset: number): Position {
  return new LineIndex(text).position(offset);
}
