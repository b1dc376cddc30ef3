import { beforeAll, describe, expect, it } from 'vitest';
import * as tf from '../../../src/core/shared/tf';
import '@tensorflow/tfjs-backend-wasm';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { VoiceConversionTrainer, normalisationOf, voiceParamSpecs, voiceTrainingData, warpFrame } from '../../../src/core/voice/voiceConversion';
import { captureVoiceWeights, decodeVoiceCheckpoint, encodeVoiceCheckpoint } from '../../../src/core/voice/voiceCheckpoint';
import { PRETRAINED_VOICE_MODELS } from '../../../src/core/voice/pretrainedVoices';
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

  for (const normalisation of ['perVoice', 'pooled'] as const) {
    it(`given its normalisation (${normalisation}), converts at once as a model built from its utterances does, and trains the same steps`, () => {
      const s = tiny({ normalisation, warp: 0.1 });
      const built = new VoiceConversionTrainer(s);
      const given = new VoiceConversionTrainer(s, undefined, built.stats);
      const lm = voiceTrainingData({ ...s, utterancesPerVoice: 1, seed: 9 }).a[0].logMagnitude;
      expect(given.convert(lm, 'a', 'b')).toEqual(built.convert(lm, 'a', 'b'));
      // The utterances it synthesises when it first trains are the ones the settings describe.
      for (let i = 0; i < 3; i++) expect(given.step()).toEqual(built.step());
      expect(given.convert(lm, 'a', 'b')).toEqual(built.convert(lm, 'a', 'b'));
      built.dispose();
      given.dispose();
    });
  }

  it('given its normalisation, synthesises its utterances in the background, one a turn, and trains the same steps as one built with them', async () => {
    const s = tiny();
    const built = new VoiceConversionTrainer(s);
    const given = new VoiceConversionTrainer(s, undefined, built.stats);
    expect(given.hasTrainingData).toBe(false);
    let turns = 0;
    await given.prepareTrainingData(async () => { turns++; });
    expect(turns).toBe(2 * s.utterancesPerVoice);
    expect(given.hasTrainingData).toBe(true);
    for (let i = 0; i < 3; i++) expect(given.step()).toEqual(built.step());
    // Already prepared (or built with its utterances): nothing more to do.
    await given.prepareTrainingData(async () => { turns++; });
    expect(turns).toBe(2 * s.utterancesPerVoice);
    built.dispose();
    given.dispose();
  });

  it('refuses a normalisation of the wrong number of bins, and a model file whose normalisation does not fit', () => {
    const s = tiny();
    const stats = normalisationOf(s, voiceTrainingData(s));
    const short = { mean: stats.a.mean.subarray(1), std: stats.a.std.subarray(1) };
    expect(() => new VoiceConversionTrainer(s, undefined, { a: short, b: stats.b })).toThrow(/Voice A's normalisation has 128 bins; frames of 256 have 129/);
    const trainer = new VoiceConversionTrainer(s, undefined, stats);
    const file = { settings: s, steps: 0, seconds: 0, description: '', weights: captureVoiceWeights(trainer), timeline: [], scores: null, training: {} };
    const kept = decodeVoiceCheckpoint(encodeVoiceCheckpoint({ ...file, normalisation: stats }, 'float32'));
    expect(kept.normalisation!.b.std).toEqual(stats.b.std);
    const zeroSpread = { a: stats.a, b: { mean: stats.b.mean, std: new Float32Array(129) } };
    expect(() => encodeVoiceCheckpoint({ ...file, normalisation: zeroSpread })).toThrow(/normalisation of voice B holds values that are not finite \(or spreads that are not above 0\)/);
    // A file written before models carried their normalisation still loads, without one.
    expect(decodeVoiceCheckpoint(encodeVoiceCheckpoint(file)).normalisation).toBeNull();
    trainer.dispose();
  });

  it('ships models whose stored normalisation is the one their settings\' utterances give', () => {
    // The models share their utterances (they differ in the encoder): synthesise each set once.
    const utterances = new Map<string, ReturnType<typeof voiceTrainingData>>();
    for (const model of PRETRAINED_VOICE_MODELS) {
      const shipped = decodeVoiceCheckpoint(readFileSync(resolve(import.meta.dirname, '../../../models', model.file)));
      expect(shipped.normalisation, model.file).not.toBeNull();
      const { voiceA, voiceB, seed, utterancesPerVoice, frameSize } = shipped.settings;
      const key = JSON.stringify([voiceA, voiceB, seed, utterancesPerVoice, frameSize]);
      if (!utterances.has(key)) utterances.set(key, voiceTrainingData(shipped.settings));
      const again = normalisationOf(shipped.settings, utterances.get(key)!);
      for (const side of ['a', 'b'] as const) {
        expect(shipped.normalisation![side].mean, model.file).toEqual(again[side].mean);
        expect(shipped.normalisation![side].std, model.file).toEqual(again[side].std);
      }
    }
  });

  it('refuses log-magnitudes that are not whole frames', () => {
    const trainer = new VoiceConversionTrainer(tiny());
    expect(() => trainer.convert(new Float32Array(130), 'a', 'b')).toThrow(/130 log-magnitudes are not whole frames of 129 bins/);
    trainer.dispose();
  });
});
