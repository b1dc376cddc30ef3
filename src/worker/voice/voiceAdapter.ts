/**
 * The voice lab on the generic TrainingSession: a VoiceConversionTrainer with the preview
 * utterances (voicePreview.ts) rebuilt and converted a few times per second. Builds from the
 * seed, a shipped pretrained model or a model file the lab saved (voiceCheckpoint.ts). Also the
 * lab's own calls: the real preview's sound, Griffin–Lim for a spectrogram, and the puppet.
 */
import { Stft } from '../../core/voice/stft';
import { VoiceConversionTrainer } from '../../core/voice/voiceConversion';
import { voiceConversionSettingsProblems, type VoiceConversionSettings } from '../../core/voice/voiceConversionSettings';
import {
  captureVoiceWeights, decodeVoiceCheckpoint, encodeVoiceCheckpoint, loadVoiceWeights, voiceCheckpointMismatch, type VoiceCheckpoint,
} from '../../core/voice/voiceCheckpoint';
import {
  formantTracks, measuredPitch, modelPictures, previewUtterances, puppetUtterance, soundOf, voicePitchRange, withSourceMelody, type PuppetVoice,
  type ShownUtterance,
} from '../../core/voice/voicePreview';
import type { LogPitchStats } from '../../core/voice/pitchTracker';
import { voiceOrThrow } from '../../core/voice/toyVoices';
import { SAMPLE_RATE } from '../../core/voice/voiceSynth';
import type { StartRequest } from '../../protocol/shared/sessionProtocol';
import type { PuppetSpeech, VoiceFrame, VoiceMetricPoint, VoicePreview, VoiceStartInfo } from '../../protocol/voice/voiceProtocol';
import type { BuiltModel, SessionAdapter } from '../shared/sessionAdapter';
import { TrainingSession } from '../shared/trainingSession';
import type { SessionClock } from '../shared/sessionClock';
import { VoiceSecurity, type SecuritySizes } from './voiceSecurity';

/** Speed n trains 3n steps per second; four frames a second. */
const PACING = { stepsPerSecondPerSpeed: 3, frameIntervalMs: 250, sliceMs: 30 };

/** Where the shipped models come from: the worker fetches them, Node tests read them from disk. */
export interface VoiceFiles {
  pretrained(id: string): Promise<VoiceCheckpoint>;
}

export interface VoiceModel {
  trainer: VoiceConversionTrainer;
  stft: Stft;
  preview: { a: ShownUtterance; b: ShownUtterance };
  /** Pitch measured from the real preview pictures (they never change). */
  realPitch: { a: Float32Array; b: Float32Array };
  latest: VoiceMetricPoint | null;
  /** Each voice's pitch range, measured on first use (keeping A's melody in the clone needs them). */
  pitchRanges: { a: LogPitchStats; b: LogPitchStats } | null;
}

export interface VoiceSessionTypes {
  settings: VoiceConversionSettings;
  model: VoiceModel;
  metric: VoiceMetricPoint;
  frame: VoiceFrame;
  startInfo: VoiceStartInfo;
  stepKind: undefined;
}

export type VoiceTrainingSession = TrainingSession<VoiceSessionTypes>;

/** The preview as a frame carries it: the real pictures, the model's two, and the tracks drawn over them. */
export function previewOf(model: VoiceModel): VoicePreview {
  const { trainer, stft, preview, realPitch } = model;
  const started = performance.now();
  const { rebuilt, converted } = modelPictures(trainer, preview.a);
  const convertMs = performance.now() - started;
  const frameSize = trainer.settings.frameSize;
  return {
    frameSize, hop: stft.hop, sampleRate: SAMPLE_RATE, frames: stft.frameCount(preview.a.utterance.samples.length), bins: trainer.bins,
    length: preview.a.utterance.samples.length,
    realA: preview.a.logMagnitude.slice(), realB: preview.b.logMagnitude.slice(), rebuiltA: rebuilt, convertedAB: converted,
    pitch: { realA: realPitch.a.slice(), realB: realPitch.b.slice(), rebuiltA: measuredPitch(rebuilt, frameSize), convertedAB: measuredPitch(converted, frameSize) },
    formantsA: preview.a.formants.slice(), formantsB: preview.b.formants.slice(),
    convertMs,
  };
}

export class VoiceAdapter implements SessionAdapter<VoiceSessionTypes> {
  readonly pacing = PACING;

  constructor(private readonly files: VoiceFiles) {}

  private async checkpointOf(start: StartRequest): Promise<{ checkpoint: VoiceCheckpoint; id: string; what: string } | null> {
    if (start.kind === 'scratch') return null;
    if (start.kind === 'file') return { checkpoint: decodeVoiceCheckpoint(start.bytes), id: 'file', what: `The model file "${start.name}"` };
    return { checkpoint: await this.files.pretrained(start.id), id: start.id, what: `The pretrained model "${start.id}"` };
  }

  async build(settings: VoiceConversionSettings | null, start: StartRequest, loading: (message: string) => void): Promise<BuiltModel<VoiceSessionTypes>> {
    const started = performance.now();
    const source = await this.checkpointOf(start);
    const checkpoint = source?.checkpoint ?? null;
    const chosen = settings ?? checkpoint?.settings;
    if (!chosen) throw new Error('Settings are needed to start a model from scratch.');
    const problems = voiceConversionSettingsProblems(chosen);
    if (problems.length > 0) throw new Error(`The settings are not valid: ${problems.join('; ')}.`);
    const mismatch = checkpoint ? voiceCheckpointMismatch(checkpoint, chosen) : null;
    if (source && mismatch) throw new Error(`${source.what} does not fit these settings: ${mismatch}`);
    // A saved model carries its normalisation, and synthesises its training utterances when it first trains.
    const normalisation = checkpoint?.normalisation ?? undefined;
    loading(normalisation ? 'Building the model…' : 'Synthesising the two voices\' training utterances…');
    const trainer = new VoiceConversionTrainer({ ...chosen }, undefined, normalisation);
    if (checkpoint) {
      try {
        loadVoiceWeights(trainer, checkpoint.weights);
      } catch (error) {
        trainer.dispose();
        throw error;
      }
      trainer.steps = checkpoint.steps;
    }
    // Its training utterances come in the background, a turn each, so a first Play need not wait for them
    // (should that fail, the first step synthesises them itself and says why).
    if (normalisation) void trainer.prepareTrainingData(() => new Promise((resolve) => setTimeout(resolve, 0))).catch(() => {});
    const stft = new Stft(chosen.frameSize);
    const preview = previewUtterances(chosen.voiceA, chosen.voiceB, stft);
    return {
      model: {
        trainer, stft, preview, latest: null, pitchRanges: null,
        realPitch: { a: measuredPitch(preview.a.logMagnitude, chosen.frameSize), b: measuredPitch(preview.b.logMagnitude, chosen.frameSize) },
      },
      settings: { ...chosen },
      start: source && {
        id: source.id, description: checkpoint!.description, steps: checkpoint!.steps, seconds: checkpoint!.seconds,
        scores: checkpoint!.scores, timeline: checkpoint!.timeline, loadMs: performance.now() - started,
      },
      trainedSeconds: checkpoint?.seconds ?? 0,
    };
  }

  steps(model: VoiceModel): number {
    return model.trainer.steps;
  }

  trainStep(model: VoiceModel): void {
    const losses = model.trainer.step();
    model.latest = { step: model.trainer.steps, ...losses };
  }

  observe(model: VoiceModel, { record }: { record: boolean; scoreDue: boolean }) {
    const { latest } = model;
    if (latest && !(Number.isFinite(latest.lossA) && Number.isFinite(latest.lossB))) return { nonFinite: 'the reconstruction loss' };
    const preview = previewOf(model);
    if (!preview.convertedAB.every(Number.isFinite) || !preview.rebuiltA.every(Number.isFinite)) return { nonFinite: 'the spectrograms' };
    return { nonFinite: null, fields: { preview }, metric: record && latest ? { ...latest } : null, scored: false };
  }

  capture({ trainer }: VoiceModel) {
    const weights = captureVoiceWeights(trainer);
    const steps = trainer.steps;
    return {
      steps,
      restore: (model: VoiceModel) => {
        loadVoiceWeights(model.trainer, weights);
        model.trainer.steps = steps;
        model.latest = null;
      },
      dispose: () => {},
    };
  }

  divergenceAdvice({ trainer }: VoiceModel): string {
    return `The learning rate (${trainer.settings.learningRate}) is probably too high for these settings: lower it and press Apply & reset.`;
  }

  /** The model as a file: settings, float16 weights and steps (no judges run in the page, so no scores). */
  save({ trainer }: VoiceModel, trainedSeconds: number): Uint8Array {
    return encodeVoiceCheckpoint({
      settings: { ...trainer.settings }, steps: trainer.steps, seconds: trainedSeconds,
      description: `A voice-conversion model saved from the voice lab after ${trainer.steps.toLocaleString('en-US')} steps.`,
      weights: captureVoiceWeights(trainer), timeline: [], scores: null, normalisation: trainer.stats,
      training: { trainedBy: 'the voice lab in the browser', storage: 'float16 weights' },
    });
  }

  dispose(model: VoiceModel): void {
    model.trainer.dispose();
  }
}

function checkPlayable(logMagnitude: Float32Array, length: number, stft: Stft): void {
  if (!(logMagnitude instanceof Float32Array)) throw new Error('A spectrogram to play must be a Float32Array of log-magnitudes.');
  if (!(Number.isInteger(length) && length > 0 && length <= 10 * SAMPLE_RATE)) throw new Error(`A sound to rebuild lasts from 1 sample to 10 seconds, not ${length} samples.`);
  if (logMagnitude.length !== stft.frameCount(length) * stft.bins) throw new Error(`${logMagnitude.length} log-magnitudes do not fit ${length} samples (${stft.frameCount(length)} frames of ${stft.bins} bins).`);
  if (!logMagnitude.every(Number.isFinite)) throw new Error('The spectrogram to play holds values that are not finite numbers.');
}

/** The voice lab in the worker: the session plus the calls only this lab has. Node tests drive it directly. */
export class VoiceLab {
  readonly session: VoiceTrainingSession;
  /** The voice lock, the clone detector and the quiz, using the conversion model being trained to make clones. */
  readonly security: VoiceSecurity;

  constructor(files: VoiceFiles, clock?: SessionClock, security?: { yieldNow?: () => Promise<void>; sizes?: SecuritySizes }) {
    this.session = new TrainingSession(new VoiceAdapter(files), clock);
    this.security = new VoiceSecurity(() => {
      const { trainer } = this.session.requireModel();
      const s = trainer.settings;
      return { voiceA: s.voiceA, voiceB: s.voiceB, frameSize: s.frameSize, steps: trainer.steps, model: trainer, convert: (lm, from, to) => trainer.convert(lm, from, to) };
    }, security?.yieldNow, security?.sizes);
  }

  dispose(): void {
    this.security.dispose();
    this.session.dispose();
  }

  realSound(which: 'realA' | 'realB'): Float32Array {
    if (which !== 'realA' && which !== 'realB') throw new Error(`Only the real preview utterances have recorded sound ("realA" or "realB"), not "${String(which)}".`);
    const { preview } = this.session.requireModel();
    return (which === 'realA' ? preview.a : preview.b).utterance.samples.slice();
  }

  resynthesise(logMagnitude: Float32Array, length: number): Float32Array {
    const { stft } = this.session.requireModel();
    checkPlayable(logMagnitude, length, stft);
    return soundOf(logMagnitude, length, stft);
  }

  /**
   * The sound of a conversion of the preview (live or from the timeline). With `keepMelody`, A's
   * melody moved into B's range under the converted envelope (withSourceMelody); without, the
   * decoder's own output through Griffin–Lim, as `resynthesise`.
   */
  convertedSound(logMagnitude: Float32Array, length: number, keepMelody: boolean): Float32Array {
    const model = this.session.requireModel();
    const { stft, preview, trainer } = model;
    if (typeof keepMelody !== 'boolean') throw new Error(`Whether to keep the source's melody must be true or false, not ${String(keepMelody)}.`);
    checkPlayable(logMagnitude, length, stft);
    if (!keepMelody) return soundOf(logMagnitude, length, stft);
    const source = preview.a.utterance;
    if (length !== source.samples.length) throw new Error(`Only a conversion of the preview (${source.samples.length} samples) can keep its source's melody, not one of ${length} samples.`);
    const s = trainer.settings;
    model.pitchRanges ??= { a: voicePitchRange(s.voiceA, stft), b: voicePitchRange(s.voiceB, stft) };
    const melodic = withSourceMelody(logMagnitude, source, s.voiceB, { from: model.pitchRanges.a, to: model.pitchRanges.b }, stft);
    return soundOf(melodic, length, stft);
  }

  puppet(voice: PuppetVoice): PuppetSpeech {
    const { trainer, stft } = this.session.requireModel();
    const s = trainer.settings;
    const source = puppetUtterance(s.voiceA, voice, stft);
    const converted = trainer.convert(source.logMagnitude, 'a', 'b');
    const length = source.utterance.samples.length;
    return {
      frameSize: s.frameSize, hop: stft.hop, sampleRate: SAMPLE_RATE, frames: stft.frameCount(length), bins: trainer.bins, length,
      source: source.logMagnitude, converted,
      sourceSound: source.utterance.samples, convertedSound: soundOf(converted, length, stft),
      pitch: { source: measuredPitch(source.logMagnitude, s.frameSize), converted: measuredPitch(converted, s.frameSize) },
      formantsA: source.formants, formantsB: formantTracks(voiceOrThrow(s.voiceB), source.utterance, stft),
    };
  }
}
