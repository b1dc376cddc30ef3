/**
 * A trained voice-conversion model in one file, on the weights bundle (weightsBundle.ts):
 * its settings (so the lab rebuilds exactly this model and can train on), every network's
 * weights by name (float16 by default), a timeline of the preview's rebuild and conversion
 * from step 0 (8-bit log-magnitudes, so a lecturer can scrub from noise to a converted voice
 * without training), and the judges' scores at the end when they were measured.
 *
 * Decoding checks everything and refuses, with the reason, a file that is not a voice-conversion
 * model, is corrupted, or whose parts do not fit its settings. Also here: the pretrained models
 * the app ships (models/voice-*.weights, trained by models/trainVoice.ts).
 */
import * as tf from '../shared/tf';
import { assignParams, checkParams } from '../shared/namedParams';
import { decodeWeightsBundle, encodeWeightsBundle, matchWeights, type NamedWeight, type WeightStorage } from '../shared/weightsBundle';
import { LOG_MAGNITUDE_FLOOR } from './stft';
import { VOICE_SIDES, voiceParamSpecs, type VoiceConversionTrainer, type VoiceNetRole, type VoiceNormalisation } from './voiceConversion';
import {
  DEFAULT_VOICE_CONVERSION_SETTINGS, voiceConversionSettingsProblems, type VoiceConversionSettings,
} from './voiceConversionSettings';

export const VOICE_CHECKPOINT_FORMAT = 'deepfake-lab/voice-conversion@1';

/** What the judges (voiceJudges.ts) said of the conversions A → B of held-out utterances. */
export interface VoiceScores {
  /** Share of conversions both speaker judges call voice B, on the converted spectra. */
  calledTarget: number;
  /** Share of A's steady frames whose vowel the vowel judge still reads after conversion. */
  vowelsKept: number;
  /** The same two, on the sound Griffin–Lim makes of the converted spectra. */
  calledTargetSound: number;
  vowelsKeptSound: number;
  /** Held-out utterances judged. */
  utterances: number;
}

/** The preview (voicePreview.ts) at one moment of training: A rebuilt and A converted to B. */
export interface VoiceSnapshot {
  step: number;
  lossA: number;
  lossB: number;
  /** Frame-major log-magnitudes of the preview utterance. */
  rebuilt: Float32Array;
  converted: Float32Array;
}

export interface VoiceCheckpoint {
  settings: VoiceConversionSettings;
  steps: number;
  /** Wall-clock seconds of training. */
  seconds: number;
  description: string;
  weights: NamedWeight[];
  /** In increasing step order; log-magnitudes come back quantised (256 levels from LOG_RANGE.min to .max). */
  timeline: VoiceSnapshot[];
  scores: VoiceScores | null;
  /** Provenance: script, schedule, storage. Free-form. */
  training: Record<string, unknown>;
  /**
   * Each voice's per-bin normalisation the model was trained with (float32). With it the lab
   * converts at once and synthesises the training utterances only when training goes on; files
   * written before it was stored get it recomputed from their settings' utterances.
   */
  normalisation?: VoiceNormalisation | null;
}

/** The range a timeline's 8-bit log-magnitudes cover: from silence (ln of the floor) to well above the loudest bin. */
export const LOG_RANGE = { min: Math.log(LOG_MAGNITUDE_FLOOR), max: 4 } as const;

export class VoiceCheckpointError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'VoiceCheckpointError';
  }
}

/** The networks a settings object builds, in order (a shared encoder once). */
export function voiceRoles(s: VoiceConversionSettings): VoiceNetRole[] {
  return s.encoder === 'shared' ? ['encoder', 'decoderA', 'decoderB'] : ['encoderA', 'encoderB', 'decoderA', 'decoderB'];
}

export function voiceWeightSpecs(s: VoiceConversionSettings): { name: string; shape: number[] }[] {
  return voiceRoles(s).flatMap((r) => voiceParamSpecs(r, s).map((p) => ({ name: p.name, shape: [...p.shape] })));
}

/** Copies of every network's weights, in the networks' order. */
export function captureVoiceWeights(trainer: VoiceConversionTrainer): NamedWeight[] {
  return voiceRoles(trainer.settings).flatMap((role) => [...trainer.nets.get(role)!].map(([name, v]) => ({ name, shape: [...v.shape], data: Float32Array.from(v.dataSync()) })));
}

/** Puts named weights into a trainer built with the same settings; checks every one first, so a misfit changes nothing. */
export function loadVoiceWeights(trainer: VoiceConversionTrainer, weights: readonly NamedWeight[]): void {
  const tensors = new Map(weights.map((w) => [w.name, tf.tensor(w.data, w.shape)]));
  try {
    for (const [role, params] of trainer.nets) checkParams(`The ${role}`, params, tensors);
    for (const params of trainer.nets.values()) assignParams(params, tensors);
  } finally {
    tf.dispose([...tensors.values()]);
  }
}

const SHAPE_FIELDS = ['voiceA', 'voiceB', 'frameSize', 'contextFrames', 'hiddenSize', 'codeSize', 'encoder', 'normalisation'] as const;

/** Why a checkpoint cannot start a model with these settings (naming each shape-deciding setting that differs), or null. */
export function voiceCheckpointMismatch(checkpoint: VoiceCheckpoint, settings: VoiceConversionSettings): string | null {
  const problems = voiceConversionSettingsProblems(settings);
  if (problems.length > 0) return `the chosen settings are invalid: ${problems.join('; ')}`;
  const differ = SHAPE_FIELDS.filter((f) => checkpoint.settings[f] !== settings[f]);
  if (differ.length === 0) return null;
  return `it was trained with ${differ.map((f) => `${f} ${checkpoint.settings[f]}`).join(', ')}, but the chosen settings have ${differ.map((f) => `${f} ${settings[f]}`).join(', ')}`;
}

const isShare = (x: unknown) => typeof x === 'number' && x >= 0 && x <= 1;

function scoresProblem(s: VoiceScores | null): string | null {
  if (s === null) return null;
  if (typeof s !== 'object') return 'its scores are not an object';
  for (const k of ['calledTarget', 'vowelsKept', 'calledTargetSound', 'vowelsKeptSound'] as const) if (!isShare(s[k])) return `its score "${k}" is not a share from 0 to 1`;
  if (!Number.isInteger(s.utterances) || s.utterances < 1) return 'its scores do not say how many utterances were judged';
  return null;
}

export function voiceCheckpointProblem(c: VoiceCheckpoint): string | null {
  if (typeof c.settings !== 'object' || c.settings === null) return 'it has no settings';
  const problems = voiceConversionSettingsProblems(c.settings);
  if (problems.length > 0) return `its settings are invalid: ${problems.join('; ')}`;
  if (!Number.isInteger(c.steps) || c.steps < 0) return 'its step count is not a whole number ≥ 0';
  if (!Number.isFinite(c.seconds) || c.seconds < 0) return 'its training time is not a number of seconds';
  const scores = scoresProblem(c.scores);
  if (scores) return scores;
  if (c.normalisation) {
    const bins = c.settings.frameSize / 2 + 1;
    for (const side of VOICE_SIDES) {
      const { mean, std } = c.normalisation[side];
      if (mean.length !== bins || std.length !== bins) return `its normalisation of voice ${side.toUpperCase()} is not ${bins} bins long`;
      if (!mean.every(Number.isFinite) || !std.every((v) => Number.isFinite(v) && v > 0)) return `its normalisation of voice ${side.toUpperCase()} holds values that are not finite (or spreads that are not above 0)`;
    }
  }
  let previous = -1;
  let size = -1;
  for (const snap of c.timeline) {
    if (!Number.isInteger(snap.step) || snap.step <= previous || snap.step > c.steps) return 'its timeline steps are not whole numbers in increasing order up to the last step';
    previous = snap.step;
    if (!Number.isFinite(snap.lossA) || !Number.isFinite(snap.lossB)) return `its snapshot at step ${snap.step} has losses that are not numbers`;
    if (size < 0) size = snap.converted.length;
    if (snap.converted.length !== size || snap.rebuilt.length !== size || size % (c.settings.frameSize / 2 + 1) !== 0) return 'its timeline\'s spectrograms are not all whole frames of the same size';
  }
  return null;
}

const quantise = (v: Float32Array) => Float32Array.from(v, (x) => Math.round(255 * Math.min(1, Math.max(0, (x - LOG_RANGE.min) / (LOG_RANGE.max - LOG_RANGE.min)))));
const unquantise = (v: Float32Array) => Float32Array.from(v, (x) => LOG_RANGE.min + (x / 255) * (LOG_RANGE.max - LOG_RANGE.min));

export function encodeVoiceCheckpoint(c: VoiceCheckpoint, storage: WeightStorage = 'float16'): Uint8Array {
  const problem = voiceCheckpointProblem(c);
  if (problem) throw new VoiceCheckpointError(`Cannot write this voice-conversion model: ${problem}.`);
  const byName = new Map(c.weights.map((w) => [w.name, w]));
  const weights: NamedWeight[] = voiceWeightSpecs(c.settings).map((spec) => {
    const w = byName.get(spec.name);
    if (!w || w.shape.join() !== spec.shape.join()) throw new VoiceCheckpointError(`Cannot write this voice-conversion model: its weight "${spec.name}" is missing or not of shape [${spec.shape.join(', ')}].`);
    return storage === 'float32' ? { name: w.name, shape: [...w.shape], data: w.data } : { name: w.name, shape: [...w.shape], data: w.data, storage };
  });
  if (c.normalisation) {
    for (const side of VOICE_SIDES) {
      for (const part of ['mean', 'std'] as const) weights.push({ name: `normalisation/${side}/${part}`, shape: [c.normalisation[side][part].length], data: c.normalisation[side][part] });
    }
  }
  const n = c.timeline.length;
  const size = n > 0 ? c.timeline[0].converted.length : 0;
  if (n > 0) {
    for (const part of ['rebuilt', 'converted'] as const) {
      const all = new Float32Array(n * size);
      c.timeline.forEach((s, i) => all.set(quantise(s[part]), i * size));
      weights.push({ name: `timeline/${part}`, shape: [n, size], data: all, storage: 'uint8' });
    }
  }
  return encodeWeightsBundle({
    format: VOICE_CHECKPOINT_FORMAT,
    metadata: {
      settings: c.settings, steps: c.steps, seconds: c.seconds, description: c.description, scores: c.scores, training: c.training,
      timeline: c.timeline.map((s) => ({ step: s.step, lossA: s.lossA, lossB: s.lossB })),
    },
    weights,
  });
}

/** Reads a file `encodeVoiceCheckpoint` wrote; refuses anything else with the reason. */
export function decodeVoiceCheckpoint(bytes: Uint8Array): VoiceCheckpoint {
  let bundle;
  try {
    bundle = decodeWeightsBundle(bytes, VOICE_CHECKPOINT_FORMAT);
  } catch (error) {
    throw new VoiceCheckpointError(`This is not a voice-lab model file: ${(error as Error).message}`);
  }
  const m = bundle.metadata as Partial<Record<string, unknown>>;
  const settings = { ...DEFAULT_VOICE_CONVERSION_SETTINGS, ...(m.settings as object) } as VoiceConversionSettings;
  const fail = (why: string): never => {
    throw new VoiceCheckpointError(`This voice-lab model file cannot be used: ${why}.`);
  };
  const settingsProblems = voiceConversionSettingsProblems(settings);
  if (settingsProblems.length > 0) fail(`its settings are invalid: ${settingsProblems.join('; ')}`);
  const specs = voiceWeightSpecs(settings);
  const marks = Array.isArray(m.timeline) ? (m.timeline as { step: number; lossA: number; lossB: number }[]) : [];
  const timelineTensors = bundle.weights.filter((w) => w.name.startsWith('timeline/'));
  const statTensors = new Map(bundle.weights.filter((w) => w.name.startsWith('normalisation/')).map((w) => [w.name, w.data]));
  const networkBundle = { ...bundle, weights: bundle.weights.filter((w) => !w.name.startsWith('timeline/') && !w.name.startsWith('normalisation/')) };
  let data: Float32Array[] = [];
  try {
    data = matchWeights(networkBundle, specs);
  } catch (error) {
    fail((error as Error).message);
  }
  const part = (name: string) => timelineTensors.find((w) => w.name === `timeline/${name}`);
  const rebuilt = part('rebuilt');
  const converted = part('converted');
  const size = converted?.shape[1] ?? 0;
  if (marks.length > 0 && (!rebuilt || !converted || rebuilt.shape[0] !== marks.length || converted.shape[0] !== marks.length)) fail('its timeline pictures do not match its timeline');
  const checkpoint: VoiceCheckpoint = {
    settings,
    steps: m.steps as number,
    seconds: m.seconds as number,
    description: typeof m.description === 'string' ? m.description : '',
    weights: specs.map((s, i) => ({ name: s.name, shape: s.shape, data: data[i] })),
    timeline: marks.map((mark, i) => ({
      step: mark.step, lossA: mark.lossA, lossB: mark.lossB,
      rebuilt: unquantise(rebuilt!.data.subarray(i * size, (i + 1) * size)),
      converted: unquantise(converted!.data.subarray(i * size, (i + 1) * size)),
    })),
    scores: (m.scores ?? null) as VoiceScores | null,
    training: (typeof m.training === 'object' && m.training !== null ? m.training : {}) as Record<string, unknown>,
    normalisation: null,
  };
  if (statTensors.size > 0) {
    const stat = (side: string, part: string) => statTensors.get(`normalisation/${side}/${part}`) ?? fail(`its normalisation of voice ${side.toUpperCase()} has no ${part}`);
    checkpoint.normalisation = { a: { mean: stat('a', 'mean'), std: stat('a', 'std') }, b: { mean: stat('b', 'mean'), std: stat('b', 'std') } };
  }
  const problem = voiceCheckpointProblem(checkpoint);
  if (problem) fail(problem);
  return checkpoint;
}
