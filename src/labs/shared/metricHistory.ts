/**
 * The chart history of one run, for every lab. Steps only ever rise within a run, so when
 * points arrive for a step already recorded (after a restore or a reset) the old future is
 * dropped rather than drawn as a zig-zag.
 */

export function appendMetrics<M extends { step: number }>(history: readonly M[], incoming: readonly M[]): M[] {
  if (incoming.length === 0) return history as M[];
  const firstNew = incoming[0].step;
  let keep = history.length;
  while (keep > 0 && history[keep - 1].step >= firstNew) keep--;
  return [...history.slice(0, keep), ...incoming];
}

/** The history up to and including `step` (e.g. the last good step before divergence). */
export function metricsUpTo<M extends { step: number }>(history: readonly M[], step: number): M[] {
  let keep = history.length;
  while (keep > 0 && history[keep - 1].step > step) keep--;
  return history.slice(0, keep);
}
