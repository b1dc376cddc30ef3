/**
 * How well a detector tells fakes from real pictures. A detector gives each picture a
 * score, higher meaning "more likely fake"; label 1 means fake, 0 real. A threshold turns
 * scores into verdicts (score ≥ threshold → called fake), giving a confusion matrix; the ROC
 * curve shows every threshold at once and its area (AUC) is the chance that a random fake
 * scores above a random real picture (ties count half).
 */

export interface Confusion {
  threshold: number;
  /** Fakes called fake. */
  truePositives: number;
  /** Real pictures called fake. */
  falsePositives: number;
  /** Real pictures called real. */
  trueNegatives: number;
  /** Fakes called real. */
  falseNegatives: number;
  accuracy: number;
  /** Share of the fakes caught (recall); NaN with no fakes. */
  truePositiveRate: number;
  /** Share of the real pictures wrongly called fake; NaN with no real pictures. */
  falsePositiveRate: number;
}

export interface RocPoint {
  /** Scores at or above this are called fake (Infinity: nothing is). */
  threshold: number;
  falsePositiveRate: number;
  truePositiveRate: number;
}

function checkScores(scores: ArrayLike<number>, labels: ArrayLike<number>): void {
  if (scores.length !== labels.length) throw new RangeError(`There are ${scores.length} scores but ${labels.length} labels; give one label per score.`);
  if (scores.length === 0) throw new RangeError('Give at least one score to judge.');
  for (let i = 0; i < scores.length; i++) {
    if (Number.isNaN(scores[i])) throw new RangeError(`Score ${i} is not a number.`);
    if (labels[i] !== 0 && labels[i] !== 1) throw new RangeError(`Label ${i} is ${labels[i]}; labels are 1 (fake) or 0 (real).`);
  }
}

/** The confusion matrix and its rates when scores at or above `threshold` are called fake. */
export function confusionAt(scores: ArrayLike<number>, labels: ArrayLike<number>, threshold: number): Confusion {
  checkScores(scores, labels);
  if (Number.isNaN(threshold)) throw new RangeError('The threshold must be a number.');
  let tp = 0;
  let fp = 0;
  let tn = 0;
  let fn = 0;
  for (let i = 0; i < scores.length; i++) {
    const calledFake = scores[i] >= threshold;
    if (labels[i] === 1) {
      if (calledFake) tp++;
      else fn++;
    } else if (calledFake) fp++;
    else tn++;
  }
  return {
    threshold,
    truePositives: tp,
    falsePositives: fp,
    trueNegatives: tn,
    falseNegatives: fn,
    accuracy: (tp + tn) / scores.length,
    truePositiveRate: tp / (tp + fn),
    falsePositiveRate: fp / (fp + tn),
  };
}

/**
 * The ROC curve: one point per distinct score (tied scores move together, so the curve
 * takes a diagonal step through a tie), from (0, 0) (threshold Infinity) to (1, 1).
 * Needs at least one fake and one real picture.
 */
export function rocCurve(scores: ArrayLike<number>, labels: ArrayLike<number>): RocPoint[] {
  checkScores(scores, labels);
  let positives = 0;
  for (let i = 0; i < labels.length; i++) positives += labels[i];
  const negatives = labels.length - positives;
  if (positives === 0 || negatives === 0) throw new RangeError(`A ROC curve needs both fakes and real pictures; there are ${positives} fakes and ${negatives} real.`);
  const order = Array.from({ length: scores.length }, (_, i) => i).sort((a, b) => scores[b] - scores[a]);
  const points: RocPoint[] = [{ threshold: Infinity, falsePositiveRate: 0, truePositiveRate: 0 }];
  let tp = 0;
  let fp = 0;
  for (let k = 0; k < order.length; ) {
    const threshold = scores[order[k]];
    while (k < order.length && scores[order[k]] === threshold) {
      if (labels[order[k]] === 1) tp++;
      else fp++;
      k++;
    }
    points.push({ threshold, falsePositiveRate: fp / negatives, truePositiveRate: tp / positives });
  }
  return points;
}

/** Area under a ROC curve by the trapezoid rule (ties' diagonal steps count half, as they should). */
export function areaUnderCurve(curve: readonly RocPoint[]): number {
  let area = 0;
  for (let i = 1; i < curve.length; i++) {
    area += ((curve[i].falsePositiveRate - curve[i - 1].falsePositiveRate) * (curve[i].truePositiveRate + curve[i - 1].truePositiveRate)) / 2;
  }
  return area;
}

/** The AUC of scores against labels: P(a fake scores above a real picture) + ½·P(tie). */
export function rocAuc(scores: ArrayLike<number>, labels: ArrayLike<number>): number {
  return areaUnderCurve(rocCurve(scores, labels));
}

/**
 * Average precision (AP): the precision at each threshold, weighted by the recall it adds,
 * AP = Σₙ (Rₙ − Rₙ₋₁)·Pₙ over the distinct scores from the highest down (tied scores move
 * together), as Wang et al. (2020) report it. It judges the ranking alone: a detector whose
 * scores all sit below ½ can still rank every fake above every real picture (AP 1) while its
 * accuracy at ½ is that of calling everything real. Needs at least one fake.
 */
export function averagePrecision(scores: ArrayLike<number>, labels: ArrayLike<number>): number {
  checkScores(scores, labels);
  let positives = 0;
  for (let i = 0; i < labels.length; i++) positives += labels[i];
  if (positives === 0) throw new RangeError('Average precision needs at least one fake among the pictures.');
  const order = Array.from({ length: scores.length }, (_, i) => i).sort((a, b) => scores[b] - scores[a]);
  let ap = 0;
  let tp = 0;
  let called = 0;
  for (let k = 0; k < order.length; ) {
    const threshold = scores[order[k]];
    const before = tp;
    while (k < order.length && scores[order[k]] === threshold) {
      tp += labels[order[k]];
      called++;
      k++;
    }
    ap += ((tp - before) / positives) * (tp / called);
  }
  return ap;
}
