/**
 * The training timeline: copies of the fixed-noise grid kept as training runs,
 * so a lecturer can scrub back to any moment instantly. A long run is thinned
 * rather than cut: when there are too many snapshots, the one whose loss leaves
 * the smallest gap goes, so the kept ones stay spread over the whole run.
 * The first snapshot (step 0 of a run) and the latest are never dropped.
 */

export interface GridSnapshot {
  /** Generator steps when the grid was drawn. */
  step: number;
  /** gridCount·28·28 pixels in [0, 1]. */
  grid: Float32Array;
  gridCount: number;
  /** D's verdict on each cell. */
  verdicts: Float32Array;
  /** Asked-for class per cell (conditional models), else null. */
  labels: Int32Array | null;
}

/** About 16 MB of 64-digit grids: a long run still scrubs smoothly. */
export const MAX_SNAPSHOTS = 80;

/**
 * The timeline with `snapshot` added. A step lower than the latest means a new
 * run (a reset), so the old timeline is dropped; the same step replaces the latest.
 */
export function addSnapshot<S extends { step: number }>(timeline: readonly S[], snapshot: S, max = MAX_SNAPSHOTS): S[] {
  if (max < 2) throw new Error('a timeline keeps at least two snapshots (the first and the latest)');
  const last = timeline.length > 0 ? timeline[timeline.length - 1] : null;
  if (!last || snapshot.step < last.step) return [snapshot];
  if (snapshot.step === last.step) return [...timeline.slice(0, -1), snapshot];
  const next = [...timeline, snapshot];
  while (next.length > max) next.splice(thinnestIndex(next), 1);
  return next;
}

/** The inner snapshot whose removal leaves the smallest gap (the earliest on ties). */
function thinnestIndex(timeline: readonly { step: number }[]): number {
  let best = 1;
  let bestGap = Infinity;
  for (let i = 1; i < timeline.length - 1; i++) {
    const gap = timeline[i + 1].step - timeline[i - 1].step;
    if (gap < bestGap) {
      best = i;
      bestGap = gap;
    }
  }
  return best;
}

/** Index of the snapshot nearest `step` (the earlier on ties); -1 for an empty timeline. */
export function nearestSnapshot(timeline: readonly { step: number }[], step: number): number {
  let best = -1;
  let bestDistance = Infinity;
  timeline.forEach((s, i) => {
    const distance = Math.abs(s.step - step);
    if (distance < bestDistance) {
      best = i;
      bestDistance = distance;
    }
  });
  return best;
}

/**
 * What the timeline shows: the live grid (`pinnedStep` null) or the stored
 * snapshot nearest the step the slider was left at. Pinning by step rather than
 * by index keeps the picture still while thinning shifts the indices.
 */
export function shownSnapshot<S extends { step: number }>(timeline: readonly S[], pinnedStep: number | null): { index: number; live: boolean } {
  if (pinnedStep === null || timeline.length === 0) return { index: timeline.length - 1, live: true };
  return { index: nearestSnapshot(timeline, pinnedStep), live: false };
}
