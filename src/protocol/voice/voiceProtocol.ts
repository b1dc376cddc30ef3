/**
 * What the voice lab's worker and its page say to each other. Spectrograms travel as
 * frame-major log-magnitudes (Float32Array, ln(|X| + floor), frames × bins), sound as
 * Float32Array samples at 16 kHz, a few times per second.
 */
import type { VoiceConversionSettings } from '../../core/voice/voiceConversionSettings';
import type { VoiceScores, VoiceSnapshot } from '../../core/voice/voiceCheckpoint';
import type { PuppetVoice } from '../../core/voice/voicePreview';
import type { FrameBase, TrainingSessionApi, WorkerInfo } from '../shared/sessionProtocol';
import type { VoiceSecurityApi } from './voiceSecurityProtocol';

export type { VoiceConversionSettings, VoiceScores, VoiceSnapshot, PuppetVoice };

/** One point of the charts: each decoder's reconstruction loss at that step. */
export interface VoiceMetricPoint {
  step: number;
  /** Mean squared error of the normalised log-magnitudes A's (B's) decoder rebuilds. */
  lossA: number;
  lossB: number;
}

/** The shape every spectrogram of a frame shares. */
export interface SpectrogramShape {
  frameSize: number;
  hop: number;
  sampleRate: number;
  frames: number;
  bins: number;
  /** Samples of the sound they come from. */
  length: number;
}

/** The preview: A's fixed utterance, B saying the same, and the model's rebuild of A and conversion of A into B. */
export interface VoicePreview extends SpectrogramShape {
  realA: Float32Array;
  realB: Float32Array;
  rebuiltA: Float32Array;
  convertedAB: Float32Array;
  /** Pitch measured from each picture, Hz per frame (0 where too quiet). */
  pitch: Record<PreviewPicture, Float32Array>;
  /** The synthesiser's formants per frame (F1 of every frame, then F2, then F3): A's, and B's for the same words. */
  formantsA: Float32Array;
  formantsB: Float32Array;
  /** Milliseconds the worker took to rebuild and convert the preview this frame. */
  convertMs: number;
}

export const PREVIEW_PICTURES = ['realA', 'realB', 'rebuiltA', 'convertedAB'] as const;
export type PreviewPicture = (typeof PREVIEW_PICTURES)[number];

export interface VoiceFrame extends FrameBase<VoiceMetricPoint> {
  preview: VoicePreview;
}

/** What `configure` answers after loading a pretrained model or a model file saved by the lab. */
export interface VoiceStartInfo {
  /** A pretrained model's id, or 'file'. */
  id: string;
  description: string;
  steps: number;
  seconds: number;
  /** The judges' verdicts at the end of its training (null for a file saved by the lab). */
  scores: VoiceScores | null;
  /** The preview from step 0 to `steps`. */
  timeline: VoiceSnapshot[];
  /** Milliseconds the worker took to have the model ready to convert: fetch a shipped file (or read one's own), decode it, build the networks, load the weights and synthesise the preview's real utterances. */
  loadMs: number;
}

/** Puppet mode: A holding one vowel with the sliders' pitch and breathiness, and B's decoder saying it. */
export interface PuppetSpeech extends SpectrogramShape {
  source: Float32Array;
  converted: Float32Array;
  /** The sound of each: A's as synthesised, B's by Griffin–Lim from the converted spectrogram. */
  sourceSound: Float32Array;
  convertedSound: Float32Array;
  pitch: { source: Float32Array; converted: Float32Array };
  /** A's formants, and B's for the same vowel (where B's own would be), as in VoicePreview. */
  formantsA: Float32Array;
  formantsB: Float32Array;
}

/**
 * The voice lab's worker. `configure` starts a fresh model from the seed (answers null), a
 * shipped pretrained model by id or a model file `saveModel` wrote (answers its timeline and
 * figures). With a pretrained model or a file, the shape-deciding settings must be kept;
 * otherwise the call rejects with the reason and the current model stays as it was.
 */
export interface VoiceWorkerApi extends TrainingSessionApi<VoiceConversionSettings, VoiceFrame, WorkerInfo, VoiceStartInfo>, VoiceSecurityApi {
  /** The real preview utterances' sound: A's, or B saying the same. */
  realSound(which: 'realA' | 'realB'): Promise<Float32Array>;
  /** Sound for a spectrogram with no phase of its own (rebuilt, converted, a timeline snapshot): fast Griffin–Lim. */
  resynthesise(logMagnitude: Float32Array, length: number): Promise<Float32Array>;
  /**
   * Sound for the converted preview (live or a timeline snapshot): with `keepMelody`, A's melody
   * moved into B's pitch range under the converted spectral envelope (the network gives the
   * timbre); without, the decoder's own output by fast Griffin–Lim, as `resynthesise`.
   */
  convertedSound(logMagnitude: Float32Array, length: number, keepMelody: boolean): Promise<Float32Array>;
  puppet(voice: PuppetVoice): Promise<PuppetSpeech>;
}
