/**
 * The voice-conversion networks and their training, as plain TF.js variables (named
 * parameters, like the face-swap lab's), on log-magnitude spectrogram frames:
 *
 *   encoder   contextFrames × bins (normalised log-magnitudes) → dense (hidden) → dense (hidden) → code (codeSize, linear)
 *   decoder   code → dense (hidden) → dense (hidden) → bins (the centre frame, normalised, linear)
 *
 * Hidden layers use leaky ReLU. Each decoder is trained only to rebuild its own voice;
 * converting A → B is A's frames through the encoder and B's decoder.
 *
 * Log-magnitudes are normalised per bin, by default by each voice's own mean and spread
 * (`normalisation: 'perVoice'`): the encoder then sees how a frame differs from its speaker's
 * average, which is mostly what is said, and a decoder's output is put back on its own voice's
 * average. With both voices pooled instead, the shared encoder gives the two voices' frames
 * codes in different places, and B's decoder misreads A's codes: in tests/bench/voiceConversion.ts
 * the vowels survive conversion at about chance level that way, and in full with per-voice
 * normalisation, while separate encoders lose them either way.
 */
import * as tf from '../shared/tf';
import { SeededRandom } from '../shared/seededRandom';
import { createParams, disposeParams, type ParamSpec } from '../shared/namedParams';
import { Stft } from './stft';
import { binStats, framedUtterances, framedUtteranceStream, writeContext, type BinStats, type FramedUtterance } from './voiceFrames';
import { checkVoiceConversionSettings, type VoiceConversionSettings } from './voiceConversionSettings';

export type VoiceSide = 'a' | 'b';
export const VOICE_SIDES: readonly VoiceSide[] = ['a', 'b'];
export type VoiceNetRole = 'encoder' | 'encoderA' | 'encoderB' | 'decoderA' | 'decoderB';

const LEAK = 0.2;

function dense(name: string, inSize: number, outSize: number, hidden: boolean): ParamSpec[] {
  return [
    { name: `${name}/kernel`, shape: [inSize, outSize], fanIn: inSize, fanOut: outSize, init: hidden ? 'he' : 'glorot' },
    { name: `${name}/bias`, shape: [outSize], fanIn: 0, fanOut: 0, init: 'zero' },
  ];
}

/** The parameter list of one network; names ("enc/d1/kernel", "decB/out/bias", …) are stable checkpoint keys. */
export function voiceParamSpecs(role: VoiceNetRole, s: VoiceConversionSettings): ParamSpec[] {
  const bins = s.frameSize / 2 + 1;
  const prefix = { encoder: 'enc', encoderA: 'encA', encoderB: 'encB', decoderA: 'decA', decoderB: 'decB' }[role];
  const [inSize, outSize] = role.startsWith('encoder') ? [s.contextFrames * bins, s.codeSize] : [s.codeSize, bins];
  return [...dense(`${prefix}/d1`, inSize, s.hiddenSize, true), ...dense(`${prefix}/d2`, s.hiddenSize, s.hiddenSize, true), ...dense(`${prefix}/out`, s.hiddenSize, outSize, false)];
}

function runDense(params: ReadonlyMap<string, tf.Variable>, prefix: string, x: tf.Tensor2D): tf.Tensor2D {
  const layer = (name: string, h: tf.Tensor2D) => tf.add(tf.matMul(h, params.get(`${prefix}/${name}/kernel`) as tf.Tensor2D), params.get(`${prefix}/${name}/bias`)!) as tf.Tensor2D;
  const h1 = tf.leakyRelu(layer('d1', x), LEAK);
  const h2 = tf.leakyRelu(layer('d2', h1), LEAK);
  return layer('out', h2);
}

/**
 * One log-magnitude frame stretched along frequency by `factor` (> 1 moves everything up, as a
 * shorter vocal tract does): out[k] = in[k / factor], linearly interpolated; beyond the top
 * bin the top bin's value repeats.
 */
export function warpFrame(frame: Float32Array, factor: number, out: Float32Array): void {
  const bins = frame.length;
  for (let k = 0; k < bins; k++) {
    const x = Math.min(bins - 1, k / factor);
    const j = Math.floor(x);
    const f = x - j;
    out[k] = j + 1 < bins ? (1 - f) * frame[j] + f * frame[j + 1] : frame[j];
  }
}

export interface VoiceTrainingData {
  a: FramedUtterance[];
  b: FramedUtterance[];
}

/** The training utterances the settings describe: `utterancesPerVoice` per voice, from the seed. */
export function voiceTrainingData(s: VoiceConversionSettings): VoiceTrainingData {
  const stft = new Stft(s.frameSize);
  const [a, b] = trainingVoices(s).map(([, voice, seed]) => framedUtterances(voice, s.utterancesPerVoice, seed, stft));
  return { a, b };
}

/** Each side's voice and the seed of its training utterances. */
function trainingVoices(s: VoiceConversionSettings): [VoiceSide, string, number][] {
  return [['a', s.voiceA, s.seed * 2 + 1], ['b', s.voiceB, s.seed * 2 + 2]];
}

/** The same utterances as voiceTrainingData, with `pause()` awaited after each one (about 10 ms of work). */
export async function voiceTrainingDataInTurns(s: VoiceConversionSettings, pause: () => Promise<void>): Promise<VoiceTrainingData> {
  const stft = new Stft(s.frameSize);
  const data: VoiceTrainingData = { a: [], b: [] };
  for (const [side, voice, seed] of trainingVoices(s)) {
    for (const u of framedUtteranceStream(voice, s.utterancesPerVoice, seed, stft)) {
      data[side].push(u);
      await pause();
    }
  }
  return data;
}

export interface VoiceStepLosses {
  /** Mean squared error of each decoder rebuilding its own voice's frames (normalised log-magnitudes). */
  lossA: number;
  lossB: number;
}

/** Each voice's per-bin normalisation (the same object for both when pooled). */
export type VoiceNormalisation = Record<VoiceSide, BinStats>;

/** The normalisation the settings' normalisation kind gives over these training utterances. */
export function normalisationOf(settings: VoiceConversionSettings, data: VoiceTrainingData): VoiceNormalisation {
  if (settings.normalisation === 'pooled') {
    const pooled = binStats([...data.a, ...data.b]);
    return { a: pooled, b: pooled };
  }
  return { a: binStats(data.a), b: binStats(data.b) };
}

function checkTrainingData(settings: VoiceConversionSettings, data: VoiceTrainingData, bins: number): void {
  for (const side of VOICE_SIDES) {
    if (data[side].length === 0) throw new Error(`Voice ${side.toUpperCase()} has no training utterances.`);
    const voiceId = side === 'a' ? settings.voiceA : settings.voiceB;
    for (const u of data[side]) {
      if (u.bins !== bins) throw new Error(`A training utterance has ${u.bins} bins; frames of ${settings.frameSize} have ${bins}.`);
      if (u.utterance.voiceId !== voiceId) throw new Error(`Voice ${side.toUpperCase()} is ${voiceId}, but a training utterance for it is spoken by ${u.utterance.voiceId}.`);
    }
  }
}

export class VoiceConversionTrainer {
  readonly settings: VoiceConversionSettings;
  readonly bins: number;
  /** Normalisation of each voice's log-magnitudes (the same object for both when pooled). */
  readonly stats: VoiceNormalisation;
  readonly nets = new Map<VoiceNetRole, Map<string, tf.Variable>>();
  private readonly optimizer: tf.Optimizer;
  private training: { data: VoiceTrainingData; frameIndex: Record<VoiceSide, Int32Array> } | null = null;
  private readonly rng: SeededRandom;
  private disposed = false;
  steps = 0;

  /**
   * Builds the networks; `data` (from voiceTrainingData) can be passed in to share it between
   * models. A model that comes with its normalisation (a saved model carries it) synthesises its
   * training utterances only when it first trains, so it converts at once (synthesis takes a second).
   */
  constructor(settings: VoiceConversionSettings, data?: VoiceTrainingData, stats?: VoiceNormalisation) {
    checkVoiceConversionSettings(settings);
    this.settings = { ...settings };
    this.bins = settings.frameSize / 2 + 1;
    if (stats) {
      for (const side of VOICE_SIDES) {
        if (stats[side].mean.length !== this.bins || stats[side].std.length !== this.bins) throw new Error(`Voice ${side.toUpperCase()}'s normalisation has ${stats[side].mean.length} bins; frames of ${settings.frameSize} have ${this.bins}.`);
      }
    }
    if (data || !stats) this.useData(data ?? voiceTrainingData(settings));
    this.stats = stats ?? normalisationOf(settings, this.training!.data);
    const init = new SeededRandom(settings.seed);
    this.rng = init.fork(1);
    const roles: VoiceNetRole[] = settings.encoder === 'shared' ? ['encoder', 'decoderA', 'decoderB'] : ['encoderA', 'encoderB', 'decoderA', 'decoderB'];
    for (const role of roles) this.nets.set(role, createParams(voiceParamSpecs(role, settings), init.fork(roles.indexOf(role) + 10)));
    this.optimizer = tf.train.adam(settings.learningRate);
  }

  private useData(data: VoiceTrainingData): void {
    checkTrainingData(this.settings, data, this.bins);
    const index = (us: FramedUtterance[]) => {
      const pairs: number[] = [];
      us.forEach((u, i) => { for (let t = 0; t < u.frames; t++) pairs.push(i, t); });
      return Int32Array.from(pairs);
    };
    this.training = { data, frameIndex: { a: index(data.a), b: index(data.b) } };
  }

  /**
   * Synthesises the training utterances in the background, one per turn of `pause()`, for a
   * model built without them, so its first step need not wait for them. A step taken before
   * this ends synthesises them at once instead; the utterances are the same either way.
   */
  async prepareTrainingData(pause: () => Promise<void>): Promise<void> {
    if (this.training) return;
    const data = await voiceTrainingDataInTurns(this.settings, pause);
    if (!this.training) this.useData(data);
  }

  /** Whether the training utterances are ready (a model built with its normalisation synthesises them later). */
  get hasTrainingData(): boolean {
    return this.training !== null;
  }

  /** The training utterances, synthesised on first use when the model was built without them. */
  private get trainingData(): NonNullable<typeof this.training> {
    if (!this.training) this.useData(voiceTrainingData(this.settings));
    return this.training!;
  }

  private encoderOf(side: VoiceSide): [Map<string, tf.Variable>, string] {
    if (this.settings.encoder === 'shared') return [this.nets.get('encoder')!, 'enc'];
    return side === 'a' ? [this.nets.get('encoderA')!, 'encA'] : [this.nets.get('encoderB')!, 'encB'];
  }

  private decoderOf(side: VoiceSide): [Map<string, tf.Variable>, string] {
    return side === 'a' ? [this.nets.get('decoderA')!, 'decA'] : [this.nets.get('decoderB')!, 'decB'];
  }

  /** The code of normalised context rows, through `side`'s encoder (the shared one, or its own). */
  encode(x: tf.Tensor2D, side: VoiceSide): tf.Tensor2D {
    const [params, prefix] = this.encoderOf(side);
    return runDense(params, prefix, x);
  }

  /** Normalised log-magnitude frames from codes, through `side`'s decoder. */
  decode(code: tf.Tensor2D, side: VoiceSide): tf.Tensor2D {
    const [params, prefix] = this.decoderOf(side);
    return runDense(params, prefix, code);
  }

  private normalise(v: number, k: number, side: VoiceSide): number {
    return (v - this.stats[side].mean[k]) / this.stats[side].std[k];
  }

  /** Normalised context rows (frames × contextFrames·bins) of frame-major log-magnitudes of voice `side`. */
  contextRows(logMagnitude: Float32Array, side: VoiceSide): Float32Array {
    if (logMagnitude.length % this.bins !== 0) throw new RangeError(`${logMagnitude.length} log-magnitudes are not whole frames of ${this.bins} bins.`);
    const frames = logMagnitude.length / this.bins;
    const normalised = logMagnitude.map((v, i) => this.normalise(v, i % this.bins, side));
    const width = this.settings.contextFrames * this.bins;
    const rows = new Float32Array(frames * width);
    for (let t = 0; t < frames; t++) writeContext({ logMagnitude: normalised, frames, bins: this.bins }, t, this.settings.contextFrames, rows, t * width);
    return rows;
  }

  private batch(side: VoiceSide): { x: Float32Array; y: Float32Array } {
    const { batchSize, contextFrames } = this.settings;
    const { data, frameIndex } = this.trainingData;
    const us = data[side];
    const index = frameIndex[side];
    const width = contextFrames * this.bins;
    const x = new Float32Array(batchSize * width);
    const y = new Float32Array(batchSize * this.bins);
    const window = new Float32Array(width);
    const warped = new Float32Array(width);
    for (let i = 0; i < batchSize; i++) {
      const pick = this.rng.int(index.length / 2);
      const u = us[index[2 * pick]];
      const t = index[2 * pick + 1];
      writeContext(u, t, contextFrames, window, 0);
      let input = window;
      if (this.settings.warp > 0) {
        const factor = (1 + this.settings.warp) ** this.rng.uniform(-1, 1);
        for (let c = 0; c < contextFrames; c++) warpFrame(window.subarray(c * this.bins, (c + 1) * this.bins), factor, warped.subarray(c * this.bins, (c + 1) * this.bins));
        input = warped;
      }
      for (let j = 0; j < width; j++) x[i * width + j] = this.normalise(input[j], j % this.bins, side);
      for (let k = 0; k < this.bins; k++) y[i * this.bins + k] = this.normalise(u.logMagnitude[t * this.bins + k], k, side);
    }
    return { x, y };
  }

  /** One Adam step on both voices' reconstruction losses (summed); returns each before the step. */
  step(): VoiceStepLosses {
    if (this.disposed) throw new Error('This voice-conversion model has been disposed.');
    const { batchSize, contextFrames } = this.settings;
    const batches = { a: this.batch('a'), b: this.batch('b') };
    const losses: tf.Scalar[] = [];
    let lossA: number;
    let lossB: number;
    try {
      const total = this.optimizer.minimize(() => {
        const perSide = VOICE_SIDES.map((side) => {
          const x = tf.tensor2d(batches[side].x, [batchSize, contextFrames * this.bins]);
          const y = tf.tensor2d(batches[side].y, [batchSize, this.bins]);
          return tf.losses.meanSquaredError(y, this.decode(this.encode(x, side), side)) as tf.Scalar;
        });
        for (const l of perSide) losses.push(tf.keep(l));
        return tf.add(perSide[0], perSide[1]) as tf.Scalar;
      }, true);
      [lossA, lossB] = losses.map((l) => l.dataSync()[0]);
      total?.dispose();
    } finally {
      // Kept out of the step's scope, so disposed here even when the step fails.
      for (const l of losses) l.dispose();
    }
    this.steps++;
    return { lossA, lossB };
  }

  /**
   * Frame-major log-magnitudes (as `logMagnitudes` gives) of voice `from`, rebuilt by voice
   * `to`'s decoder: conversion when they differ, reconstruction when they are the same.
   */
  convert(logMagnitude: Float32Array, from: VoiceSide, to: VoiceSide): Float32Array {
    if (this.disposed) throw new Error('This voice-conversion model has been disposed.');
    const rows = this.contextRows(logMagnitude, from);
    const frames = logMagnitude.length / this.bins;
    const out = tf.tidy(() => this.decode(this.encode(tf.tensor2d(rows, [frames, this.settings.contextFrames * this.bins]), from), to));
    const values = out.dataSync() as Float32Array;
    out.dispose();
    const result = new Float32Array(values.length);
    for (let i = 0; i < values.length; i++) {
      const k = i % this.bins;
      result[i] = values[i] * this.stats[to].std[k] + this.stats[to].mean[k];
    }
    return result;
  }

  /** The codes of frame-major log-magnitudes of voice `side` (frames × codeSize), e.g. for a map of the code space. */
  codes(logMagnitude: Float32Array, side: VoiceSide): Float32Array {
    const rows = this.contextRows(logMagnitude, side);
    const frames = logMagnitude.length / this.bins;
    const code = tf.tidy(() => this.encode(tf.tensor2d(rows, [frames, this.settings.contextFrames * this.bins]), side));
    const values = code.dataSync() as Float32Array;
    code.dispose();
    return Float32Array.from(values);
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    for (const params of this.nets.values()) disposeParams(params);
    this.optimizer.dispose();
  }
}
