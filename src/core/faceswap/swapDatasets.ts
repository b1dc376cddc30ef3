/**
 * The face-swap lab's two datasets, as seeded batches of A's and B's pictures:
 * - toy faces: two invented characters (toyFaceIdentities.ts) with random
 *   shared factors, drawn by toyFaceRenderer.ts; each picture keeps its factors;
 * - digit styles: MNIST digits in thin strokes (A) and thick strokes (B), from
 *   disjoint halves of the training digits, padded to 32×32; each keeps its digit.
 *
 * Training pictures come from a fixed pool per identity (like the frames of two
 * videos), made lazily the first time each is drawn, so the cost of drawing is
 * paid once; evaluation pictures come from elsewhere (a separate random stream,
 * or the held-out digits) and are never trained on. The same seed gives the
 * same pools, the same batches and the same evaluation sets.
 */
import { SeededRandom } from '../shared/seededRandom';
import type { DigitSet } from '../mnist/digitAsset';
import { digitsToFloats, splitDigits } from '../mnist/digitDataset';
import { FACTOR_COUNT, factorsFromArray, factorsToArray, sampleFactors } from '../toyfaces/faceFactors';
import { channelsOf, DIGIT_STYLE_IMAGE_SIZE, type FaceSwapSettings, type SwapDatasetKind } from '../autoencoder/faceSwapSettings';
import { padImages, strokeMask, styleDigit, type DigitStyle } from './digitStyles';
import { identityOrThrow, type ToyFaceIdentity } from '../toyfaces/toyFaceIdentities';
import { featureMask, renderToyFace, type Channels } from '../toyfaces/toyFaceRenderer';
import type { Side } from '../autoencoder/sharedEncoderAutoencoder';

/** Pictures per identity in a training pool. */
export const DEFAULT_POOL_SIZE = 1024;

export interface SwapBatch {
  /** n·s·s·C values in [-1, 1], row-major, channels last. */
  images: Float32Array;
  /** Toy faces: the factors each picture was drawn with, n·FACTOR_COUNT values (faceFactors.ts order). */
  factors?: Float32Array;
  /** Digit styles: the digit (0–9) of each picture. */
  labels?: Uint8Array;
  /**
   * n·s·s values, 1 where the content shows, else 0: a toy face's eyes, brows and mouth
   * (toyFaceRenderer.ts featureMask), a digit's strokes (digitStyles.ts strokeMask).
   */
  masks?: Float32Array;
}

export interface SwapDataset {
  readonly kind: SwapDatasetKind;
  readonly imageSize: number;
  readonly channels: Channels;
  /** What A and B are, for labels. */
  readonly names: Record<Side, string>;
  /** n training pictures of one side, drawn at random from its pool. */
  nextBatch(side: Side, n: number): SwapBatch;
  /** The first n pictures of a fixed evaluation set of one side (the same on every call), never trained on. */
  evaluationSet(side: Side, n: number): SwapBatch;
}

/** A pool of `size` pictures made on first use; `make(i, out, offset)` draws picture i. */
class LazyPool {
  readonly images: Float32Array;
  private readonly made: Uint8Array;

  constructor(
    readonly size: number,
    private readonly stride: number,
    private readonly make: (i: number, out: Float32Array, offset: number) => void,
  ) {
    this.images = new Float32Array(size * stride);
    this.made = new Uint8Array(size);
  }

  /** Copies picture i into `out` at picture slot k. */
  copy(i: number, out: Float32Array, k: number): void {
    if (!this.made[i]) {
      this.make(i, this.images, i * this.stride);
      this.made[i] = 1;
    }
    out.set(this.images.subarray(i * this.stride, (i + 1) * this.stride), k * this.stride);
  }

  /** Pictures made so far. */
  get madeCount(): number {
    return this.made.reduce((a, b) => a + b, 0);
  }
}

const SIDE_SALT: Record<Side, number> = { a: 1, b: 2 };

export interface ToyFaceOptions {
  identityA: string;
  identityB: string;
  imageSize: number;
  channels: Channels;
  seed: number;
  poolSize?: number;
}

export class ToyFaceSwapDataset implements SwapDataset {
  readonly kind = 'toyFaces' as const;
  readonly imageSize: number;
  readonly channels: Channels;
  readonly names: Record<Side, string>;
  readonly identities: Record<Side, ToyFaceIdentity>;
  /** Each pool picture's factors, poolSize·FACTOR_COUNT values per side. */
  readonly poolFactors: Record<Side, Float32Array>;
  private readonly pools: Record<Side, LazyPool>;
  private readonly batchRng: Record<Side, SeededRandom>;
  private readonly evaluation: Record<Side, { factors: Float32Array; images: Float32Array; rng: SeededRandom }>;

  constructor(options: ToyFaceOptions) {
    const { imageSize, channels, seed } = options;
    const poolSize = options.poolSize ?? DEFAULT_POOL_SIZE;
    if (!Number.isInteger(poolSize) || poolSize < 1) throw new RangeError(`a pool needs at least one picture, got ${poolSize}`);
    this.imageSize = imageSize;
    this.channels = channels;
    this.identities = { a: identityOrThrow(options.identityA), b: identityOrThrow(options.identityB) };
    this.names = { a: this.identities.a.name, b: this.identities.b.name };
    const stride = imageSize * imageSize * channels;
    const root = new SeededRandom(seed);
    const make = (side: Side) => {
      const rng = root.fork(SIDE_SALT[side]);
      const factors = new Float32Array(poolSize * FACTOR_COUNT);
      for (let i = 0; i < poolSize; i++) factorsToArray(sampleFactors(rng), factors, i * FACTOR_COUNT);
      const pool = new LazyPool(poolSize, stride, (i, out, offset) =>
        renderToyFace(this.identities[side], factorsFromArray(factors, i * FACTOR_COUNT), imageSize, channels, out, offset),
      );
      return { factors, pool, batchRng: root.fork(10 + SIDE_SALT[side]), evalRng: root.fork(20 + SIDE_SALT[side]) };
    };
    const a = make('a');
    const b = make('b');
    this.poolFactors = { a: a.factors, b: b.factors };
    this.pools = { a: a.pool, b: b.pool };
    this.batchRng = { a: a.batchRng, b: b.batchRng };
    const empty = () => new Float32Array(0);
    this.evaluation = { a: { factors: empty(), images: empty(), rng: a.evalRng }, b: { factors: empty(), images: empty(), rng: b.evalRng } };
  }

  get poolSize(): number {
    return this.pools.a.size;
  }

  /** Pool pictures drawn so far (each is drawn the first time a batch picks it). */
  picturesMade(side: Side): number {
    return this.pools[side].madeCount;
  }

  nextBatch(side: Side, n: number): SwapBatch {
    const pool = this.pools[side];
    const images = new Float32Array(n * this.imageSize * this.imageSize * this.channels);
    const factors = new Float32Array(n * FACTOR_COUNT);
    const masks = new Float32Array(n * this.imageSize * this.imageSize);
    for (let k = 0; k < n; k++) {
      const i = this.batchRng[side].int(pool.size);
      pool.copy(i, images, k);
      factors.set(this.poolFactors[side].subarray(i * FACTOR_COUNT, (i + 1) * FACTOR_COUNT), k * FACTOR_COUNT);
      featureMask(this.identities[side], factorsFromArray(factors, k * FACTOR_COUNT), this.imageSize, masks, k * this.imageSize * this.imageSize);
    }
    return { images, factors, masks };
  }

  evaluationSet(side: Side, n: number): SwapBatch {
    const stride = this.imageSize * this.imageSize * this.channels;
    const set = this.evaluation[side];
    const have = set.factors.length / FACTOR_COUNT;
    if (n > have) {
      // Extend the set (its first pictures never change), drawing from its own stream.
      const factors = new Float32Array(n * FACTOR_COUNT);
      const images = new Float32Array(n * stride);
      factors.set(set.factors);
      images.set(set.images);
      for (let i = have; i < n; i++) {
        const f = sampleFactors(set.rng);
        factorsToArray(f, factors, i * FACTOR_COUNT);
        renderToyFace(this.identities[side], f, this.imageSize, this.channels, images, i * stride);
      }
      set.factors = factors;
      set.images = images;
    }
    return { images: set.images.slice(0, n * stride), factors: set.factors.slice(0, n * FACTOR_COUNT) };
  }
}

export const DIGIT_SIDE_STYLES: Record<Side, DigitStyle> = { a: 'thin', b: 'thick' };

/**
 * Thin-stroke (A) and thick-stroke (B) digits. The training digits are shuffled with
 * the seed and split in half, one half per style, so A and B never share a picture;
 * the held-out digits are split the same way for evaluation.
 */
export class DigitStyleSwapDataset implements SwapDataset {
  readonly kind = 'digitStyles' as const;
  readonly imageSize = DIGIT_STYLE_IMAGE_SIZE;
  readonly channels = 1 as const;
  readonly names: Record<Side, string> = { a: 'thin strokes', b: 'thick strokes' };
  /** Which training digits (indices into the training split, digitDataset.ts) each side's pool holds; the halves never overlap. */
  readonly poolDigits: Record<Side, Int32Array>;
  private readonly pools: Record<Side, { pool: LazyPool; labels: Uint8Array }>;
  private readonly evaluation: Record<Side, { pool: LazyPool; labels: Uint8Array }>;
  private readonly batchRng: Record<Side, SeededRandom>;

  constructor(digits: DigitSet, seed: number, poolSize = DEFAULT_POOL_SIZE) {
    if (digits.rows !== 28 || digits.cols !== 28) throw new RangeError(`digit styles need 28×28 digits, got ${digits.rows}×${digits.cols}`);
    const { train, heldOut } = splitDigits(digits);
    const root = new SeededRandom(seed);
    const halves = (set: DigitSet, rng: SeededRandom, limit: number) => {
      const order = Int32Array.from({ length: set.count }, (_, i) => i);
      for (let i = order.length - 1; i > 0; i--) {
        const j = rng.int(i + 1);
        [order[i], order[j]] = [order[j], order[i]];
      }
      const half = Math.floor(set.count / 2);
      return { a: order.slice(0, Math.min(half, limit)), b: order.slice(half, half + Math.min(half, limit)) };
    };
    const styledPool = (set: DigitSet, indices: Int32Array, style: DigitStyle) => {
      const pool = new LazyPool(indices.length, this.imageSize * this.imageSize, (i, out, offset) => {
        out.set(padImages(styleDigit(digitsToFloats(set, indices[i], 1), 28, style), 28, this.imageSize), offset);
      });
      return { pool, labels: Uint8Array.from(indices, (i) => set.labels[i]) };
    };
    const trainHalves = halves(train, root.fork(1), poolSize);
    this.poolDigits = trainHalves;
    const heldHalves = halves(heldOut, root.fork(2), Infinity);
    this.pools = { a: styledPool(train, trainHalves.a, 'thin'), b: styledPool(train, trainHalves.b, 'thick') };
    this.evaluation = { a: styledPool(heldOut, heldHalves.a, 'thin'), b: styledPool(heldOut, heldHalves.b, 'thick') };
    this.batchRng = { a: root.fork(11), b: root.fork(12) };
  }

  nextBatch(side: Side, n: number): SwapBatch {
    const { pool, labels: poolLabels } = this.pools[side];
    const images = new Float32Array(n * this.imageSize * this.imageSize);
    const labels = new Uint8Array(n);
    const masks = new Float32Array(images.length);
    const size = this.imageSize * this.imageSize;
    for (let k = 0; k < n; k++) {
      const i = this.batchRng[side].int(pool.size);
      pool.copy(i, images, k);
      labels[k] = poolLabels[i];
      strokeMask(images.subarray(k * size, (k + 1) * size), this.imageSize, masks, k * size);
    }
    return { images, labels, masks };
  }

  evaluationSet(side: Side, n: number): SwapBatch {
    const { pool, labels } = this.evaluation[side];
    if (n > pool.size) throw new RangeError(`there are only ${pool.size} held-out ${this.names[side]} digits`);
    const images = new Float32Array(n * this.imageSize * this.imageSize);
    for (let k = 0; k < n; k++) pool.copy(k, images, k);
    return { images, labels: labels.slice(0, n) };
  }
}

/** The dataset the settings ask for; digit styles need the MNIST digits (the app's asset, or mnistSource.ts in Node). */
export function createSwapDataset(settings: FaceSwapSettings, digits?: DigitSet, poolSize = DEFAULT_POOL_SIZE): SwapDataset {
  if (settings.dataset === 'digitStyles') {
    if (!digits) throw new Error('the digit-styles dataset needs the MNIST digits');
    return new DigitStyleSwapDataset(digits, settings.seed, poolSize);
  }
  return new ToyFaceSwapDataset({
    identityA: settings.identityA,
    identityB: settings.identityB,
    imageSize: settings.imageSize,
    channels: channelsOf(settings),
    seed: settings.seed,
    poolSize,
  });
}
