/**
 * "Real or clone?": a listening quiz of ten clips, half real and half cloned, in a seeded order;
 * the listener says which each is and how sure they are, and sees their score beside the clone
 * detector's on the same clips and beside what published studies found.
 *
 * A listener's confidence is a probability from ½ (a guess) to 1 (certain) that their answer is
 * right. Besides the share right, the quiz reports the Brier score (the mean squared gap between
 * that probability and what happened, 0 best, 0.25 always guessing ½) and how much more sure
 * than right the listener was on average (over-confidence).
 */
import { SeededRandom } from '../shared/seededRandom';

/**
 * Mai, Bray, Davies & Griffin (2023), "Warning: Humans cannot reliably detect speech deepfakes",
 * PLOS ONE 18(8): e0285333: 529 listeners told real from deepfake speech (English and Mandarin)
 * 73% of the time. Their clips were real people's speech; here they are toy voices, so the two
 * figures are a reminder, not a like-for-like comparison.
 */
export const HUMAN_SPEECH_DEEPFAKE_ACCURACY = {
  accuracy: 0.73,
  source: 'Mai et al. 2023, "Warning: Humans cannot reliably detect speech deepfakes", PLOS ONE 18(8): e0285333',
} as const;

/**
 * The ASVspoof 2019 logical-access baselines on the evaluation set (equal error rates):
 * Gaussian mixture models on linear-frequency (LFCC) and constant-Q (CQCC) cepstral coefficients.
 * Todisco et al. 2019, "ASVspoof 2019: Future horizons in spoofed and fake audio detection",
 * Interspeech 2019. Real speech and 13 speech-synthesis and voice-conversion systems there; toy
 * voices and one conversion here.
 */
export const ASVSPOOF_2019_LA_BASELINES = {
  lfccGmm: { equalErrorRate: 0.0809, name: 'LFCC-GMM' },
  cqccGmm: { equalErrorRate: 0.0957, name: 'CQCC-GMM' },
  source: 'Todisco et al. 2019, "ASVspoof 2019: Future horizons in spoofed and fake audio detection", Interspeech 2019 (logical access, evaluation set)',
} as const;

/** Clips in a quiz: five real, five cloned. */
export const QUIZ_LENGTH = 10;

export interface QuizClip<T> {
  item: T;
  isClone: boolean;
  /** Where it came from in its pool (real or cloned). */
  poolIndex: number;
}

/**
 * `count` clips (even; half real, half cloned), each drawn without repeats from its pool and
 * shuffled, from `seed`: the same seed and pools give the same quiz.
 */
export function pickQuizClips<T>(real: readonly T[], cloned: readonly T[], seed: number, count = QUIZ_LENGTH): QuizClip<T>[] {
  if (!(Number.isInteger(count) && count >= 2 && count % 2 === 0)) throw new RangeError(`A quiz has an even number of clips (half real, half cloned), at least 2, not ${count}.`);
  const half = count / 2;
  if (real.length < half || cloned.length < half) throw new RangeError(`A quiz of ${count} clips needs ${half} real and ${half} cloned clips; there are ${real.length} real and ${cloned.length} cloned.`);
  const rng = new SeededRandom(seed);
  const draw = (pool: readonly T[], isClone: boolean): QuizClip<T>[] => {
    const order = Array.from(pool.keys());
    for (let i = 0; i < half; i++) {
      const j = i + rng.int(order.length - i);
      [order[i], order[j]] = [order[j], order[i]];
    }
    return order.slice(0, half).map((poolIndex) => ({ item: pool[poolIndex], isClone, poolIndex }));
  };
  const clips = [...draw(real, false), ...draw(cloned, true)];
  for (let i = clips.length - 1; i > 0; i--) {
    const j = rng.int(i + 1);
    [clips[i], clips[j]] = [clips[j], clips[i]];
  }
  return clips;
}

export interface QuizAnswer {
  saysClone: boolean;
  /** How sure, as the probability the answer is right: ½ (a guess) to 1 (certain). */
  confidence: number;
}

export interface QuizScore {
  answered: number;
  correct: number;
  accuracy: number;
  /** Clones called clones, and real clips called real. */
  clonesCaught: number;
  realKept: number;
  meanConfidence: number;
  /** Mean (confidence − 1 if right, confidence if wrong)²: 0 best; 0.25 for answering every clip at ½. */
  brier: number;
  /** Mean confidence minus accuracy: above 0, more sure than right. */
  overconfidence: number;
}

/** Scores a listener's answers, one per clip in the quiz's order. */
export function scoreQuiz(clips: readonly QuizClip<unknown>[], answers: readonly QuizAnswer[]): QuizScore {
  if (answers.length !== clips.length) throw new RangeError(`The quiz has ${clips.length} clips but ${answers.length} answers; answer every clip.`);
  if (clips.length === 0) throw new RangeError('A quiz needs at least one clip.');
  let correct = 0;
  let clonesCaught = 0;
  let realKept = 0;
  let confidence = 0;
  let brier = 0;
  answers.forEach((a, i) => {
    if (typeof a.saysClone !== 'boolean') throw new TypeError(`Answer ${i + 1} must say clone (true) or real (false).`);
    if (!(a.confidence >= 0.5 && a.confidence <= 1)) throw new RangeError(`Answer ${i + 1}'s confidence must be between 0.5 (a guess) and 1 (certain), not ${a.confidence}.`);
    const right = a.saysClone === clips[i].isClone;
    if (right) {
      correct++;
      if (clips[i].isClone) clonesCaught++;
      else realKept++;
    }
    confidence += a.confidence;
    brier += (a.confidence - (right ? 1 : 0)) ** 2;
  });
  const n = clips.length;
  return {
    answered: n,
    correct,
    accuracy: correct / n,
    clonesCaught,
    realKept,
    meanConfidence: confidence / n,
    brier: brier / n,
    overconfidence: confidence / n - correct / n,
  };
}

/**
 * The detector as a quiz taker: its P(clone) for each clip, answered "clone" at or above
 * `threshold`, as sure as its own probability for that answer (never below ½); scored like a listener.
 */
export function detectorQuizAnswers(scores: ArrayLike<number>, threshold = 0.5): QuizAnswer[] {
  return Array.from(scores, (p, i) => {
    if (!(p >= 0 && p <= 1)) throw new RangeError(`Detector score ${i + 1} must be a probability between 0 and 1, not ${p}.`);
    const saysClone = p >= threshold;
    return { saysClone, confidence: Math.max(0.5, saysClone ? p : 1 - p) };
  });
}
