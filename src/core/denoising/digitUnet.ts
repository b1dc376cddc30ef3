/**
 * The digit denoiser: a compact U-Net (Ronneberger et al. 2015, as DDPM uses it) for 28×28
 * MNIST digits in [−1, 1], predicting the noise ε in x_t, or v = √ᾱ ε − √(1−ᾱ) x₀ (settings'
 * `prediction`). Plain TF.js variables, no tf.layers. Widths w₁, w₂, w₃ at 28×28, 14×14 and 7×7,
 * small enough to train and sample on one CPU core:
 *
 *   28×28: conv in (1 → w₁), residual block (w₁) ──────────────────────────┐ skip (added)
 *   14×14: stride-2 conv (w₁ → w₂), residual block (w₂) ───────────┐ skip  │
 *    7×7:  stride-2 conv (w₂ → w₃), residual block (w₃)            │       │
 *   14×14: nearest ×2, residual block (w₃ → w₂), + skip ───────────┘       │
 *   28×28: 1×1 conv (w₂ → w₁), nearest ×2, + skip, SiLU, conv (w₁) + embedding, SiLU, conv out (w₁ → 1)
 *
 * Time τ = t / T enters through the sinusoidal embedding (denoiser.ts), and the class through a
 * learned vector per digit plus one for "no class" (index 10), added before a small MLP, and a
 * second learned vector added after it, so the class reaches every block undiluted; each block
 * adds a projection of that embedding to its channels (DDPM's way). Residual blocks are
 * pre-activation (SiLU, conv, + embedding, SiLU, conv) with their second convolution starting at
 * zero, so every block starts as the identity; the output convolution starts at zero too. No
 * normalisation layers: the net is small enough.
 *
 * Class dropout (Ho & Salimans 2022): training swaps the label for "no class" with some
 * probability, so the same network learns ε(x_t, t, c) and ε(x_t, t, ∅) for classifier-free guidance.
 */
import * as tf from '../shared/tf';
import type { ParamSpec } from '../shared/namedParams';
import { SettingsProblems } from '../shared/settingsProblems';
import { timeEmbedding } from './timeEmbedding';
import type { NoiseScheduleKind } from './diffusionKinds';

export const DIGIT_SIDE = 28;
export const DIGIT_PIXELS = DIGIT_SIDE * DIGIT_SIDE;
export const DIGIT_CLASSES = 10;
/** The "no class" label the unconditional half of classifier-free guidance uses. */
export const NULL_CLASS = DIGIT_CLASSES;
const KERNEL = 3;

export const DIGIT_PREDICTIONS = ['epsilon', 'v'] as const;
export type DigitPrediction = (typeof DIGIT_PREDICTIONS)[number];

export interface DigitDiffusionSettings {
  /** Channels at 28×28, 14×14 and 7×7. */
  widths: [number, number, number];
  /** Width of the time-and-class embedding. */
  embedding: number;
  /** Size of the sinusoidal time embedding (even). */
  timeEmbedding: number;
  /** Number of diffusion steps T. */
  timesteps: number;
  /**
   * What the network outputs: the noise ε, or v = √ᾱ ε − √(1−ᾱ) x₀ (Salimans & Ho 2022), which
   * stays well-conditioned at both ends of the schedule. Missing means ε (older files).
   */
  prediction?: DigitPrediction;
  schedule: NoiseScheduleKind;
  /** Probability that a training label is replaced by "no class" (classifier-free guidance). */
  classDropout: number;
  batchSize: number;
  learningRate: number;
  seed: number;
}

export const DEFAULT_DIGIT_DIFFUSION_SETTINGS: DigitDiffusionSettings = {
  widths: [16, 24, 48],
  embedding: 64,
  timeEmbedding: 32,
  timesteps: 1000,
  schedule: 'linear',
  prediction: 'v',
  classDropout: 0.1,
  batchSize: 32,
  learningRate: 1e-3,
  seed: 1,
};

export const DIGIT_DIFFUSION_LIMITS = {
  width: { min: 2, max: 64 },
  embedding: { min: 2, max: 256 },
  timeEmbedding: { min: 2, max: 128 },
  timesteps: { min: 10, max: 1000 },
  classDropout: { min: 0, max: 1 },
  batchSize: { min: 1, max: 512 },
  learningRate: { min: 1e-6, max: 0.1 },
  seed: { min: 0, max: 2 ** 31 - 1 },
} as const;

export function digitDiffusionSettingsProblems(s: DigitDiffusionSettings): string[] {
  if (typeof s !== 'object' || s === null) return ['the settings must be an object'];
  const p = new SettingsProblems();
  if (!Array.isArray(s.widths) || s.widths.length !== 3) p.add('widths must list three channel counts (28×28, 14×14, 7×7)');
  else s.widths.forEach((w, i) => p.number(`widths[${i}]`, w, DIGIT_DIFFUSION_LIMITS.width, true));
  p.number('embedding', s.embedding, DIGIT_DIFFUSION_LIMITS.embedding, true);
  p.number('timeEmbedding', s.timeEmbedding, DIGIT_DIFFUSION_LIMITS.timeEmbedding, true);
  if (Number.isInteger(s.timeEmbedding) && s.timeEmbedding % 2 !== 0) p.add(`timeEmbedding (${s.timeEmbedding}) must be even: it holds sine and cosine pairs`);
  p.number('timesteps', s.timesteps, DIGIT_DIFFUSION_LIMITS.timesteps, true);
  p.oneOf('schedule', s.schedule, ['linear', 'cosine'] as const);
  if (s.prediction !== undefined) p.oneOf('prediction', s.prediction, DIGIT_PREDICTIONS);
  p.number('classDropout', s.classDropout, DIGIT_DIFFUSION_LIMITS.classDropout);
  p.number('batchSize', s.batchSize, DIGIT_DIFFUSION_LIMITS.batchSize, true);
  p.number('learningRate', s.learningRate, DIGIT_DIFFUSION_LIMITS.learningRate);
  p.number('seed', s.seed, DIGIT_DIFFUSION_LIMITS.seed, true);
  return p.list;
}

function conv(name: string, inCh: number, outCh: number, size: number, init: ParamSpec['init'] = 'he'): ParamSpec[] {
  return [
    { name: `${name}.kernel`, shape: [size, size, inCh, outCh], fanIn: size * size * inCh, fanOut: size * size * outCh, init },
    { name: `${name}.bias`, shape: [outCh], fanIn: 0, fanOut: 0, init: 'zero' },
  ];
}

function dense(name: string, inSize: number, outSize: number, init: ParamSpec['init'] = 'he'): ParamSpec[] {
  return [
    { name: `${name}.kernel`, shape: [inSize, outSize], fanIn: inSize, fanOut: outSize, init },
    { name: `${name}.bias`, shape: [outSize], fanIn: 0, fanOut: 0, init: 'zero' },
  ];
}

function resBlock(name: string, inCh: number, outCh: number, embedding: number): ParamSpec[] {
  return [
    ...conv(`${name}.conv1`, inCh, outCh, KERNEL),
    ...dense(`${name}.embed`, embedding, outCh, 'glorot'),
    ...conv(`${name}.conv2`, outCh, outCh, KERNEL, 'zero'),
    ...(inCh === outCh ? [] : conv(`${name}.skip`, inCh, outCh, 1, 'glorot')),
  ];
}

/** The U-Net's parameters; the names are the checkpoint's keys. */
export function digitUnetSpecs(s: Pick<DigitDiffusionSettings, 'widths' | 'embedding' | 'timeEmbedding'>): ParamSpec[] {
  const [w1, w2, w3] = s.widths;
  const e = s.embedding;
  return [
    { name: 'classEmbedding', shape: [DIGIT_CLASSES + 1, e], fanIn: DIGIT_CLASSES + 1, fanOut: e, init: 'glorot' },
    ...dense('time1', s.timeEmbedding, e),
    ...dense('time2', e, e, 'glorot'),
    { name: 'classDirect', shape: [DIGIT_CLASSES + 1, e], fanIn: DIGIT_CLASSES + 1, fanOut: e, init: 'glorot' },
    ...conv('in', 1, w1, KERNEL),
    ...resBlock('down28', w1, w1, e),
    ...conv('down14.pool', w1, w2, KERNEL),
    ...resBlock('down14', w2, w2, e),
    ...conv('mid.pool', w2, w3, KERNEL),
    ...resBlock('mid', w3, w3, e),
    ...resBlock('up14', w3, w2, e),
    ...conv('up28.reduce', w2, w1, 1, 'glorot'),
    ...conv('up28.conv', w1, w1, KERNEL),
    ...dense('up28.embed', e, w1, 'glorot'),
    ...conv('out', w1, 1, KERNEL, 'zero'),
  ];
}

const silu = (x: tf.Tensor) => tf.mul(x, tf.sigmoid(x));

/** Nearest-neighbour ×2 upsampling by broadcasting (its gradient is a plain sum, which every backend has). */
function upsample2(x: tf.Tensor4D): tf.Tensor4D {
  const [n, h, w, c] = x.shape;
  return tf.reshape(tf.mul(tf.reshape(x, [n, h, 1, w, 1, c]), tf.ones([1, 1, 2, 1, 2, 1])), [n, 2 * h, 2 * w, c]);
}

/**
 * ε̂ for images x [n, 28, 28, 1] at times τ [n] with labels [n] (0–9, or NULL_CLASS for none):
 * [n, 28, 28, 1].
 */
export function digitUnet(params: ReadonlyMap<string, tf.Tensor>, s: Pick<DigitDiffusionSettings, 'timeEmbedding'>, x: tf.Tensor4D, taus: tf.Tensor1D, labels: tf.Tensor1D): tf.Tensor4D {
  const p = (name: string) => {
    const v = params.get(name);
    if (!v) throw new Error(`the digit U-Net has no parameter "${name}"`);
    return v;
  };
  const convLayer = (name: string, h: tf.Tensor4D, stride = 1) => tf.add(tf.conv2d(h, p(`${name}.kernel`) as tf.Tensor4D, stride, 'same'), p(`${name}.bias`)) as tf.Tensor4D;
  const denseLayer = (name: string, h: tf.Tensor2D) => tf.add(tf.matMul(h, p(`${name}.kernel`) as tf.Tensor2D), p(`${name}.bias`)) as tf.Tensor2D;
  return tf.tidy(() => {
    const n = x.shape[0];
    const oneHot = tf.oneHot(tf.cast(labels, 'int32'), DIGIT_CLASSES + 1).toFloat() as tf.Tensor2D;
    const cls = tf.matMul(oneHot, p('classEmbedding') as tf.Tensor2D);
    // The class enters twice: mixed with the time before the MLP, and added straight after it,
    // so every block's projection sees it undiluted.
    const direct = tf.matMul(oneHot, p('classDirect') as tf.Tensor2D);
    const emb = tf.add(silu(denseLayer('time2', silu(tf.add(denseLayer('time1', timeEmbedding(taus, s.timeEmbedding)), cls)) as tf.Tensor2D)), direct) as tf.Tensor2D;
    const block = (name: string, h: tf.Tensor4D, inCh: number, outCh: number): tf.Tensor4D => {
      let y = convLayer(`${name}.conv1`, silu(h) as tf.Tensor4D);
      y = tf.add(y, tf.reshape(denseLayer(`${name}.embed`, emb), [n, 1, 1, outCh]));
      y = convLayer(`${name}.conv2`, silu(y) as tf.Tensor4D);
      const skip = inCh === outCh ? h : convLayer(`${name}.skip`, h);
      return tf.add(y, skip);
    };
    const [w1, w2, w3] = [p('in.kernel'), p('down14.pool.kernel'), p('mid.pool.kernel')].map((k) => k.shape[3] as number);
    const h28 = block('down28', convLayer('in', x), w1, w1);
    const h14 = block('down14', convLayer('down14.pool', h28, 2), w2, w2);
    const h7 = block('mid', convLayer('mid.pool', h14, 2), w3, w3);
    const u14 = tf.add(block('up14', upsample2(h7), w3, w2), h14) as tf.Tensor4D;
    const u28 = tf.add(upsample2(convLayer('up28.reduce', u14)), h28) as tf.Tensor4D;
    const y = tf.add(convLayer('up28.conv', silu(u28) as tf.Tensor4D), tf.reshape(denseLayer('up28.embed', emb), [n, 1, 1, w1]));
    return convLayer('out', silu(y) as tf.Tensor4D);
  });
}
