import { beforeAll, describe, expect, it } from 'vitest';
import * as tf from '../../../src/core/shared/tf';
import '@tensorflow/tfjs-backend-wasm';
import { VoiceConversionTrainer, voiceParamSpecs, voiceTrainingData, warpFrame } from '../../../src/core/voice/voiceConversion';
import {
  DEFAULT_VOICE_CONVERSION_SETTINGS, checkVoiceConversionSettings, voiceConversionSettingsProblems, type VoiceConversionSettings,
} from '../../../src/core/voice/voiceConversionSettings';
import { countParams } from '../../../src/core/shared/namedParams';

beforeAll(async () => {
  tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', false);
  expect(await tf.setBackend('wasm')).toBe(true);
});

/** Small and quick: 16 ms frames, narrow networks, a few utterances. */
const tiny = (change: Partial<VoiceConversionSettings> = {}): VoiceConversionSettings => ({
  ...DEFAULT_VOICE_CONVERSION_SETTINGS, frameSize: 256, hiddenSize: 16, codeSize: 4, batchSize: 16, utterancesPerVoice: 3, seed: 3, ...change,
});

describe('voice-conversion settings', () => {
  it('accepts the defaults and names every bad field', () => {
    expect(voiceConversionSettingsProblems(DEFAULT_VOICE_CONVERSION_SETTINGS)).toEqual([]);
    const bad = voiceConversionSettingsProblems({
      ...DEFAULT_VOICE_CONVERSION_SETTINGS, voiceA: 'nobody', frameSize: 300, contextFrames: 4, codeSize: 0, encoder: 'both' as never,
      normalisation: 'none' as never, warp: 2, learningRate: Number.NaN, batchSize: 1.5,
    });
    expect(bad).toEqual([
      'voiceA must be one of juno, orbo, mags, tilly',
      'frameSize must be one of 256, 512, 1024',
      'contextFrames must be odd (the rebuilt frame sits in the middle)',
      'codeSize must be between 1 and 256',
      'encoder must be one of shared, separate',
      'normalisation must be one of pooled, perVoice',
      'warp must be between 0 and 0.5',
      'batchSize must be a whole number',
      'learningRate must be a number',
    ]);
    expect(voiceConversionSettingsProblems({ ...DEFAULT_VOICE_CONVERSION_SETTINGS, voiceB: 'juno' })).toEqual(['voiceA and voiceB must be different voices']);
    expect(() => checkVoiceConversionSettings({ ...DEFAULT_VOICE_CONVERSION_SETTINGS, hiddenSize: 1 })).toThrow('Invalid voice-conversion settings: hiddenSize must be between 4 and 512');
    expect(() => new VoiceConversionTrainer({ ...tiny(), seed: -1 })).toThrow(/seed must be between/);
    const data = voiceTrainingData({ ...tiny(), utterancesPerVoice: 1 });
    expect(() => new VoiceConversionTrainer({ ...tiny(), voiceB: 'mags' }, data)).toThrow(/Voice B is mags, but a training utterance for it is spoken by orbo/);
    expect(() => new VoiceConversionTrainer({ ...tiny(), frameSize: 512 }, data)).toThrow(/has 129 bins; frames of 512 have 257/);
    expect(() => new VoiceConversionTrainer(tiny(), { a: [], b: data.b })).toThrow(/Voice A has no training utterances/);
  });
});

describe('frequency warp', () => {
  it('leaves a frame alone at factor 1 and moves a peak up by the factor', () => {
    const frame = Float32Array.from({ length: 129 }, (_, k) => -((k - 20) ** 2) / 10);
    const out = new Float32Array(129);
    warpFrame(frame, 1, out);
    expect(out).toEqual(frame);
    warpFrame(frame, 1.5, out);
    expect(out.indexOf(Math.max(...out))).toBe(30);
    warpFrame(frame, 0.5, out);
    expect(out.indexOf(Math.max(...out))).toBe(10);
  });
});

describe('voice-conversion trainer', () => {
  it('builds one shared encoder and two decoders, or an encoder per voice, of the documented sizes', () => {
    const s = tiny();
    const data = voiceTrainingData(s);
    const shared = new VoiceConversionTrainer(s, data);
    const separate = new VoiceConversionTrainer({ ...s, encoder: 'separate' }, data);
    expect([...shared.nets.keys()]).toEqual(['encoder', 'decoderA', 'decoderB']);
    expect([...separate.nets.keys()]).toEqual(['encoderA', 'encoderB', 'decoderA', 'decoderB']);
    // 3 frames × 129 bins → 16 → 16 → 4, and 4 → 16 → 16 → 129.
    expect(countParams(voiceParamSpecs('encoder', s))).toBe(387 * 16 + 16 + 16 * 16 + 16 + 16 * 4 + 4);
    expect(countParams(voiceParamSpecs('decoderB', s))).toBe(4 * 16 + 16 + 16 * 16 + 16 + 16 * 129 + 129);
    shared.dispose();
    separate.dispose();
  });

  for (const encoder of ['shared', 'separate'] as const) {
    it(`leaks no tensors over steps, conversion and codes (${encoder} encoder${encoder === 'shared' ? ', frequency warp, per-voice normalisation' : ', pooled normalisation'})`, () => {
      const s = tiny(encoder === 'shared' ? { encoder, warp: 0.2, normalisation: 'perVoice' } : { encoder, normalisation: 'pooled' });
      const before = tf.memory().numTensors;
      const trainer = new VoiceConversionTrainer(s);
      // Adam creates its moment slots on the first update: count from after it.
      trainer.step();
      const after = tf.memory().numTensors;
      for (let i = 0; i < 4; i++) trainer.step();
      const lm = voiceTrainingData({ ...s, utterancesPerVoice: 1, seed: 9 }).a[0].logMagnitude;
      const converted = trainer.convert(lm, 'a', 'b');
      trainer.codes(lm, 'a');
      expect(tf.memory().numTensors).toBe(after);
      expect(converted.length).toBe(lm.length);
      expect(converted.every(Number.isFinite)).toBe(true);
      trainer.dispose();
      expect(tf.memory().numTensors).toBe(before);
      expect(() => trainer.step()).toThrow(/disposed/);
    });
  }

  it('refuses log-magnitudes that are not whole frames', () => {
    const trainer = new VoiceConversionTrainer(tiny());
    expect(() => trainer.convert(new Float32Array(130), 'a', 'b')).toThrow(/130 log-magnitudes are not whole frames of 129 bins/);
    trainer.dispose();
  });
});
