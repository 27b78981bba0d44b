/** When a machine next wants a `tick`: the earliest of its pending deadlines (milliseconds), if it has any. */
export function earliestWake(times: readonly (number | undefined)[]): number | undefined {
  const defined = times.filter((t): t is number => t !== undefined);
  return defined.length > 0 ? Math.min(...defined) : undefined;
}
