/**
 * Newline-delimited reading of a streamed response body (watch events are one JSON document per line; pods/log is
 * text). A final piece without a newline is reported apart, so a follower can drop a line cut by a broken
 * connection (it comes again, whole, when the stream resumes).
 */

export interface Line {
  text: string;
  /** False for the last piece of a stream that ended without a newline. */
  complete: boolean;
}

export async function* readLines(body: AsyncIterable<unknown>): AsyncGenerator<Line> {
  let pending = '';
  const decoder = new TextDecoder('utf-8');
  for await (const chunk of body) {
    pending += typeof chunk === 'string' ? chunk : decoder.decode(chunk as Uint8Array, { stream: true });
    let nl = pending.indexOf('\n');
    while (nl >= 0) {
      yield { text: pending.slice(0, nl), complete: true };
      pending = pending.slice(nl + 1);
      nl = pending.indexOf('\n');
    }
  }
  pending += decoder.decode();
  if (pending !== '') yield { text: pending, complete: false };
}
