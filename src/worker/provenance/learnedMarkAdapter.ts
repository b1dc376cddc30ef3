/**
 * The provenance lab's learned watermark on the generic TrainingSession. A model is a
 * LearnedWatermark (core/provenance/learnedWatermark.ts) with its training pictures (grey toy
 * faces, cropped at random each step) and a fixed held-out batch of crops and messages that
 * every frame reads back, untouched and after the JPEG simulation, so the page charts how well
 * the mark is learned. The page marks and reads its own pictures through markChange/readBits.
 */
import * as tf from '../../core/shared/tf';
import { SeededRandom } from '../../core/shared/seededRandom';
import { DEFAULT_LEARNED_WATERMARK, LearnedWatermark, jpegSimulation, trainingBatch, type LearnedWatermarkSettings } from '../../core/provenance/learnedWatermark';
import { toyFacePicture } from '../../core/provenance/provenancePictures';
import { LEARNED_MARK_BITS, learnedMarkSettingsProblems, type LearnedMarkFrame, type LearnedMarkMetric, type LearnedMarkSettings } from '../../protocol/provenance/learnedMarkProtocol';
import type { StartRequest } from '../../protocol/shared/sessionProtocol';
import { readBack } from '../../core/shared/readBack';
import { keptWeights } from '../shared/keptWeights';
import type { HealthyState, SessionAdapter } from '../shared/sessionAdapter';
import type { SessionClock } from '../shared/sessionClock';
import { TrainingSession } from '../shared/trainingSession';

/** Toy faces trained on (seeds far from the lab's own pictures, which start at 0). */
const TRAINING_FACES = 48;
const FACE_SEED = 70_000;
const HELD_OUT = 16;
/** JPEG quality of the held-out check (the noise layer trains at this quality too). */
export const HELD_OUT_JPEG_QUALITY = 50;

export interface LearnedMarkModel {
  mark: LearnedWatermark;
  settings: LearnedMarkSettings;
  faces: ReturnType<typeof toyFacePicture>[];
  random: SeededRandom;
  heldOut: { pictures: tf.Tensor4D; messages: tf.Tensor2D };
  lossSum: number;
  lossCount: number;
  noise: string;
}

export interface LearnedMarkSessionTypes {
  settings: LearnedMarkSettings;
  model: LearnedMarkModel;
  metric: LearnedMarkMetric;
  frame: LearnedMarkFrame;
  startInfo: null;
  stepKind: undefined;
}

export type LearnedMarkTrainingSession = TrainingSession<LearnedMarkSessionTypes>;

/** The watermark's full settings from the lab's. */
export function watermarkSettings(s: LearnedMarkSettings): LearnedWatermarkSettings {
  return { ...DEFAULT_LEARNED_WATERMARK, bits: LEARNED_MARK_BITS, psnr: s.psnr, learningRate: s.learningRate, warmupSteps: s.warmupSteps, seed: s.seed };
}

function checkPlane(plane: Float32Array, width: number, height: number): void {
  if (!(plane instanceof Float32Array) || !Number.isInteger(width) || !Number.isInteger(height) || width < 8 || height < 8 || plane.length !== width * height) {
    throw new Error(`A luminance plane of ${width}×${height} needs ${width * height} values (and a side of at least 8), not ${plane?.length}.`);
  }
}

/** The plane cut to whole 8×8 blocks from its top-left corner (the networks tile 8×8 carriers). */
function blocks(plane: Float32Array, width: number, height: number): { x: tf.Tensor4D; w: number; h: number } {
  const w = width - (width % 8);
  const h = height - (height % 8);
  const cut = new Float32Array(w * h);
  for (let y = 0; y < h; y++) for (let x = 0; x < w; x++) cut[y * w + x] = plane[y * width + x] / 255;
  return { x: tf.tensor4d(cut, [1, h, w, 1]), w, h };
}

export class LearnedMarkAdapter implements SessionAdapter<LearnedMarkSessionTypes> {
  readonly pacing = { stepsPerSecondPerSpeed: 2, frameIntervalMs: 250, sliceMs: 40 };

  async build(settings: LearnedMarkSettings | null, start: StartRequest) {
    if (start.kind !== 'scratch') throw new Error('The learned watermark trains from scratch; it loads no model files.');
    if (!settings) throw new Error('Settings are needed to build the learned watermark.');
    const problems = learnedMarkSettingsProblems(settings);
    if (problems.length > 0) throw new Error(`The settings are not valid: ${problems.join('; ')}.`);
    const s = { ...settings };
    const mark = new LearnedWatermark(watermarkSettings(s));
    const faces = Array.from({ length: TRAINING_FACES }, (_, i) => toyFacePicture(FACE_SEED + i));
    const random = new SeededRandom(s.seed);
    const { size } = mark.settings;
    const held = trainingBatch(Array.from({ length: 8 }, (_, i) => toyFacePicture(FACE_SEED + TRAINING_FACES + i)), HELD_OUT, size, LEARNED_MARK_BITS, () => random.next());
    const heldOut = {
      pictures: tf.keep(tf.tensor4d(held.pictures, [HELD_OUT, size, size, 1])),
      messages: tf.keep(tf.tensor2d(held.messages, [HELD_OUT, LEARNED_MARK_BITS])),
    };
    const model: LearnedMarkModel = { mark, settings: s, faces, random, heldOut, lossSum: 0, lossCount: 0, noise: 'identity' };
    return { model, settings: { ...s }, start: null, trainedSeconds: 0 };
  }

  steps = (model: LearnedMarkModel) => model.mark.steps;

  trainStep(model: LearnedMarkModel): void {
    const { batchSize, size } = model.mark.settings;
    const b = trainingBatch(model.faces, batchSize, size, LEARNED_MARK_BITS, () => model.random.next());
    const x = tf.tensor4d(b.pictures, [batchSize, size, size, 1]);
    const m = tf.tensor2d(b.messages, [batchSize, LEARNED_MARK_BITS]);
    try {
      const r = model.mark.trainStep(x, m);
      model.lossSum += r.messageLoss;
      model.lossCount++;
      model.noise = r.noise;
    } finally {
      tf.dispose([x, m]);
    }
  }

  /** Bits read right on the held-out crops, untouched and after the JPEG simulation. */
  heldOutBits(model: LearnedMarkModel): { plain: number; jpeg: number } {
    const { mark, heldOut } = model;
    const right = (logits: tf.Tensor2D) => logits.greater(0).cast('float32').equal(heldOut.messages).cast('float32').mean();
    // One readback for both figures.
    const [plain, jpeg] = readBack(() => {
      const marked = mark.embed(heldOut.pictures, heldOut.messages);
      return tf.stack([right(mark.decodeLogits(marked)), right(mark.decodeLogits(jpegSimulation(marked, HELD_OUT_JPEG_QUALITY)))]);
    });
    return { plain, jpeg };
  }

  observe(model: LearnedMarkModel, { record }: { record: boolean; scoreDue: boolean }) {
    const { plain, jpeg } = this.heldOutBits(model);
    if (model.lossCount > 0 && !Number.isFinite(model.lossSum)) return { nonFinite: 'the message loss' };
    if (!Number.isFinite(plain) || !Number.isFinite(jpeg)) return { nonFinite: 'the bits read back' };
    let metric: LearnedMarkMetric | null = null;
    if (record && model.lossCount > 0) {
      metric = { step: model.mark.steps, messageLoss: model.lossSum / model.lossCount, heldOutBits: plain, heldOutBitsJpeg: jpeg };
      model.lossSum = 0;
      model.lossCount = 0;
    }
    return { nonFinite: null, fields: { heldOutBits: plain, heldOutBitsJpeg: jpeg, noise: model.noise }, metric, scored: false };
  }

  capture(model: LearnedMarkModel): HealthyState<LearnedMarkModel> {
    const steps = model.mark.steps;
    // The variables in their fixed order, named by position.
    return keptWeights<LearnedMarkModel>(model.mark.variables().map((tensor, i) => ({ name: String(i), tensor })), steps,
      (target, weights) => target.mark.loadVariables([...weights.values()], steps));
  }

  divergenceAdvice(model: LearnedMarkModel): string {
    return `The learning rate ${model.settings.learningRate} is probably too high for the learned watermark: lower it.`;
  }

  save(): Uint8Array {
    throw new Error('The learned watermark keeps no model file: it retrains from its settings.');
  }

  dispose(model: LearnedMarkModel): void {
    model.mark.dispose();
    tf.dispose([model.heldOut.pictures, model.heldOut.messages]);
  }

  /** The luminance change, in levels, that marks `plane` (levels 0–255) with `bits`, at the trained PSNR. */
  markChange(model: LearnedMarkModel, plane: Float32Array, width: number, height: number, bits: Uint8Array): Float32Array {
    checkPlane(plane, width, height);
    if (!(bits instanceof Uint8Array) || bits.length !== LEARNED_MARK_BITS || bits.some((b) => b > 1)) throw new Error(`The message is ${LEARNED_MARK_BITS} bits, each 0 or 1.`);
    const { x, w, h } = blocks(plane, width, height);
    try {
      const change = tf.tidy(() => model.mark.embed(x, tf.tensor2d(Float32Array.from(bits), [1, LEARNED_MARK_BITS])).sub(x).mul(255).dataSync() as Float32Array);
      const out = new Float32Array(width * height);
      for (let y = 0; y < h; y++) for (let c = 0; c < w; c++) out[y * width + c] = change[y * w + c];
      return out;
    } finally {
      x.dispose();
    }
  }

  /** The bits the decoder reads from `plane` (levels 0–255); `cropped` tries every placement of the 8×8 grid. */
  readBits(model: LearnedMarkModel, plane: Float32Array, width: number, height: number, cropped: boolean): Uint8Array {
    checkPlane(plane, width, height);
    const { x } = blocks(plane, width, height);
    try {
      const logits = tf.tidy(() => model.mark.decodeLogits(x, cropped).dataSync() as Float32Array);
      return Uint8Array.from(logits, (z) => (z > 0 ? 1 : 0));
    } finally {
      x.dispose();
    }
  }
}

export function createLearnedMarkSession(clock?: SessionClock): { session: LearnedMarkTrainingSession; adapter: LearnedMarkAdapter } {
  const adapter = new LearnedMarkAdapter();
  return { session: new TrainingSession(adapter, clock), adapter };
}

