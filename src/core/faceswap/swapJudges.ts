/**
 * The face-swap lab's judges, trained once on real pictures only and shipped
 * (models/faceSwapJudges-*.weights, written by `npm run train:faceswap`):
 *
 * - toy faces: an identity classifier over every toy character and a factor
 *   regressor trained on every character, so they judge A→B and B→A swaps
 *   whichever two characters the learner picks; a colour and a grey set;
 * - digit styles: a thin/thick identity classifier, plus the project's digit
 *   classifier (models/digitClassifier.weights, shared with the digit forger,
 *   so it is passed in and never owned here).
 *
 * The judges read 32×32 pictures; a learner's pictures of another size are
 * resized (bilinear) before judging, so every setting can be scored.
 */
import * as tf from '../shared/tf';
import { decodeWeightsBundle, encodeWeightsBundle, type NamedWeight, type WeightsBundle } from '../shared/weightsBundle';
import type { DigitClassifier } from '../mnist/digitClassifier';
import { FACTOR_REGRESSOR_FORMAT, FactorRegressor } from './factorRegressor';
import type { FaceSwapTrainer } from './faceSwapTrainer';
import { SWAP_DATASETS, type SwapDatasetKind } from '../autoencoder/faceSwapSettings';
import { IDENTITY_CLASSIFIER_FORMAT, IdentityClassifier } from './identityClassifier';
import type { Side } from '../autoencoder/sharedEncoderAutoencoder';
import type { SwapDataset } from './swapDatasets';
import { summariseSwapScores, type SwapScoreSummary } from './swapScoreSummary';
import { scoreDigitStyleSwap, scoreToyFaceSwap } from './swapScores';
import { identityOrThrow } from '../toyfaces/toyFaceIdentities';
import type { Channels } from '../toyfaces/toyFaceRenderer';

export const SWAP_JUDGES_FORMAT = 'deepfake-lab/face-swap-judges@1';
/** Side of the pictures every judge reads. */
export const JUDGE_IMAGE_SIZE = 32;

export interface SwapJudges {
  readonly dataset: SwapDatasetKind;
  /** Side of the pictures the judges read. */
  readonly imageSize: number;
  /** What the judges scored on real held-out pictures when they were trained (accuracies, factor errors). */
  readonly report: Record<string, unknown>;
  /** Frees the judges' own networks (never the digit classifier passed in). */
  dispose(): void;
}

export class ToyFaceJudges implements SwapJudges {
  readonly dataset = 'toyFaces' as const;
  readonly imageSize = JUDGE_IMAGE_SIZE;

  constructor(
    /** By picture channels: 3 for colour faces, 1 for grey. */
    readonly identity: Readonly<Record<Channels, IdentityClassifier>>,
    readonly factors: Readonly<Record<Channels, FactorRegressor>>,
    readonly report: Record<string, unknown> = {},
  ) {}

  /** The identity classifier's class for a toy character id. */
  classOf(id: string, channels: Channels = 3): number {
    const name = identityOrThrow(id).name;
    const index = this.identity[channels].classNames.indexOf(name);
    if (index < 0) throw new Error(`the identity judge does not know ${name}`);
    return index;
  }

  dispose(): void {
    for (const c of [1, 3] as const) {
      this.identity[c].dispose();
      this.factors[c].dispose();
    }
  }
}

export class DigitStyleJudges implements SwapJudges {
  readonly dataset = 'digitStyles' as const;
  readonly imageSize = JUDGE_IMAGE_SIZE;

  constructor(
    /** Class 0 thin strokes, class 1 thick strokes. */
    readonly identity: IdentityClassifier,
    /** The project's digit classifier: borrowed, not disposed here. */
    readonly digits: DigitClassifier,
    readonly report: Record<string, unknown> = {},
  ) {}

  dispose(): void {
    this.identity.dispose();
  }
}

/** n·s·s·C pictures resized (bilinear) to the judges' side; the same array when the side already matches. */
export function adaptPictures(images: Float32Array, side: number, channels: Channels, to = JUDGE_IMAGE_SIZE): Float32Array {
  if (side === to) return images;
  const n = images.length / (side * side * channels);
  const t = tf.tidy(() => tf.image.resizeBilinear(tf.tensor4d(images, [n, side, side, channels]), [to, to], false, true));
  const out = t.dataSync() as Float32Array;
  t.dispose();
  return out;
}

/** A view of a judge that resizes each picture before reading it (the judge's own methods do the rest). */
function resizingIdentity(judge: IdentityClassifier, side: number, channels: Channels): IdentityClassifier {
  if (side === JUDGE_IMAGE_SIZE) return judge;
  const view = Object.create(judge) as IdentityClassifier;
  view.probabilities = (images) => judge.probabilities(adaptPictures(images, side, channels));
  return view;
}

function resizingFactors(judge: FactorRegressor, side: number, channels: Channels): FactorRegressor {
  if (side === JUDGE_IMAGE_SIZE) return judge;
  const view = Object.create(judge) as FactorRegressor;
  view.readFactors = (images) => judge.readFactors(adaptPictures(images, side, channels));
  return view;
}

/**
 * Both directions' scores (A→B from A's evaluation pictures, B→A from B's), summarised
 * at the trainer's step. `count` pictures per direction, never trained on.
 */
export function scoreSwaps(trainer: FaceSwapTrainer, dataset: SwapDataset, judges: SwapJudges, count = 128): SwapScoreSummary {
  if (judges.dataset !== dataset.kind) throw new Error(`these are the ${judges.dataset} judges; they cannot score ${dataset.kind} swaps`);
  const { imageSize: side, channels } = trainer.shape;
  if (dataset.imageSize !== side || dataset.channels !== channels) throw new Error('the dataset and the trainer disagree on the pictures\' size or colour');
  const sides: Side[] = ['a', 'b'];
  if (judges instanceof ToyFaceJudges) {
    const { identityA, identityB } = trainer.settings;
    const set = {
      identity: resizingIdentity(judges.identity[channels], side, channels),
      factors: resizingFactors(judges.factors[channels], side, channels),
      classOf: { a: judges.classOf(identityA, channels), b: judges.classOf(identityB, channels) },
    };
    const [ab, ba] = sides.map((from) => scoreToyFaceSwap(trainer, dataset, set, count, from));
    return summariseSwapScores(trainer.steps, ab, ba);
  }
  if (judges instanceof DigitStyleJudges) {
    const set = { identity: resizingIdentity(judges.identity, side, channels), digits: judges.digits, classOf: { a: 0, b: 1 } };
    const [ab, ba] = sides.map((from) => scoreDigitStyleSwap(trainer, dataset, set, count, from));
    return summariseSwapScores(trainer.steps, ab, ba);
  }
  throw new Error(`unknown judges for ${judges.dataset}`);
}

// ---- The file: one weights bundle holding every judge, each under its own key ----

interface JudgeEntry {
  key: string;
  kind: 'identity' | 'factors';
  bundle: WeightsBundle;
}

function entriesOf(j: SwapJudges): JudgeEntry[] {
  if (j instanceof ToyFaceJudges) {
    return [
      { key: 'identity-colour', kind: 'identity', bundle: j.identity[3].toBundle() },
      { key: 'identity-grey', kind: 'identity', bundle: j.identity[1].toBundle() },
      { key: 'factors-colour', kind: 'factors', bundle: j.factors[3].toBundle() },
      { key: 'factors-grey', kind: 'factors', bundle: j.factors[1].toBundle() },
    ];
  }
  if (j instanceof DigitStyleJudges) return [{ key: 'identity', kind: 'identity', bundle: j.identity.toBundle() }];
  throw new Error(`unknown judges for ${j.dataset}`);
}

export function encodeSwapJudges(j: SwapJudges): Uint8Array {
  const entries = entriesOf(j);
  const weights: NamedWeight[] = entries.flatMap((e) => e.bundle.weights.map((w) => ({ ...w, name: `${e.key}:${w.name}` })));
  return encodeWeightsBundle({
    format: SWAP_JUDGES_FORMAT,
    metadata: {
      dataset: j.dataset,
      imageSize: j.imageSize,
      judges: entries.map((e) => ({ key: e.key, kind: e.kind, metadata: e.bundle.metadata })),
      report: j.report,
    },
    weights,
  });
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * Reads a judges file, checking every judge's shape and weights; throws an Error whose
 * message says what is wrong. Digit-style judges need the digit classifier.
 */
export function decodeSwapJudges(bytes: Uint8Array, digitClassifier?: DigitClassifier): SwapJudges {
  const bundle = decodeWeightsBundle(bytes, SWAP_JUDGES_FORMAT);
  const fail = (why: string): never => {
    throw new Error(`The face-swap judges file is unusable: ${why}.`);
  };
  const m = bundle.metadata;
  const dataset = m.dataset as SwapDatasetKind;
  if (!SWAP_DATASETS.includes(dataset)) fail(`it names no known dataset (${SWAP_DATASETS.join(' or ')})`);
  if (m.imageSize !== JUDGE_IMAGE_SIZE) fail(`its judges read ${String(m.imageSize)}-pixel pictures, not ${JUDGE_IMAGE_SIZE}`);
  if (!Array.isArray(m.judges) || !m.judges.every((e) => isRecord(e) && typeof e.key === 'string' && isRecord(e.metadata))) fail('it does not list its judges');
  if (dataset === 'digitStyles' && !digitClassifier) fail('digit-style judges need the digit classifier (models/digitClassifier.weights) to be passed in');
  const listed = m.judges as { key: string; kind: unknown; metadata: Record<string, unknown> }[];
  const loaded = new Map<string, IdentityClassifier | FactorRegressor>();
  const disposeAll = () => loaded.forEach((j) => j.dispose());
  try {
    for (const e of listed) {
      const prefix = `${e.key}:`;
      const weights = bundle.weights.filter((w) => w.name.startsWith(prefix)).map((w) => ({ ...w, name: w.name.slice(prefix.length) }));
      if (e.kind === 'identity') loaded.set(e.key, IdentityClassifier.fromBundle({ format: IDENTITY_CLASSIFIER_FORMAT, metadata: e.metadata, weights }));
      else if (e.kind === 'factors') loaded.set(e.key, FactorRegressor.fromBundle({ format: FACTOR_REGRESSOR_FORMAT, metadata: e.metadata, weights }));
      else fail(`judge "${e.key}" is of unknown kind "${String(e.kind)}"`);
    }
    const known = new Set(listed.map((e) => `${e.key}:`));
    const stray = bundle.weights.find((w) => ![...known].some((k) => w.name.startsWith(k)));
    if (stray) fail(`tensor "${stray.name}" belongs to no judge`);
    const get = <T>(key: string, kind: new (...args: never[]) => T, channels: number): T => {
      const found = loaded.get(key);
      if (!(found instanceof kind)) return fail(`judge "${key}" is missing or of the wrong kind`);
      const j = found as T & { reader: IdentityClassifier['reader'] };
      if (j.reader.shape.channels !== channels || j.reader.shape.imageSize !== JUDGE_IMAGE_SIZE) fail(`judge "${key}" reads the wrong kind of picture`);
      return j;
    };
    const report = isRecord(m.report) ? m.report : {};
    if (dataset === 'toyFaces') {
      if (loaded.size !== 4) fail('toy-face judges must be a colour and a grey identity classifier and factor regressor');
      const identity = { 3: get('identity-colour', IdentityClassifier, 3), 1: get('identity-grey', IdentityClassifier, 1) };
      if (identity[3].classNames.join() !== identity[1].classNames.join()) fail('its colour and grey identity judges know different characters');
      return new ToyFaceJudges(identity, { 3: get('factors-colour', FactorRegressor, 3), 1: get('factors-grey', FactorRegressor, 1) }, report);
    }
    if (loaded.size !== 1) fail('digit-style judges must be one thin/thick identity classifier');
    const identity = get('identity', IdentityClassifier, 1);
    if (identity.classNames.length !== 2) fail('its stroke-style judge must have two classes, thin and thick');
    return new DigitStyleJudges(identity, digitClassifier!, report);
  } catch (e) {
    disposeAll();
    if (e instanceof Error && !e.message.startsWith('The ')) throw new Error(`The face-swap judges file is unusable: ${e.message}`, { cause: e });
    throw e;
  }
}
