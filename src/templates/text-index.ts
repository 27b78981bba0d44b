/** Offsets (UTF-16, as JavaScript strings and VS Code count) → 1-based line and character column. */
import type { Position } from '../common/index.js';

export class TextIndex {
  private readonly lineStarts: number[] = [0];
  private readonly text: string;

  constructor(text: string) {
    this.text = text;
    for (let i = 0; i < text.length; i++) {
      if (text.charCodeAt(i) === 10) this.lineStarts.push(i + 1);
    }
  }

  /** 1-based line and column; the column counts characters (code points), as the CLI grammar says. */
  position(offset: number): Position {
    const clamped = Math.min(Math.max(offset, 0), this.text.length);
    let low = 0;
    let high = this.lineStarts.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if (this.lineStarts[mid]! <= clamped) low = mid;
      else high = mid - 1;
    }
    const lineStart = this.lineStarts[low]!;
    return { line: low + 1, column: countCodePoints(this.text, lineStart, clamped) + 1 };
  }

  /** Offset of the start of a 1-based line (clamped to the text). */
  lineOffset(line: number): number {
    return this.lineStarts[Math.min(Math.max(line - 1, 0), this.lineStarts.length - 1)]!;
  }
}

function countCodePoints(text: string, start: number, end: number): number {
  let count = 0;
  for (let i = start; i < end; i++) {
    const code = text.charCodeAt(i);
    // A high surrogate followed by a low one is a single character.
    if (code >= 0xd800 && code <= 0xdbff && i + 1 < end) {
      const next = text.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) i++;
    }
    count++;
  }
  return count;
}
