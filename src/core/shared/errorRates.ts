/**
 * Error rates of a scorer that should score positives above negatives: a voice lock (genuine
 * speaker above impostors), a fake detector (fakes above real recordings). A threshold accepts
 * every score at or above it. Then
 *
 *   false acceptance  share of negatives accepted (an impostor let in, a real clip called fake)
 *   false rejection   share of positives refused  (the owner locked out, a fake let through)
 *
 * Raising the threshold trades one for the other; the equal error rate (EER) is where the two
 * meet, the usual one-number summary of speaker verification and spoofing detection (ASVspoof).
 * Plain TypeScript on number lists, shared by any lab that scores two groups.
 */

export interface ErrorRatePoint {
  /** Scores at or above this are accepted (Infinity: nothing is). */
  threshold: number;
  falseAcceptance: number;
  falseRejection: number;
  /** The ROC curve's axes: false-positive rate (= false acceptance) and true-positive rate (= 1 − false rejection). */
  falsePositiveRate: number;
  truePositiveRate: number;
}

export interface EqualErrorRate {
  /** Where false acceptance equals false rejection, interpolated linearly between the two curve points either side. */
  rate: number;
  /** The threshold of the curve point nearest that meeting (|FA − FR| smallest; the higher threshold on a tie). */
  threshold: number;
  /** The rates at that threshold. */
  falseAcceptance: number;
  falseRejection: number;
}

function checkList(what: string, scores: ArrayLike<number>): void {
  if (scores.length === 0) throw new RangeError(`Give at least one ${what} score.`);
  for (let i = 0; i < scores.length; i++) if (Number.isNaN(scores[i])) throw new RangeError(`${what[0].toUpperCase()}${what.slice(1)} score ${i} is not a number.`);
}

/** Share of `scores` at or above `threshold` (the acceptance rate). */
export function acceptedShare(scores: ArrayLike<number>, threshold: number): number {
  checkList('scored', scores);
  if (Number.isNaN(threshold)) throw new RangeError('The threshold must be a number.');
  let n = 0;
  for (let i = 0; i < scores.length; i++) if (scores[i] >= threshold) n++;
  return n / scores.length;
}

/**
 * The error-rate curve: one point per distinct score (ties move together), from threshold
 * Infinity (nothing accepted: FA 0, FR 1) down to the lowest score (everything accepted: FA 1, FR 0).
 */
export function errorRateCurve(positives: ArrayLike<number>, negatives: ArrayLike<number>): ErrorRatePoint[] {
  checkList('positive', positives);
  checkList('negative', negatives);
  const all = [...Array.from(positives, (s) => ({ s, positive: true })), ...Array.from(negatives, (s) => ({ s, positive: false }))].sort((a, b) => b.s - a.s);
  const point = (threshold: number, acceptedPositives: number, acceptedNegatives: number): ErrorRatePoint => {
    const fa = acceptedNegatives / negatives.length;
    const tp = acceptedPositives / positives.length;
    return { threshold, falseAcceptance: fa, falseRejection: 1 - tp, falsePositiveRate: fa, truePositiveRate: tp };
  };
  const curve = [point(Infinity, 0, 0)];
  let p = 0;
  let n = 0;
  for (let k = 0; k < all.length; ) {
    const threshold = all[k].s;
    while (k < all.length && all[k].s === threshold) {
      if (all[k].positive) p++;
      else n++;
      k++;
    }
    curve.push(point(threshold, p, n));
  }
  return curve;
}

/** The equal error rate of positives against negatives, and the threshold that comes nearest it. */
export function equalErrorRate(positives: ArrayLike<number>, negatives: ArrayLike<number>): EqualErrorRate {
  const curve = errorRateCurve(positives, negatives);
  // FA − FR rises from −1 to +1 along the curve; find where it first reaches 0.
  const gap = (q: ErrorRatePoint) => q.falseAcceptance - q.falseRejection;
  let k = curve.findIndex((q) => gap(q) >= 0);
  if (k <= 0) k = 1;
  const [before, after] = [curve[k - 1], curve[k]];
  const s = gap(after) === gap(before) ? 0 : -gap(before) / (gap(after) - gap(before));
  const rate = before.falseAcceptance + s * (after.falseAcceptance - before.falseAcceptance);
  const nearest = Math.abs(gap(before)) <= Math.abs(gap(after)) && Number.isFinite(before.threshold) ? before : after;
  return { rate, threshold: nearest.threshold, falseAcceptance: nearest.falseAcceptance, falseRejection: nearest.falseRejection };
}

/** Area under the ROC curve: P(a positive scores above a negative) + ½·P(tie). */
export function areaUnderRoc(positives: ArrayLike<number>, negatives: ArrayLike<number>): number {
  const curve = errorRateCurve(positives, negatives);
  let area = 0;
  for (let i = 1; i < curve.length; i++) {
    area += ((curve[i].falsePositiveRate - curve[i - 1].falsePositiveRate) * (curve[i].truePositiveRate + curve[i - 1].truePositiveRate)) / 2;
  }
  return area;
}
