/**
 * A learned invisible watermark in the manner of HiDDeN (Zhu et al. 2018): an encoder network
 * adds a small residual to a grey picture that carries `bits` message bits, a decoder network
 * reads them back, and between the two a noise layer attacks the marked picture during
 * training (nothing, Gaussian noise, blur, shrink-and-enlarge, a crop, or JPEG), so the pair
 * learns a mark that survives them. Trained on 32×32 grey crops; both networks are fully
 * convolutional (the decoder ends in a global average), so they also run on larger pictures
 * and on crops.
 *
 * JPEG in training is made differentiable the usual way: the 8×8 DCT and its inverse are
 * matrix products, and rounding to the quantisation step is replaced by adding uniform noise
 * of one step (Ballé et al. 2017's proxy); `jpegSimulation` with rounding is the real thing
 * (luminance only, the IJG quantisation table), used to measure.
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
  /** Largest change the encoder may make to a pixel (tanh-bounded), in [0, 1] units. */
  strength: number;
  /** Weight of the picture's mean squared change against the message's cross-entropy. */
  imageWeight: number;
  learningRate: number;
  batchSize: number;
  /** JPEG quality the noise layer imitates. */
  jpegQuality: number;
  /** Which attacks the noise layer draws from, one per batch. */
  noises: LearnedNoise[];
  seed: number;
}

export const DEFAULT_LEARNED_WATERMARK: LearnedWatermarkSettings = {
  size: 32, bits: 32, width: 16, strength: 0.06, imageWeight: 1, learningRate: 2e-3, batchSize: 8, jpegQuality: 50,
  noises: ['identity', 'noise', 'blur', 'resize', 'crop', 'jpeg'], seed: 1,
};

export function learnedWatermarkProblems(s: LearnedWatermarkSettings): string[] {
  const out: string[] = [];
  if (!Number.isInteger(s.size) || s.size < 16 || s.size > 128 || s.size % 8 !== 0) out.push(`The crop side must be a multiple of 8 from 16 to 128 (got ${s.size}).`);
  if (!Number.isInteger(s.bits) || s.bits < 1 || s.bits > 64) out.push(`The message must be 1–64 bits (got ${s.bits}).`);
  if (!Number.isInteger(s.width) || s.width < 2 || s.width > 64) out.push(`The network width must be a whole number from 2 to 64 (got ${s.width}).`);
  if (!(s.strength > 0 && s.strength <= 0.5)) out.push(`The strength must be above 0 and at most 0.5 (got ${s.strength}).`);
  if (!(s.imageWeight >= 0)) out.push(`The picture's weight must be 0 or more (got ${s.imageWeight}).`);
  if (!(s.learningRate > 0 && s.learningRate < 1)) out.push(`The learning rate must be between 0 and 1 (got ${s.learningRate}).`);
  if (!Number.isInteger(s.batchSize) || s.batchSize < 1 || s.batchSize > 256) out.push(`The batch size must be 1–256 (got ${s.batchSize}).`);
  if (!Number.isInteger(s.jpegQuality) || s.jpegQuality < 1 || s.jpegQuality > 100) out.push(`The JPEG quality must be 1–100 (got ${s.jpegQuality}).`);
  if (s.noises.length === 0 || s.noises.some((n) => !LEARNED_NOISES.includes(n))) out.push(`The noise layer needs one or more of ${LEARNED_NOISES.join(', ')}.`);
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

// --- The networks ------------------------------------------------------------------------------

interface Conv { w: tf.Variable<tf.Rank.R4>; b: tf.Variable<tf.Rank.R1> }

function conv(k: number, cin: number, cout: number, seed: number, name: string): Conv {
  return {
    w: tf.variable(tf.randomNormal([k, k, cin, cout], 0, Math.sqrt(2 / (k * k * cin)), 'float32', seed), true, `${name}.w`),
    b: tf.variable(tf.zeros([cout]), true, `${name}.b`),
  };
}
const apply = (c: Conv, x: tf.Tensor4D, stride = 1) => tf.conv2d(x, c.w, stride, 'same').add(c.b) as tf.Tensor4D;

export class LearnedWatermark {
  readonly settings: LearnedWatermarkSettings;
  private readonly enc: Conv[];
  private readonly dec: Conv[];
  private readonly head: { w: tf.Variable<tf.Rank.R2>; b: tf.Variable<tf.Rank.R1> };
  private readonly optimizer: tf.AdamOptimizer;
  private step = 0;

  constructor(settings: LearnedWatermarkSettings) {
    const problems = learnedWatermarkProblems(settings);
    if (problems.length) throw new RangeError(problems.join(' '));
    this.settings = { ...settings, noises: [...settings.noises] };
    const { width: n, bits, seed } = settings;
    this.enc = [conv(3, 1, n, seed + 1, 'enc0'), conv(3, n + bits + 1, n, seed + 2, 'enc1'), conv(3, n, n, seed + 3, 'enc2'), conv(1, n, 1, seed + 4, 'enc3')];
    this.dec = [conv(3, 1, n, seed + 5, 'dec0'), conv(3, n, n, seed + 6, 'dec1'), conv(3, n, n, seed + 7, 'dec2')];
    this.head = {
      w: tf.variable(tf.randomNormal([n, bits], 0, Math.sqrt(1 / n), 'float32', seed + 8), true, 'head.w'),
      b: tf.variable(tf.zeros([bits]), true, 'head.b'),
    };
    this.optimizer = tf.train.adam(settings.learningRate);
  }

  get steps(): number {
    return this.step;
  }

  /** The marked pictures: x + strength·tanh(residual), clipped to [0, 1]. x [b, h, w, 1], message [b, bits] of 0/1. */
  embed(x: tf.Tensor4D, message: tf.Tensor2D): tf.Tensor4D {
    return tf.tidy(() => {
      const [b, h, w] = x.shape;
      const f = tf.relu(apply(this.enc[0], x));
      const m = message.mul(2).sub(1).reshape([b, 1, 1, this.settings.bits]).tile([1, h, w, 1]);
      const g = tf.relu(apply(this.enc[1], tf.concat([f, m, x], 3) as tf.Tensor4D));
      const r = tf.tanh(apply(this.enc[3], tf.relu(apply(this.enc[2], g))));
      return x.add(r.mul(this.settings.strength)).clipByValue(0, 1) as tf.Tensor4D;
    });
  }

  /** Logits of each bit (positive: 1), from a picture of any size of 8 or more. */
  decodeLogits(y: tf.Tensor4D): tf.Tensor2D {
    return tf.tidy(() => {
      let h = tf.relu(apply(this.dec[0], y));
      h = tf.relu(apply(this.dec[1], h, 2));
      h = tf.relu(apply(this.dec[2], h, 2));
      return h.mean([1, 2]).matMul(this.head.w).add(this.head.b) as tf.Tensor2D;
    });
  }

  /** One attack of the noise layer (training form: JPEG with uniform noise for rounding). */
  attack(y: tf.Tensor4D, noise: LearnedNoise, seed: number): tf.Tensor4D {
    const [, h, w] = y.shape;
    return tf.tidy(() => {
      switch (noise) {
        case 'identity': return y.clone();
        case 'noise': return y.add(tf.randomNormal(y.shape, 0, 0.03, 'float32', seed)) as tf.Tensor4D;
        case 'blur': return tf.avgPool(y, 3, 1, 'same');
        case 'resize': return tf.image.resizeBilinear(tf.avgPool(y, 2, 2, 'valid'), [h, w]);
        case 'crop': {
          const side = Math.max(8, Math.round(h * 0.75 / 8) * 8);
          const ox = seed % (w - side + 1);
          const oy = Math.floor(seed / 7) % (h - side + 1);
          return y.slice([0, oy, ox, 0], [-1, side, side, -1]);
        }
        case 'jpeg': return jpegSimulation(y, this.settings.jpegQuality, 'uniform', seed);
      }
    });
  }

  /**
   * One optimiser step on a batch of pictures [b, size, size, 1] and messages [b, bits]; the
   * noise layer's attack is picked from the settings' list in turn. Returns the losses.
   */
  trainStep(x: tf.Tensor4D, message: tf.Tensor2D): { loss: number; imageMse: number; messageLoss: number; noise: LearnedNoise } {
    const noise = this.settings.noises[this.step % this.settings.noises.length];
    const seed = this.settings.seed * 1_000_003 + this.step;
    let imageMse = 0;
    let messageLoss = 0;
    this.optimizer.minimize(() => {
      const marked = this.embed(x, message);
      const logits = this.decodeLogits(this.attack(marked, noise, seed));
      const mse = marked.sub(x).square().mean();
      const bce = tf.losses.sigmoidCrossEntropy(message, logits);
      // One readback for both terms; the loss is their weighted sum.
      [imageMse, messageLoss] = tf.stack([mse, bce]).dataSync();
      return mse.mul(this.settings.imageWeight).add(bce) as tf.Scalar;
    }, false, this.variables());
    this.step++;
    return { loss: imageMse * this.settings.imageWeight + messageLoss, imageMse, messageLoss, noise };
  }

  /** The share of bits read right (logit sign against the message). */
  bitAccuracy(logits: tf.Tensor2D, message: tf.Tensor2D): number {
    return tf.tidy(() => logits.greater(0).cast('float32').equal(message).cast('float32').mean().dataSync()[0]);
  }

  variables(): tf.Variable[] {
    return [...this.enc, ...this.dec].flatMap((c) => [c.w, c.b] as tf.Variable[]).concat([this.head.w, this.head.b]);
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
