/**
 * A linear pre-scan that estimates YAML nesting depth without parsing, so a deeply nested input is reported before
 * the recursive composer runs. It over-estimates slightly (block scalars and brackets in plain text count), which
 * only matters past the limit.
 */
function countFlow(line: string): { opened: number; peak: number } {
  let depth = 0;
  let peak = 0;
  let quote = '';
  for (let i = 0; i < line.length; i++) {
    const c = line[i]!;
    if (quote) {
      if (c === quote) quote = '';
      continue;
    }
    if (c === '"' || c === "'") quote = c;
    else if (c === '#' && (i === 0 || line[i - 1] === ' ')) break;
    else if (c === '[' || c === '{') peak = Math.max(peak, ++depth);
    else if (c === ']' || c === '}') depth--;
  }
  return { opened: depth, peak };
}

function sequenceMarkers(line: string, from: number): number {
  let count = 0;
  let i = from;
  while (line[i] === '-' && (line[i + 1] === ' ' || i + 1 === line.length)) {
    count++;
    i += 2;
    while (line[i] === ' ') i++;
  }
  return count;
}

/** Offset of the first line whose estimated depth exceeds maxDepth, or -1. */
export function findExcessiveNesting(text: string, maxDepth: number): number {
  const indents: number[] = [];
  let flow = 0;
  let offset = 0;
  for (const line of text.split('\n')) {
    const indent = line.length - line.trimStart().length;
    const blank = indent === line.length || line[indent] === '#';
    if (!blank && flow <= 0) {
      while (indents.length > 0 && indents[indents.length - 1]! >= indent) indents.pop();
      indents.push(indent);
    }
    const { opened, peak } = blank ? { opened: 0, peak: 0 } : countFlow(line);
    const depth = indents.length + sequenceMarkers(line, indent) + Math.max(flow, 0) + peak;
    if (depth > maxDepth) return offset + indent;
    flow = Math.max(flow + opened, 0);
    offset += line.length + 1;
  }
  return -1;
}
