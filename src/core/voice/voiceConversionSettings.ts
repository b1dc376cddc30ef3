/**
 * Every knob of the voice-conversion model, its default and its allowed range.
 *
 * The model is the face-swap trick on sound: one encoder shared by two voices, one decoder per
 * voice, on log-magnitude spectrogram frames. The code between them is narrow (the AutoVC idea,
 * Qian et al. 2019): too narrow to carry who is speaking as well as what is said, and since each
 * decoder only ever rebuilds its own voice, it needs only what is said. Converting is A's frames
 * through B's decoder. `encoder: 'separate'` gives each voice its own encoder, the comparison in
 * which conversion fails.
 */
import { SettingsProblems, throwIfProblems } from '../shared/settingsProblems';
import { TOY_VOICE_IDS } from './toyVoices';

export const VOICE_ENCODER_MODES = ['shared', 'separate'] as const;
export type VoiceEncoderMode = (typeof VOICE_ENCODER_MODES)[number];

export const FRAME_SIZES = [256, 512, 1024] as const;

/**
 * How log-magnitudes are normalised per bin: by the mean and spread of both voices' frames
 * pooled, or of each voice's own (the classic mean-variance normalisation of voice conversion:
 * a voice's average spectrum comes off its input and the target voice's goes onto the output).
 */
export const NORMALISATIONS = ['pooled', 'perVoice'] as const;
export type Normalisation = (typeof NORMALISATIONS)[number];

export interface VoiceConversionSettings {
  /** The voice converted from, and the voice converted to (ids from toyVoices.ts). */
  voiceA: string;
  voiceB: string;
  /** STFT frame in samples at 16 kHz (hop a quarter of it); 512 (32 ms) resolves a low voice's harmonics. */
  frameSize: number;
  /** Frames the encoder sees at once, centred on the one rebuilt (odd). */
  contextFrames: number;
  /** Units of each of the two hidden layers in the encoder and in each decoder. */
  hiddenSize: number;
  /** Numbers in the code between encoder and decoder: the bottleneck. */
  codeSize: number;
  encoder: VoiceEncoderMode;
  normalisation: Normalisation;
  /**
   * Random frequency warp of the encoder's input (the voice lab's random warp): each training
   * frame's spectrum is stretched or squeezed along the frequency axis by a factor up to
   * 1 + warp either way, as a longer or shorter vocal tract would; the target is not warped.
   * 0 = no warp.
   */
  warp: number;
  /** Frames per voice per step. */
  batchSize: number;
  /** Adam. */
  learningRate: number;
  /** Utterances synthesised per voice for training (each about a second). */
  utterancesPerVoice: number;
  seed: number;
}

export const VOICE_LIMITS = {
  contextFrames: { min: 1, max: 9 },
  hiddenSize: { min: 4, max: 512 },
  codeSize: { min: 1, max: 256 },
  batchSize: { min: 1, max: 512 },
  warp: { min: 0, max: 0.5 },
  learningRate: { min: 1e-5, max: 0.05 },
  utterancesPerVoice: { min: 1, max: 1000 },
  seed: { min: 0, max: 2 ** 31 - 1 },
} as const;

export const DEFAULT_VOICE_CONVERSION_SETTINGS: VoiceConversionSettings = {
  voiceA: 'juno',
  voiceB: 'orbo',
  frameSize: 512,
  contextFrames: 3,
  hiddenSize: 96,
  codeSize: 6,
  encoder: 'shared',
  normalisation: 'perVoice',
  warp: 0,
  batchSize: 64,
  learningRate: 2e-3,
  utterancesPerVoice: 48,
  seed: 1,
};

/** Problems with a settings object, each naming the field; empty when valid. */
export function voiceConversionSettingsProblems(s: VoiceConversionSettings): string[] {
  const p = new SettingsProblems();
  for (const [name, id] of [['voiceA', s.voiceA], ['voiceB', s.voiceB]] as const) {
    if (!TOY_VOICE_IDS.includes(id)) p.add(`${name} must be one of ${TOY_VOICE_IDS.join(', ')}`);
  }
  if (s.voiceA === s.voiceB) p.add('voiceA and voiceB must be different voices');
  if (!(FRAME_SIZES as readonly number[]).includes(s.frameSize)) p.add(`frameSize must be one of ${FRAME_SIZES.join(', ')}`);
  p.number('contextFrames', s.contextFrames, VOICE_LIMITS.contextFrames, true);
  if (Number.isInteger(s.contextFrames) && s.contextFrames % 2 === 0) p.add('contextFrames must be odd (the rebuilt frame sits in the middle)');
  p.number('hiddenSize', s.hiddenSize, VOICE_LIMITS.hiddenSize, true);
  p.number('codeSize', s.codeSize, VOICE_LIMITS.codeSize, true);
  p.oneOf('encoder', s.encoder, VOICE_ENCODER_MODES);
  p.oneOf('normalisation', s.normalisation, NORMALISATIONS);
  p.number('warp', s.warp, VOICE_LIMITS.warp);
  p.number('batchSize', s.batchSize, VOICE_LIMITS.batchSize, true);
  p.number('learningRate', s.learningRate, VOICE_LIMITS.learningRate);
  p.number('utterancesPerVoice', s.utterancesPerVoice, VOICE_LIMITS.utterancesPerVoice, true);
  p.number('seed', s.seed, VOICE_LIMITS.seed, true);
  return p.list;
}

export function checkVoiceConversionSettings(s: VoiceConversionSettings): void {
  throwIfProblems('voice-conversion settings', voiceConversionSettingsProblems(s));
}
