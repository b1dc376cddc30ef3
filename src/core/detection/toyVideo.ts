/**
 * Tells in motion: a few seconds of toy-face "video" and the same clip swapped frame by frame.
 *
 * The real clip: Juno talks (the mouth follows a syllable rhythm) and blinks on a script
 * (a blink every few seconds, lids closing in about 0.1 s and opening in about 0.2 s), with the
 * head drifting slowly. Every factor moves smoothly from one frame to the next.
 *
 * The swapped clip: the face-swap lab's shipped toy-face model run on the real clip frame by
 * frame, as a frame-by-frame face swap does: each frame of Juno through the shared encoder and
 * Orbo's decoder. The network sees one still at a time and nothing ties frame t to frame t+1.
 * Measured on seeds 1–5, what that leaves: the swap carries Juno's expression and pose, but
 * her blinks come out shallow (at the deepest frame of a blink the lids close only part-way,
 * so the swap's eye openness stays above the blink threshold on four of the five clips, where
 * Orbo's own face drawn from the same script shuts its eyes), and the blurred face flickers a
 * little more than a drawn one.
 *
 * Two signals are read from the pixels of either clip: eye openness (the share of the eye boxes
 * not coloured like skin, scaled between the identity's shut and open eyes) and flicker (the
 * mean absolute temporal high-pass of the face region, |x_t − (x_{t−1} + x_{t+1})/2|, which is
 * zero for a still clip and small for smooth motion). A logistic regression on four statistics of
 * them (blink rate, mean blink depth, mean flicker, openness jitter) learns to tell the clips apart.
 */
import * as tf from '../shared/tf';
import { SeededRandom } from '../shared/seededRandom';
import { readBack } from '../shared/readBack';
import type { FaceSwapSettings } from '../autoencoder/faceSwapSettings';
import { channelsOf } from '../autoencoder/faceSwapSettings';
import { decode, encode, type SwapNets } from '../autoencoder/sharedEncoderAutoencoder';
import { NEUTRAL_FACTORS, type FaceFactors } from '../toyfaces/faceFactors';
import { identityOrThrow, type ToyFaceIdentity } from '../toyfaces/toyFaceIdentities';
import { faceLayout, faceToPixel, renderToyFace } from '../toyfaces/toyFaceRenderer';

export const VIDEO_SIZE = 32;
export const VIDEO_FPS = 15;
export const VIDEO_SECONDS = 6;
export const VIDEO_FRAMES = VIDEO_FPS * VIDEO_SECONDS;
/** Openness below this counts as a blink. */
export const BLINK_THRESHOLD = 0.5;
export const REAL_ID = 'juno';
export const SWAP_ID = 'orbo';
export const TEMPORAL_FEATURES = ['blinks per second', 'mean blink depth', 'mean flicker', 'openness jitter'] as const;

export interface ToyClip {
  /** Whose face is drawn. */
  identity: string;
  frames: number;
  size: number;
  fps: number;
  /** frames·size·size·3 values in [-1, 1]. */
  pixels: Float32Array;
  /** The factors each frame was drawn from (8 per frame). */
  factors: FaceFactors[];
}

export interface ToyClipPair {
  real: ToyClip;
  swapped: ToyClip;
}

/** How a clip's script varies: its blink times, speech rhythm and drift all come from the seed. */
export interface ScriptOptions {
  seed: number;
  frames?: number;
  /** Mean seconds between blinks (people blink every 2–10 s). */
  blinkInterval?: number;
}

/** The real clip's factors: smooth talking, scripted blinks, slow head drift. */
export function scriptFactors({ seed, frames = VIDEO_FRAMES, blinkInterval }: ScriptOptions): FaceFactors[] {
  if (!Number.isInteger(frames) || frames < 3) throw new RangeError(`A clip needs a whole number of frames, at least 3; ${frames} is not.`);
  const rng = new SeededRandom(seed);
  const interval = blinkInterval ?? rng.uniform(2.2, 4.5);
  if (!(interval > 0)) throw new RangeError(`The mean time between blinks must be positive; ${interval} is not.`);
  const blinks: number[] = [];
  for (let t = rng.uniform(0.4, interval); t < frames / VIDEO_FPS; t += interval * rng.uniform(0.6, 1.4)) blinks.push(t);
  const syllable = rng.uniform(3, 5); // syllables per second
  const phase = rng.uniform(0, 2 * Math.PI);
  const drift = [rng.uniform(0, 2 * Math.PI), rng.uniform(0, 2 * Math.PI)];
  const out: FaceFactors[] = [];
  for (let i = 0; i < frames; i++) {
    const t = i / VIDEO_FPS;
    let closed = 0;
    for (const b of blinks) {
      // Lids close in 0.1 s, stay 0.05 s, open in 0.2 s.
      const d = t - b;
      const c = d < -0.1 || d > 0.25 ? 0 : d < 0 ? 1 + d / 0.1 : d < 0.05 ? 1 : 1 - (d - 0.05) / 0.2;
      closed = Math.max(closed, c);
    }
    const talk = 0.5 + 0.5 * Math.sin(2 * Math.PI * syllable * t + phase);
    out.push({
      ...NEUTRAL_FACTORS,
      smile: -0.4 + 1.1 * talk * (0.6 + 0.4 * Math.sin(0.7 * t)),
      eyeOpen: 0.6 - 1.6 * closed,
      gazeX: 0.3 * Math.sin(0.5 * t + drift[0]),
      headX: 0.25 * Math.sin(0.4 * t + drift[0]),
      headY: 0.2 * Math.sin(0.3 * t + drift[1]),
      tilt: 0.3 * Math.sin(0.35 * t + drift[1]),
      brows: 0.2 * talk,
    });
  }
  return out;
}

export function renderClip(identity: string, factors: readonly FaceFactors[], size = VIDEO_SIZE): ToyClip {
  const id = identityOrThrow(identity);
  const stride = size * size * 3;
  const pixels = new Float32Array(factors.length * stride);
  factors.forEach((f, i) => renderToyFace(id, f, size, 3, pixels, i * stride));
  return { identity, frames: factors.length, size, fps: VIDEO_FPS, pixels, factors: [...factors] };
}

/** Swaps a clip of Juno onto Orbo, frame by frame. */
export type ClipSwapper = (real: ToyClip) => ToyClip;

/** Why a face-swap model cannot swap the toy video (its characters, size or colour differ), or null. */
export function videoModelProblem(s: FaceSwapSettings): string | null {
  if (s.dataset !== 'toyFaces' || s.identityA !== REAL_ID || s.identityB !== SWAP_ID) return `the toy video swaps ${REAL_ID} onto ${SWAP_ID}, and this model does not`;
  if (s.imageSize !== VIDEO_SIZE || channelsOf(s) !== 3) return `the toy video is ${VIDEO_SIZE}×${VIDEO_SIZE} in colour, and this model is not`;
  return null;
}

/**
 * A face-swap model's networks as a swapper: every frame through the shared encoder and B's
 * decoder, one frame at a time as far as the network can tell (no frame sees another). The
 * caller keeps and disposes the networks.
 */
export function networkSwapper(nets: SwapNets, settings: FaceSwapSettings): ClipSwapper {
  const problem = videoModelProblem(settings);
  if (problem) throw new Error(`This face-swap model cannot swap the toy video: ${problem}.`);
  return (real) => {
    if (real.identity !== REAL_ID || real.size !== VIDEO_SIZE) throw new Error(`The swapper takes clips of ${REAL_ID} at ${VIDEO_SIZE}×${VIDEO_SIZE}.`);
    const pixels = readBack(() => decode(nets.decoderB, encode(nets.encoderA, tf.tensor4d(real.pixels, [real.frames, VIDEO_SIZE, VIDEO_SIZE, 3]))));
    return { ...real, identity: SWAP_ID, pixels };
  };
}

/** Juno's clip and the same clip swapped frame by frame onto Orbo. */
export function makeClipPair(seed: number, swap: ClipSwapper, frames = VIDEO_FRAMES): ToyClipPair {
  const real = renderClip(REAL_ID, scriptFactors({ seed, frames }));
  return { real, swapped: swap(real) };
}

/** Pixel boxes around each eye at the identity's resting pose (the talking head stays near it). */
function eyeBoxes(id: ToyFaceIdentity, size: number): { x0: number; x1: number; y0: number; y1: number }[] {
  const layout = faceLayout(id, NEUTRAL_FACTORS);
  return layout.eyes.map((e) => {
    const [x0, y0] = faceToPixel(layout.pose, e.x - id.eyes.rx, e.y - id.eyes.ry, size);
    const [x1, y1] = faceToPixel(layout.pose, e.x + id.eyes.rx, e.y + id.eyes.ry, size);
    return { x0: Math.floor(Math.min(x0, x1)), x1: Math.ceil(Math.max(x0, x1)), y0: Math.floor(Math.min(y0, y1)), y1: Math.ceil(Math.max(y0, y1)) };
  });
}

/** Share of the eye boxes' pixels not coloured like the identity's skin. */
function eyeInk(id: ToyFaceIdentity, pixels: Float32Array, offset: number, size: number, boxes: ReturnType<typeof eyeBoxes>): number {
  const skin = id.skin.map((c) => 2 * c - 1);
  let ink = 0;
  let n = 0;
  for (const b of boxes) {
    for (let y = Math.max(0, b.y0); y < Math.min(size, b.y1); y++) {
      for (let x = Math.max(0, b.x0); x < Math.min(size, b.x1); x++) {
        const p = offset + (y * size + x) * 3;
        const d = Math.abs(pixels[p] - skin[0]) + Math.abs(pixels[p + 1] - skin[1]) + Math.abs(pixels[p + 2] - skin[2]);
        if (d > 0.3) ink++;
        n++;
      }
    }
  }
  return n > 0 ? ink / n : 0;
}

function checkClip(clip: ToyClip): void {
  const stride = clip.size * clip.size * 3;
  if (!Number.isInteger(clip.frames) || clip.frames < 3) throw new RangeError(`A clip needs at least 3 frames to measure over time; this one has ${clip.frames}.`);
  if (clip.pixels.length !== clip.frames * stride) throw new RangeError(`A clip of ${clip.frames} frames of ${clip.size}×${clip.size}×3 needs ${clip.frames * stride} values, not ${clip.pixels.length}.`);
}

/** Eye openness per frame, read from the pixels: about 1 for the identity's open eyes, 0 for shut. */
export function eyeOpenness(clip: ToyClip): Float32Array {
  checkClip(clip);
  const id = identityOrThrow(clip.identity);
  const boxes = eyeBoxes(id, clip.size);
  const reference = (eyeOpen: number) => eyeInk(id, renderToyFace(id, { ...NEUTRAL_FACTORS, eyeOpen }, clip.size, 3), 0, clip.size, boxes);
  const shut = reference(-1);
  const open = reference(0.6);
  const stride = clip.size * clip.size * 3;
  const out = new Float32Array(clip.frames);
  for (let i = 0; i < clip.frames; i++) out[i] = (eyeInk(id, clip.pixels, i * stride, clip.size, boxes) - shut) / (open - shut);
  return out;
}

/**
 * Flicker per frame: the mean over the face region (the middle of the picture) of
 * |x_t − (x_{t−1} + x_{t+1})/2|, a temporal high-pass that a still clip leaves at 0 and smooth
 * motion near 0. The first and last frames, which lack a neighbour, read 0.
 */
export function flicker(clip: ToyClip): Float32Array {
  checkClip(clip);
  const { size } = clip;
  const stride = size * size * 3;
  const lo = Math.floor(size * 0.15);
  const hi = Math.ceil(size * 0.85);
  const out = new Float32Array(clip.frames);
  for (let i = 1; i < clip.frames - 1; i++) {
    let sum = 0;
    for (let y = lo; y < hi; y++) {
      for (let x = lo; x < hi; x++) {
        for (let c = 0; c < 3; c++) {
          const p = (y * size + x) * 3 + c;
          sum += Math.abs(clip.pixels[i * stride + p] - 0.5 * (clip.pixels[(i - 1) * stride + p] + clip.pixels[(i + 1) * stride + p]));
        }
      }
    }
    out[i] = sum / ((hi - lo) * (hi - lo) * 3);
  }
  return out;
}

export interface BlinkSummary {
  /** Blinks (openness falling below BLINK_THRESHOLD) per second. */
  rate: number;
  count: number;
  /** Mean of the lowest openness reached in each blink; 1 when there is none. */
  depth: number;
}

export function blinks(openness: Float32Array, fps = VIDEO_FPS): BlinkSummary {
  let count = 0;
  let depthSum = 0;
  let inBlink = false;
  let lowest = Infinity;
  for (let i = 0; i < openness.length; i++) {
    const v = openness[i];
    if (v < BLINK_THRESHOLD) {
      if (!inBlink) { inBlink = true; count++; lowest = v; }
      lowest = Math.min(lowest, v);
    } else if (inBlink) {
      inBlink = false;
      depthSum += lowest;
    }
  }
  if (inBlink) depthSum += lowest;
  return { rate: count / (openness.length / fps), count, depth: count > 0 ? depthSum / count : 1 };
}

export interface ClipSignals {
  openness: Float32Array;
  flicker: Float32Array;
  blinks: BlinkSummary;
  /** TEMPORAL_FEATURES, in order. */
  features: number[];
}

export function clipSignals(clip: ToyClip): ClipSignals {
  const openness = eyeOpenness(clip);
  const flick = flicker(clip);
  const b = blinks(openness, clip.fps);
  let meanFlicker = 0;
  for (let i = 1; i < flick.length - 1; i++) meanFlicker += flick[i];
  meanFlicker /= flick.length - 2;
  let jitter = 0;
  for (let i = 1; i < openness.length - 1; i++) jitter += Math.abs(openness[i] - 0.5 * (openness[i - 1] + openness[i + 1]));
  jitter /= openness.length - 2;
  return { openness, flicker: flick, blinks: b, features: [b.rate, b.depth, meanFlicker, jitter] };
}

export interface TemporalDataset {
  /** n·TEMPORAL_FEATURES.length numbers. */
  features: Float32Array;
  /** 1 = swapped, 0 = real. */
  labels: Uint8Array;
  count: number;
}

/** Features of `pairs` seeded clip pairs (seeds firstSeed, firstSeed + 1, …): each pair gives one real and one swapped clip. */
export function temporalDataset(pairs: number, firstSeed: number, swap: ClipSwapper, frames = VIDEO_FRAMES): TemporalDataset {
  if (!Number.isInteger(pairs) || pairs < 1) throw new RangeError(`The number of clip pairs must be a whole number of at least 1; ${pairs} is not.`);
  const k = TEMPORAL_FEATURES.length;
  const features = new Float32Array(2 * pairs * k);
  const labels = new Uint8Array(2 * pairs);
  for (let i = 0; i < pairs; i++) {
    const pair = makeClipPair(firstSeed + i, swap, frames);
    features.set(clipSignals(pair.real).features, 2 * i * k);
    features.set(clipSignals(pair.swapped).features, (2 * i + 1) * k);
    labels[2 * i + 1] = 1;
  }
  return { features, labels, count: 2 * pairs };
}

export interface TemporalDetectorResult {
  /** Per feature, standardised: weight; then the bias. */
  weights: number[];
  bias: number;
  mean: number[];
  std: number[];
  /** Loss after each step. */
  losses: number[];
  trainAccuracy: number;
}

/** Logistic regression (Adam, full batch) on standardised features. */
export function trainTemporalDetector(data: TemporalDataset, steps = 300, learningRate = 0.05): TemporalDetectorResult {
  const k = TEMPORAL_FEATURES.length;
  if (data.features.length !== data.count * k) throw new RangeError(`${data.count} clips need ${data.count * k} feature values, not ${data.features.length}.`);
  const mean = Array.from({ length: k }, (_, j) => { let s = 0; for (let i = 0; i < data.count; i++) s += data.features[i * k + j]; return s / data.count; });
  const std = Array.from({ length: k }, (_, j) => {
    let s = 0;
    for (let i = 0; i < data.count; i++) s += (data.features[i * k + j] - mean[j]) ** 2;
    return Math.sqrt(s / data.count) || 1;
  });
  const z = data.features.map((v, i) => (v - mean[i % k]) / std[i % k]);
  const x = tf.tensor2d(z, [data.count, k]);
  const y = tf.tensor2d(Float32Array.from(data.labels), [data.count, 1]);
  const w = tf.tidy(() => tf.variable(tf.zeros([k, 1])));
  const b = tf.tidy(() => tf.variable(tf.zeros([1])));
  const optimizer = tf.train.adam(learningRate);
  const losses: number[] = [];
  try {
    for (let s = 0; s < steps; s++) {
      const cost = optimizer.minimize(() => tf.losses.sigmoidCrossEntropy(y, tf.add(tf.matMul(x, w), b)) as tf.Scalar, true, [w, b])!;
      losses.push(cost.dataSync()[0]);
      cost.dispose();
    }
    const weights = Array.from(w.dataSync());
    const bias = b.dataSync()[0];
    const p = readBack(() => tf.add(tf.matMul(x, w), b));
    let right = 0;
    for (let i = 0; i < data.count; i++) if ((p[i] > 0 ? 1 : 0) === data.labels[i]) right++;
    return { weights, bias, mean, std, losses, trainAccuracy: right / data.count };
  } finally {
    tf.dispose([x, y, w, b]);
    optimizer.dispose();
  }
}

/** P(swapped) for one clip's features. */
export function temporalScore(model: TemporalDetectorResult, features: readonly number[]): number {
  let logit = model.bias;
  features.forEach((v, j) => (logit += model.weights[j] * ((v - model.mean[j]) / model.std[j])));
  return 1 / (1 + Math.exp(-logit));
}

export function temporalAccuracy(model: TemporalDetectorResult, data: TemporalDataset): number {
  const k = TEMPORAL_FEATURES.length;
  let right = 0;
  for (let i = 0; i < data.count; i++) {
    const p = temporalScore(model, Array.from(data.features.subarray(i * k, (i + 1) * k)));
    if ((p >= 0.5 ? 1 : 0) === data.labels[i]) right++;
  }
  return right / data.count;
}

export interface ToyVideoDemo {
  size: number;
  frames: number;
  fps: number;
  real: { pixels: Float32Array; openness: Float32Array; flicker: Float32Array; features: number[]; pSwapped: number };
  swapped: { pixels: Float32Array; openness: Float32Array; flicker: Float32Array; features: number[]; pSwapped: number };
  detector: { trainPairs: number; testPairs: number; trainAccuracy: number; heldOutAccuracy: number; weights: number[] };
}

/**
 * The lab's demonstration: the clip pair of `seed`, its signals, and a temporal detector trained
 * on `trainPairs` other seeded pairs and judged on `testPairs` more (none of them the shown pair).
 */
export function toyVideoDemo(seed: number, swap: ClipSwapper, trainPairs = 12, testPairs = 8): ToyVideoDemo {
  if (!Number.isInteger(seed) || seed < 0 || seed > 1e6) throw new RangeError(`The clip's seed must be a whole number from 0 to 1,000,000; ${seed} is not.`);
  const pair = makeClipPair(seed, swap);
  const model = trainTemporalDetector(temporalDataset(trainPairs, seed + 1000, swap));
  const heldOutAccuracy = temporalAccuracy(model, temporalDataset(testPairs, seed + 5000, swap));
  const side = (clip: ToyClip) => {
    const s = clipSignals(clip);
    return { pixels: clip.pixels, openness: s.openness, flicker: s.flicker, features: s.features, pSwapped: temporalScore(model, s.features) };
  };
  return {
    size: pair.real.size, frames: pair.real.frames, fps: pair.real.fps,
    real: side(pair.real), swapped: side(pair.swapped),
    detector: { trainPairs, testPairs, trainAccuracy: model.trainAccuracy, heldOutAccuracy, weights: model.weights },
  };
}
