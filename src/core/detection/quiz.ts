/**
 * "You against the detector": a seeded quiz of real pictures and fakes, half each, and the
 * scores of a learner's answers and of a detector's on the same pictures. A learner answers
 * "real" or "fake" with a confidence; the confidence makes the answer a probability that the
 * picture is fake, so the learner and the detector can be scored the same way: accuracy (at
 * ½ for the detector) and the Brier score, the mean squared distance of that probability from
 * the truth (0 is perfect, 0.25 is always saying "no idea").
 */
import { SeededRandom } from '../shared/seededRandom';
import { FAKE, REAL } from './detectionSet';

export const QUIZ_LENGTH = 20;

/** How sure the learner is: each level turns a verdict into P(fake). */
export const CONFIDENCE_LEVELS = [
  { id: 'guess', label: 'Guessing', probability: 0.55 },
  { id: 'fairly-sure', label: 'Fairly sure', probability: 0.75 },
  { id: 'sure', label: 'Sure', probability: 0.95 },
] as const;
export type ConfidenceLevel = (typeof CONFIDENCE_LEVELS)[number]['id'];

export type Verdict = 'real' | 'fake';

export interface QuizAnswer {
  verdict: Verdict;
  confidence: ConfidenceLevel;
}

/**
 * Published human baselines (Nightingale & Farid 2022, PNAS 119(8) e2120481119): people told
 * StyleGAN2 faces from photographs of real faces at 48.2% untrained, 59.0% after training with
 * feedback on each answer. Photographs of faces, not handwritten digits: a reference point, not a
 * like-for-like comparison.
 */
export const HUMAN_BASELINES = [
  { id: 'untrained', label: 'People, untrained (StyleGAN2 faces)', accuracy: 0.482 },
  { id: 'feedback', label: 'People, trained with feedback (StyleGAN2 faces)', accuracy: 0.59 },
] as const;

/**
 * The quiz's order: which of `count` slots hold fakes (1) and which real pictures (0), exactly
 * half each, shuffled from `seed`. Slot k takes the next unused picture of its kind.
 */
export function quizLabels(seed: number, count = QUIZ_LENGTH): Uint8Array {
  if (!Number.isInteger(count) || count < 2 || count % 2 !== 0) throw new RangeError(`A quiz needs an even number of pictures, at least 2, not ${count}.`);
  if (!Number.isInteger(seed) || seed < 0) throw new RangeError(`The quiz seed must be a whole number, at least 0, not ${seed}.`);
  const labels = new Uint8Array(count).fill(FAKE, count / 2);
  const rng = new SeededRandom(seed).fork(31);
  for (let i = count - 1; i > 0; i--) {
    const j = rng.int(i + 1);
    [labels[i], labels[j]] = [labels[j], labels[i]];
  }
  return labels;
}

/** P(fake) that an answer states: the confidence's probability towards its verdict. */
export function answerProbability(answer: QuizAnswer): number {
  const level = CONFIDENCE_LEVELS.find((l) => l.id === answer.confidence);
  if (!level) throw new RangeError(`"${String(answer.confidence)}" is not a confidence level; use ${CONFIDENCE_LEVELS.map((l) => l.id).join(', ')}.`);
  if (answer.verdict !== 'real' && answer.verdict !== 'fake') throw new RangeError(`A verdict is "real" or "fake", not "${String(answer.verdict)}".`);
  return answer.verdict === 'fake' ? level.probability : 1 - level.probability;
}

export interface QuizScore {
  count: number;
  correct: number;
  accuracy: number;
  /** Mean (P(fake) − label)²: 0 perfect, 0.25 for "no idea" every time. */
  brier: number;
  fakesCaught: number;
  realPassed: number;
  /** Wrong answers given as "sure" (or, for a detector, with P ≥ 0.95 towards the wrong side). */
  confidentMistakes: number;
}

function checkLabels(labels: ArrayLike<number>, n: number): void {
  if (labels.length !== n) throw new RangeError(`${n} answers need ${n} labels, not ${labels.length}.`);
  for (let i = 0; i < n; i++) if (labels[i] !== REAL && labels[i] !== FAKE) throw new RangeError(`Label ${i} is ${labels[i]}; labels are 1 (fake) or 0 (real).`);
}

/** Scores probabilities of "fake" against labels; a probability of exactly ½ counts as "fake" (as the detector's threshold does). */
export function scoreProbabilities(probabilities: ArrayLike<number>, labels: ArrayLike<number>): QuizScore {
  const n = probabilities.length;
  if (n < 1) throw new RangeError('There are no answers to score.');
  checkLabels(labels, n);
  let correct = 0;
  let brier = 0;
  let fakes = 0;
  let caught = 0;
  let reals = 0;
  let passed = 0;
  let confidentMistakes = 0;
  for (let i = 0; i < n; i++) {
    const p = probabilities[i];
    if (!(p >= 0 && p <= 1)) throw new RangeError(`Answer ${i}'s probability ${p} is not between 0 and 1.`);
    const saysFake = p >= 0.5;
    const isFake = labels[i] === FAKE;
    if (saysFake === isFake) correct++;
    else if (Math.max(p, 1 - p) >= 0.95) confidentMistakes++;
    brier += (p - labels[i]) ** 2;
    if (isFake) {
      fakes++;
      if (saysFake) caught++;
    } else {
      reals++;
      if (!saysFake) passed++;
    }
  }
  return {
    count: n, correct, accuracy: correct / n, brier: brier / n,
    fakesCaught: fakes > 0 ? caught / fakes : NaN, realPassed: reals > 0 ? passed / reals : NaN, confidentMistakes,
  };
}

export function scoreQuiz(answers: readonly QuizAnswer[], labels: ArrayLike<number>): QuizScore {
  return scoreProbabilities(answers.map(answerProbability), labels);
}
