/** The `Errorable<T>` shape with clearer names (STYLE.md "Typed boundaries"). */
import type { Problem } from './problem.js';

export type Result<T> = { ok: true; value: T } | { ok: false; problems: Problem[] };

export function ok<T>(value: T): Result<T> {
  return { ok: true, value };
}

export function fail<T = never>(...problems: Problem[]): Result<T> {
  return { ok: false, problems };
}
