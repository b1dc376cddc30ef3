/**
 * Training and checking the shipped judges (swapJudges.ts) on real pictures
 * only: the toy-face judges on fresh faces of every character, the stroke-style
 * judge on thin and thick training digits. Each is then measured on pictures
 * it never saw, and the figures go into the judges' report (and the file).
 */
import { SeededRandom } from '../shared/seededRandom';
import type { DigitSet } from '../mnist/digitAsset';
import type { DigitClassifier } from '../mnist/digitClassifier';
import { sampleFactors, factorsToArray, FACTOR_COUNT } from '../toyfaces/faceFactors';
import { factorError, FactorRegressor } from './factorRegressor';
import { IdentityClassifier, swapDatasetIdentitySource, toyFaceIdentitySource } from './identityClassifier';
import type { ReaderTraining } from './imageReader';
import { DigitStyleSwapDataset } from './swapDatasets';
import { DigitStyleJudges, JUDGE_IMAGE_SIZE, ToyFaceJudges } from './swapJudges';
import { TOY_FACE_IDENTITIES } from '../toyfaces/toyFaceIdentities';
import { renderToyFace, type Channels } from '../toyfaces/toyFaceRenderer';

export interface ToyFaceJudgeTraining {
  identity: ReaderTraining;
  factors: ReaderTraining;
}

/** Chosen so the regressor reads real faces of every character to within ~0.1 (see the report). */
export const TOY_FACE_JUDGE_TRAINING: ToyFaceJudgeTraining = {
  identity: { steps: 300, batchSize: 32, learningRate: 3e-3, seed: 7 },
  factors: { steps: 2000, batchSize: 32, learningRate: 2e-3, seed: 11 },
};

export const DIGIT_STYLE_JUDGE_TRAINING: ReaderTraining = { steps: 200, batchSize: 32, learningRate: 3e-3, seed: 6 };
/** The stroke-style judge learns from another seed's pools than any lab run's default. */
export const DIGIT_STYLE_JUDGE_DATA_SEED = 99;

/** Pictures per character (or per style) the judges are measured on. */
export const JUDGE_CHECK_COUNT = 256;

/** Called after each judge is trained: how many of `total` are done, and which. */
export type JudgeProgress = (done: number, total: number, what: string) => void;

const TOY_IDS = TOY_FACE_IDENTITIES.map((f) => f.id);
const TOY_NAMES = TOY_FACE_IDENTITIES.map((f) => f.name);

/** Fresh faces of one character, from a stream no judge trains on. */
function heldOutFaces(index: number, channels: Channels, n: number, seed: number): { images: Float32Array; factors: Float32Array } {
  const rng = new SeededRandom(seed).fork(100 + index);
  const stride = JUDGE_IMAGE_SIZE * JUDGE_IMAGE_SIZE * channels;
  const images = new Float32Array(n * stride);
  const factors = new Float32Array(n * FACTOR_COUNT);
  for (let i = 0; i < n; i++) {
    const f = sampleFactors(rng);
    factorsToArray(f, factors, i * FACTOR_COUNT);
    renderToyFace(TOY_FACE_IDENTITIES[index], f, JUDGE_IMAGE_SIZE, channels, images, i * stride);
  }
  return { images, factors };
}

/** Per character: the fraction the identity judge gets right and the regressor's mean factor error. */
export function measureToyFaceJudges(judges: ToyFaceJudges, count = JUDGE_CHECK_COUNT, seed = 2024): Record<string, unknown> {
  const report: Record<string, unknown> = { pictures: count };
  for (const channels of [3, 1] as const) {
    const perCharacter: Record<string, { identityAccuracy: number; factorError: number }> = {};
    TOY_FACE_IDENTITIES.forEach((face, i) => {
      const { images, factors } = heldOutFaces(i, channels, count, seed);
      perCharacter[face.id] = {
        identityAccuracy: judges.identity[channels].fractionCalled(images, judges.classOf(face.id, channels)),
        factorError: factorError(judges.factors[channels].readFactors(images), factors).mean,
      };
    });
    report[channels === 3 ? 'colour' : 'grey'] = perCharacter;
  }
  return report;
}

export function trainToyFaceJudges(training: ToyFaceJudgeTraining = TOY_FACE_JUDGE_TRAINING, progress?: JudgeProgress): ToyFaceJudges {
  const identity = {} as Record<Channels, IdentityClassifier>;
  const factors = {} as Record<Channels, FactorRegressor>;
  let done = 0;
  for (const channels of [3, 1] as const) {
    const t = training.identity;
    identity[channels] = new IdentityClassifier(TOY_NAMES, JUDGE_IMAGE_SIZE, channels, t.seed);
    identity[channels].train(toyFaceIdentitySource(TOY_IDS, JUDGE_IMAGE_SIZE, channels, t.seed + 1), t);
    progress?.(++done, 4, `identity judge (${channels === 3 ? 'colour' : 'grey'})`);
    factors[channels] = new FactorRegressor(JUDGE_IMAGE_SIZE, channels, training.factors.seed);
    factors[channels].train(TOY_IDS, training.factors);
    progress?.(++done, 4, `factor judge (${channels === 3 ? 'colour' : 'grey'})`);
  }
  const judges = new ToyFaceJudges(identity, factors);
  const report = { training, trainedOn: 'fresh toy faces of every character, real pictures only', heldOut: measureToyFaceJudges(judges) };
  return new ToyFaceJudges(identity, factors, report);
}

/** Fraction of held-out thin and thick digits the stroke-style judge gets right, and the digit classifier on them. */
export function measureDigitStyleJudges(judges: DigitStyleJudges, digits: DigitSet, count = JUDGE_CHECK_COUNT, seed = 1): Record<string, unknown> {
  const data = new DigitStyleSwapDataset(digits, seed, 16);
  const thin = data.evaluationSet('a', count).images;
  const thick = data.evaluationSet('b', count).images;
  return {
    pictures: count,
    thinAccuracy: judges.identity.fractionCalled(thin, 0),
    thickAccuracy: judges.identity.fractionCalled(thick, 1),
  };
}

export function trainDigitStyleJudges(digits: DigitSet, digitClassifier: DigitClassifier, training: ReaderTraining = DIGIT_STYLE_JUDGE_TRAINING, progress?: JudgeProgress): DigitStyleJudges {
  const identity = new IdentityClassifier(['thin', 'thick'], JUDGE_IMAGE_SIZE, 1, training.seed);
  identity.train(swapDatasetIdentitySource(new DigitStyleSwapDataset(digits, DIGIT_STYLE_JUDGE_DATA_SEED, 1024)), training);
  progress?.(1, 1, 'stroke-style judge');
  const judges = new DigitStyleJudges(identity, digitClassifier);
  const report = {
    training,
    trainedOn: `thin and thick training digits (pools of seed ${DIGIT_STYLE_JUDGE_DATA_SEED}), real pictures only`,
    heldOut: measureDigitStyleJudges(judges, digits),
  };
  return new DigitStyleJudges(identity, digitClassifier, report);
}
