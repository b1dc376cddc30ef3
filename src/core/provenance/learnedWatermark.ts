/**
 * A learned invisible watermark in the manner of HiDDeN (Zhu et al. 2018): an encoder network
 * adds a small change to a grey picture that carries `bits` message bits, a decoder network
 * reads them back, and between the two a noise layer attacks the marked picture during
 * training (nothing, Gaussian noise, blur, shrink-and-enlarge, a crop, or JPEG), so the pair
 * learns a mark that survives them. Trained on 32×32 grey crops; both networks are
 * convolutional, so they also run on larger pictures and on crops.
 *
 * Two departures from HiDDeN's plain form, which on the lab's toy faces stays at chance:
 * - Position. A convolution followed by a mean over the picture cannot tell where it is, so a
 *   mark it reads must come from the picture's content; on flat areas (most of a toy face) a
 *   pattern and its negative look alike to it, and the message cannot get through. Here each
 *   bit has a learned 8×8 carrier repeated over the picture: the encoder shapes its change
 *   from the carriers and the picture, the decoder correlates what its network sees with the
 *   same carriers (a learned relative of the classic spread-spectrum mark). A crop moves the
 *   8×8 grid; the decoder can try all 64 ways it can sit.
 * - Strength. The change is scaled to a fixed PSNR (settings.psnr) rather than bounded and
 *   traded against a picture loss: the pair trains at exactly the strength it is measured at,
 *   and only the message's cross-entropy is minimised.
 *
 * JPEG in training rounds as JPEG does, with the gradient passed straight through the rounding
 * (the 8×8 DCT and its inverse are matrix products); `jpegSimulation` is the same JPEG without
 * a gradient (luminance only, the IJG quantisation table), used to measure, and can instead
 * add uniform noise of one step (Ballé et al. 2017's proxy).
 * Pixels are in [0, 1]. Pure TF.js: no DOM.
 */
import * as tf from '../shared/tf';

export type LearnedNoise = 'identity' | 'noise' | 'blur' | 'resize' | 'crop' | 'jpeg';
export const LEARNED_NOISES: readonly LearnedNoise[] = ['identity', 'noise', 'blur', 'resize', 'crop', 'jpeg'];

export interface LearnedWatermarkSettings {
  /** Side of the square training crops (a multiple of 8). */
  size: number;
  /** Message bits carried. */
  bits: number;
  /** Channels of every hidden convolution. */
  width: number;
  /** How strong the mark is, as the PSNR (dB) of a marked picture against the original: its change is scaled to exactly this. */
  psnr: number;
  learningRate: number;
  batchSize: number;
  /** JPEG quality the noise layer imitates. */
  jpegQuality: number;
  /** Which attacks the noise layer draws from, one per batch, in turn. */
  noises: LearnedNoise[];
  /** Steps with no attack at all before the attacks start. */
  warmupSteps: number;
  seed: number;
}

export const DEFAULT_LEARNED_WATERMARK: LearnedWatermarkSettings = {
  size: 32, bits: 32, width: 16, psnr: 38, learningRate: 2e-3, batchSize: 8, jpegQuality: 50,
  noises: ['identity', 'noise', 'blur', 'resize', 'crop', 'jpeg'], warmupSteps: 300, seed: 1,
};

export function learnedWatermarkProblems(s: LearnedWatermarkSettings): string[] {
  const out: string[] = [];
  if (!Number.isInteger(s.size) || s.size < 16 || s.size > 128 || s.size % 8 !== 0) out.push(`The crop side must be a multiple of 8 from 16 to 128 (got ${s.size}).`);
  if (!Number.isInteger(s.bits) || s.bits < 1 || s.bits > 64) out.push(`The message must be 1–64 bits (got ${s.bits}).`);
  if (!Number.isInteger(s.width) || s.width < 2 || s.width > 64) out.push(`The network width must be a whole number from 2 to 64 (got ${s.width}).`);
  if (!(s.psnr >= 20 && s.psnr <= 60)) out.push(`The mark's PSNR must be 20–60 dB (got ${s.psnr}).`);
  if (!(s.learningRate > 0 && s.learningRate < 1)) out.push(`The learning rate must be between 0 and 1 (got ${s.learningRate}).`);
  if (!Number.isInteger(s.batchSize) || s.batchSize < 1 || s.batchSize > 256) out.push(`The batch size must be 1–256 (got ${s.batchSize}).`);
  if (!Number.isInteger(s.jpegQuality) || s.jpegQuality < 1 || s.jpegQuality > 100) out.push(`The JPEG quality must be 1–100 (got ${s.jpegQuality}).`);
  if (s.noises.length === 0 || s.noises.some((n) => !LEARNED_NOISES.includes(n))) out.push(`The noise layer needs one or more of ${LEARNED_NOISES.join(', ')}.`);
  if (!Number.isInteger(s.warmupSteps) || s.warmupSteps < 0) out.push(`The warm-up is a whole number of steps, 0 or more (got ${s.warmupSteps}).`);
  return out;
}

// --- JPEG, as matrices ---------------------------------------------------------------------

/** The IJG luminance quantisation table (JPEG standard, Annex K), row-major. */
const LUMA_TABLE = [
  16, 11, 10, 16, 24, 40, 51, 61, 12, 12, 14, 19, 26, 58, 60, 55, 14, 13, 16, 24, 40, 57, 69, 56, 14, 17, 22, 29, 51, 87, 80, 62,
  18, 22, 37, 56, 68, 109, 103, 77, 24, 35, 55, 64, 81, 104, 113, 92, 49, 64, 78, 87, 103, 121, 120, 101, 72, 92, 95, 98, 112, 100, 103, 99,
];

/** The quantisation steps at this quality, scaled as libjpeg does. */
export function jpegQuantisation(quality: number): Float32Array {
  if (!Number.isInteger(quality) || quality < 1 || quality > 100) throw new RangeError(`JPEG quality is a whole number from 1 to 100 (got ${quality}).`);
  const scale = quality < 50 ? 5000 / quality : 200 - 2 * quality;
  return Float32Array.from(LUMA_TABLE, (t) => Math.min(255, Math.max(1, Math.floor((t * scale + 50) / 100))));
}

/** K with row i·8+j, column u·8+v = D[u,i]·D[v,j]: a flattened 8×8 block times K is its orthonormal 2-D DCT. */
function dctKron(): Float32Array {
  const d = (u: number, i: number) => (u === 0 ? Math.sqrt(1 / 8) : Math.sqrt(2 / 8)) * Math.cos(((2 * i + 1) * u * Math.PI) / 16);
  const k = new Float32Array(64 * 64);
  for (let i = 0; i < 8; i++) for (let j = 0; j < 8; j++) for (let u = 0; u < 8; u++) for (let v = 0; v < 8; v++) k[(i * 8 + j) * 64 + u * 8 + v] = d(u, i) * d(v, j);
  return k;
}
const KRON = dctKron();

/** Rounding in the forward pass, the identity in the backward pass (straight-through). */
const straightThroughRound = tf.customGrad(((x: tf.Tensor) => ({ value: x.round(), gradFunc: (dy: tf.Tensor) => dy.clone() })) as unknown as Parameters<typeof tf.customGrad>[0]) as unknown as (x: tf.Tensor) => tf.Tensor;

function toBlocks(x: tf.Tensor4D): tf.Tensor2D {
  const [b, h, w] = x.shape;
  return x.reshape([b, h / 8, 8, w / 8, 8]).transpose([0, 1, 3, 2, 4]).reshape([-1, 64]);
}
function fromBlocks(blocks: tf.Tensor2D, shape: [number, number, number, number]): tf.Tensor4D {
  const [b, h, w] = shape;
  return blocks.reshape([b, h / 8, w / 8, 8, 8]).transpose([0, 1, 3, 2, 4]).reshape(shape);
}

/**
 * JPEG on grey pictures [b, h, w, 1] in [0, 1] (h, w multiples of 8): 8×8 DCT, quantise at
 * `quality`, back. mode 'round' is JPEG's own rounding; 'uniform' adds uniform noise of one
 * step instead (differentiable), drawn with `seed`.
 */
export function jpegSimulation(x: tf.Tensor4D, quality: number, mode: 'round' | 'uniform' = 'round', seed = 0): tf.Tensor4D {
  const [, h, w, c] = x.shape;
  if (c !== 1 || h % 8 !== 0 || w % 8 !== 0) throw new RangeError(`JPEG simulation needs grey pictures whose sides are multiples of 8 (got ${h}×${w}×${c}).`);
  return tf.tidy(() => {
    const k = tf.tensor2d(KRON, [64, 64]);
    const q = tf.tensor1d(jpegQuantisation(quality));
    const coefficients = toBlocks(x.mul(255).sub(128) as tf.Tensor4D).matMul(k);
    const steps = coefficients.div(q);
    const quantised = mode === 'round' ? steps.round() : steps.add(tf.randomUniform(steps.shape, -0.5, 0.5, 'float32', seed));
    const back = quantised.mul(q).matMul(k.transpose()) as tf.Tensor2D;
    return fromBlocks(back, x.shape).add(128).div(255).clipByValue(0, 1) as tf.Tensor4D;
  });
}

/** JPEG as `jpegSimulation` does it, rounding included, with the gradient passed straight through the rounding (differentiable). */
export function jpegStraightThrough(x: tf.Tensor4D, quality: number): tf.Tensor4D {
  const [, h, w, c] = x.shape;
  if (c !== 1 || h % 8 !== 0 || w % 8 !== 0) throw new RangeError(`JPEG simulation needs grey pictures whose sides are multiples of 8 (got ${h}×${w}×${c}).`);
  return tf.tidy(() => {
    const k = tf.tensor2d(KRON, [64, 64]);
    const q = tf.tensor1d(jpegQuantisation(quality));
    const steps = toBlocks(x.mul(255).sub(128) as tf.Tensor4D).matMul(k).div(q);
    const back = straightThroughRound(steps).mul(q).matMul(k.transpose()) as tf.Tensor2D;
    return fromBlocks(back, x.shape).add(128).div(255).clipByValue(0, 1) as tf.Tensor4D;
  });
}

// --- The networks ------------------------------------------------------------------------------

interface Conv { w: tf.Variable<tf.Rank.R4>; b: tf.Variable<tf.Rank.R1> }

function conv(k: number, cin: number, cout: number, seed: number, name: string): Conv {
  return {
    w: tf.variable(tf.randomNormal([k, k, cin, cout], 0, Math.sqrt(2 / (k * k * cin)), 'float32', seed), true, `${name}.w`),
    b: tf.variable(tf.zeros([cout]), true, `${name}.b`),
  };
}
const apply = (c: Conv, x: tf.Tensor4D, stride = 1) => tf.conv2d(x, c.w, stride, 'same').add(c.b) as tf.Tensor4D;

let instances = 0;

export class LearnedWatermark {
  readonly settings: LearnedWatermarkSettings;
  private readonly enc: Conv[];
  private readonly dec: Conv[];
  /** One learned 8×8 carrier per bit, repeated over the picture: what the encoder writes and the decoder reads against. */
  private readonly carrier: tf.Variable<tf.Rank.R3>;
  private readonly head: { w: tf.Variable<tf.Rank.R2>; b: tf.Variable<tf.Rank.R1> };
  private readonly optimizer: tf.AdamOptimizer;
  private step = 0;

  constructor(settings: LearnedWatermarkSettings) {
    const problems = learnedWatermarkProblems(settings);
    if (problems.length) throw new RangeError(problems.join(' '));
    this.settings = { ...settings, noises: [...settings.noises] };
    const { width: n, bits, seed } = settings;
    // TF.js names variables globally: each watermark's own prefix lets a new one be built before the old is disposed.
    const id = `learnedWatermark${++instances}`;
    // Carriers start as smooth random patterns (mostly low and middle frequencies, which JPEG and shrinking spare), each of unit mean square.
    this.carrier = tf.variable(tf.tidy(() => {
      const raw = tf.randomNormal([1, 8, 8, bits], 0, 1, 'float32', seed);
      const wrapped = tf.concat([raw.slice([0, 7, 0, 0], [1, 1, 8, bits]), raw, raw.slice([0, 0, 0, 0], [1, 1, 8, bits])], 1);
      const padded = tf.concat([wrapped.slice([0, 0, 7, 0], [1, 10, 1, bits]), wrapped, wrapped.slice([0, 0, 0, 0], [1, 10, 1, bits])], 2) as tf.Tensor4D;
      const smooth = tf.avgPool(padded, 3, 1, 'valid');
      const centred = smooth.sub(smooth.mean([1, 2], true));
      return centred.div(centred.square().mean([1, 2], true).sqrt()).reshape([8, 8, bits]) as tf.Tensor3D;
    }), true, `${id}/carrier`);
    this.enc = [conv(3, 1 + bits, n, seed + 1, `${id}/enc0`), conv(3, n, n, seed + 2, `${id}/enc1`), conv(3, n, bits, seed + 3, `${id}/enc2`)];
    this.dec = [conv(3, 1, n, seed + 5, `${id}/dec0`), conv(3, n, n, seed + 6, `${id}/dec1`), conv(3, n, bits, seed + 7, `${id}/dec2`)];
    // The readout starts near the plain correlation's scale: a mark of this PSNR spread over `bits` carriers gives each about residualRms/√bits.
    const gain = Math.sqrt(bits) / 10 ** (-settings.psnr / 20) / 10;
    this.head = {
      w: tf.variable(tf.tidy(() => tf.eye(bits).mul(gain)), true, `${id}/head.w`) as tf.Variable<tf.Rank.R2>,
      b: tf.variable(tf.zeros([bits]), true, `${id}/head.b`),
    };
    // The networks' own corrections start small, so training starts from the bare carriers.
    tf.tidy(() => { for (const c of [this.enc[2], this.dec[2]]) c.w.assign(c.w.mul(0.1)); });
    this.optimizer = tf.train.adam(settings.learningRate);
  }

  get steps(): number {
    return this.step;
  }

  /** The root-mean-square change of a pixel that gives the settings' PSNR, in [0, 1] units. */
  get residualRms(): number {
    return 10 ** (-this.settings.psnr / 20);
  }

  private tiledCarrier(b: number, h: number, w: number): tf.Tensor4D {
    return this.carrier.tile([h / 8, w / 8, 1]).expandDims(0).tile([b, 1, 1, 1]) as tf.Tensor4D;
  }

  /**
   * The encoder's change to each pixel before scaling: x [b, h, w, 1] (sides multiples of 8) and
   * message [b, bits] of 0/1. A convolutional network looks at the picture and the carriers and
   * shapes one pattern per bit (starting from the bare carrier, to which it adds its own
   * correction); each pattern is added with the sign of its bit.
   */
  residual(x: tf.Tensor4D, message: tf.Tensor2D): tf.Tensor4D {
    return tf.tidy(() => {
      const [b, h, w] = x.shape;
      if (h % 8 !== 0 || w % 8 !== 0) throw new RangeError(`The encoder marks pictures whose sides are multiples of 8 (got ${h}×${w}).`);
      const carrier = this.tiledCarrier(b, h, w);
      const f = tf.relu(apply(this.enc[1], tf.relu(apply(this.enc[0], tf.concat([x, carrier], 3) as tf.Tensor4D))));
      const patterns = carrier.add(apply(this.enc[2], f));
      const m = message.mul(2).sub(1).reshape([b, 1, 1, this.settings.bits]);
      return patterns.mul(m).sum(3, true) as tf.Tensor4D;
    });
  }

  /**
   * The marked pictures: x plus the encoder's change scaled so that its root-mean-square over each
   * picture gives the settings' PSNR, clipped to [0, 1].
   */
  embed(x: tf.Tensor4D, message: tf.Tensor2D): tf.Tensor4D {
    return tf.tidy(() => {
      const r = this.residual(x, message);
      const rms = r.square().mean([1, 2, 3], true).add(1e-12).sqrt();
      return x.add(r.div(rms).mul(this.residualRms)).clipByValue(0, 1) as tf.Tensor4D;
    });
  }

  /**
   * What the decoder's network sees in each 8×8 phase: its per-bit output (the picture's fine
   * detail plus a learned correction) averaged over every pixel of the same position within
   * its 8×8 block, [b, 8, 8, bits]. Rows and columns beyond a multiple of 8 are left out.
   */
  private phaseMeans(y: tf.Tensor4D): tf.Tensor4D {
    const [b, h0, w0] = y.shape;
    const h = Math.floor(h0 / 8) * 8;
    const w = Math.floor(w0 / 8) * 8;
    if (h < 8 || w < 8) throw new RangeError(`The decoder reads pictures of 8×8 pixels or more (got ${h0}×${w0}).`);
    const detail = y.sub(tf.avgPool(y, 3, 1, 'same')) as tf.Tensor4D;
    const h1 = tf.relu(apply(this.dec[1], tf.relu(apply(this.dec[0], y))));
    const g = apply(this.dec[2], h1).add(detail).slice([0, 0, 0, 0], [b, h, w, this.settings.bits]);
    return g.reshape([b, h / 8, 8, w / 8, 8, this.settings.bits]).mean([1, 3]) as tf.Tensor4D;
  }

  /**
   * Logits of each bit (positive: 1) from a picture of 8×8 or more: the decoder's output
   * correlated with each bit's carrier, then a linear map. With `search`, every one of the 64
   * ways the 8×8 grid can sit (a cropped picture shifts it) is tried and the one read with the
   * most confidence (largest mean |logit|) is kept; without, the grid starts at the top-left pixel.
   */
  decodeLogits(y: tf.Tensor4D, search = false): tf.Tensor2D {
    return tf.tidy(() => {
      const bits = this.settings.bits;
      const a = this.phaseMeans(y);
      const b = y.shape[0];
      if (!search) return a.mul(this.carrier.expandDims(0)).sum([1, 2]).matMul(this.head.w).add(this.head.b) as tf.Tensor2D;
      const twice = this.carrier.tile([2, 2, 1]);
      const shifted = tf.stack(Array.from({ length: 64 }, (_, s) => twice.slice([s >> 3, s & 7, 0], [8, 8, bits]))).reshape([1, 64, 64, bits]);
      const all = a.reshape([b, 1, 64, bits]).mul(shifted).sum(2).reshape([b * 64, bits]).matMul(this.head.w).add(this.head.b).reshape([b, 64, bits]);
      const best = tf.oneHot(all.abs().mean(2).argMax(1) as tf.Tensor1D, 64).expandDims(2);
      return all.mul(best).sum(1) as tf.Tensor2D;
    });
  }

  /**
   * One attack of the noise layer. JPEG rounds as JPEG does, with the gradient passed straight
   * through the rounding (or, with `jpegMode` 'uniform', adds uniform noise of one step instead).
   */
  attack(y: tf.Tensor4D, noise: LearnedNoise, seed: number, jpegMode: 'straight-through' | 'uniform' = 'straight-through'): tf.Tensor4D {
    const [, h, w] = y.shape;
    return tf.tidy(() => {
      switch (noise) {
        case 'identity': return y.clone();
        case 'noise': return y.add(tf.randomNormal(y.shape, 0, 0.02, 'float32', seed)) as tf.Tensor4D;
        case 'blur': return tf.avgPool(y, 3, 1, 'same');
        case 'resize': return tf.image.resizeBilinear(tf.avgPool(y, 2, 2, 'valid'), [h, w]);
        case 'crop': {
          const side = Math.max(8, Math.round(h * 0.75 / 8) * 8);
          // Crops keep the 8×8 grid in training; reading a crop that moves it is the search's job.
          const ox = 8 * (seed % ((w - side) / 8 + 1));
          const oy = 8 * (Math.floor(seed / 7) % ((h - side) / 8 + 1));
          return y.slice([0, oy, ox, 0], [-1, side, side, -1]);
        }
        case 'jpeg': return jpegMode === 'uniform' ? jpegSimulation(y, this.settings.jpegQuality, 'uniform', seed) : jpegStraightThrough(y, this.settings.jpegQuality);
      }
    });
  }

  /** Which attack the noise layer uses at this step: only 'identity' during the warm-up, then the settings' list in turn. */
  noiseAt(step: number): LearnedNoise {
    const { noises, warmupSteps } = this.settings;
    if (step < warmupSteps) return 'identity';
    return noises[(step - warmupSteps) % noises.length];
  }

  /**
   * One optimiser step on a batch of pictures [b, size, size, 1] and messages [b, bits]; the
   * noise layer's attack comes from `noiseAt`. Returns the message's cross-entropy, the picture's
   * mean squared change and the attack used.
   */
  trainStep(x: tf.Tensor4D, message: tf.Tensor2D): { messageLoss: number; imageMse: number; noise: LearnedNoise } {
    const noise = this.noiseAt(this.step);
    const seed = this.settings.seed * 1_000_003 + this.step;
    let imageMse = 0;
    let messageLoss = 0;
    this.optimizer.minimize(() => {
      const marked = this.embed(x, message);
      const logits = this.decodeLogits(this.attack(marked, noise, seed));
      const mse = marked.sub(x).square().mean();
      const bce = tf.losses.sigmoidCrossEntropy(message, logits) as tf.Scalar;
      // One readback for both figures.
      [imageMse, messageLoss] = tf.stack([mse, bce]).dataSync();
      return bce;
    }, false, this.variables());
    this.step++;
    return { messageLoss, imageMse, noise };
  }

  /** The share of bits read right (logit sign against the message). */
  bitAccuracy(logits: tf.Tensor2D, message: tf.Tensor2D): number {
    return tf.tidy(() => logits.greater(0).cast('float32').equal(message).cast('float32').mean().dataSync()[0]);
  }

  /** Puts back weights taken from variables() (same order and shapes) and the step count they were taken at; Adam's moments stay. */
  loadVariables(values: readonly tf.Tensor[], steps: number): void {
    const vars = this.variables();
    if (values.length !== vars.length || values.some((v, i) => v.shape.join() !== vars[i].shape.join())) throw new RangeError('These weights do not fit this watermark\'s networks.');
    vars.forEach((v, i) => v.assign(values[i]));
    this.step = steps;
  }

  variables(): tf.Variable[] {
    return [...this.enc, ...this.dec].flatMap((c) => [c.w, c.b] as tf.Variable[]).concat([this.carrier, this.head.w, this.head.b]);
  }

  dispose(): void {
    for (const v of this.variables()) v.dispose();
    this.optimizer.dispose();
  }
}

/**
 * Training pictures: random size×size crops of the lab's toy faces (their luminance, in [0, 1])
 * and random messages, as flat arrays ready for tf.tensor4d / tf.tensor2d.
 */
export function trainingBatch(faces: readonly { width: number; height: number; data: Uint8ClampedArray }[], count: number, size: number, bits: number, random: () => number): { pictures: Float32Array; messages: Float32Array } {
  if (faces.length === 0) throw new RangeError('Training needs at least one picture.');
  const pictures = new Float32Array(count * size * size);
  const messages = new Float32Array(count * bits);
  for (let n = 0; n < count; n++) {
    const face = faces[Math.floor(random() * faces.length)];
    if (face.width < size || face.height < size) throw new RangeError(`A ${face.width}×${face.height} picture is smaller than the ${size}×${size} crops.`);
    const ox = Math.floor(random() * (face.width - size + 1));
    const oy = Math.floor(random() * (face.height - size + 1));
    for (let y = 0; y < size; y++) {
      for (let x = 0; x < size; x++) {
        const i = ((oy + y) * face.width + ox + x) * 4;
        pictures[(n * size + y) * size + x] = (0.299 * face.data[i] + 0.587 * face.data[i + 1] + 0.114 * face.data[i + 2]) / 255;
      }
    }
    for (let b = 0; b < bits; b++) messages[n * bits + b] = random() < 0.5 ? 0 : 1;
  }
  return { pictures, messages };
}
