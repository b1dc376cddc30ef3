import { beforeAll, describe, expect, it } from 'vitest';
import * as tf from '../../../src/core/shared/tf';
import '@tensorflow/tfjs-backend-wasm';
import { Stft } from '../../../src/core/voice/stft';
import { framedUtterances } from '../../../src/core/voice/voiceFrames';
import { VoiceConversionTrainer, voiceTrainingData } from '../../../src/core/voice/voiceConversion';
import { DEFAULT_VOICE_CONVERSION_SETTINGS, type VoiceConversionSettings } from '../../../src/core/voice/voiceConversionSettings';
import { judgeUtterances, trainVoiceJudges } from '../../../src/core/voice/voiceJudges';

beforeAll(async () => {
  tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', false);
  expect(await tf.setBackend('wasm')).toBe(true);
});

/**
 * A short training (120 steps of a narrow model) already shows the lesson; the bench
 * (tests/bench/voiceConversion.ts) measures the lab's default model on more utterances.
 */
const STEPS = 120;
const small: VoiceConversionSettings = { ...DEFAULT_VOICE_CONVERSION_SETTINGS, hiddenSize: 32, codeSize: 6, batchSize: 32, utterancesPerVoice: 8, learningRate: 3e-3, seed: 2 };

describe('voice conversion, Juno → Orbo', () => {
  const stft = new Stft(small.frameSize);
  const judges = trainVoiceJudges(['juno', 'orbo'], [framedUtterances('juno', 6, 100, stft), framedUtterances('orbo', 6, 101, stft)], small.frameSize, { epochs: 150, learningRate: 0.5, l2: 1e-3 });
  const heldOut = framedUtterances('juno', 5, 200, stft);
  const data = voiceTrainingData(small);

  const train = (settings: VoiceConversionSettings) => {
    const trainer = new VoiceConversionTrainer(settings, data);
    const losses = Array.from({ length: STEPS }, () => trainer.step());
    const verdict = judgeUtterances(judges, heldOut.map((u) => trainer.convert(u.logMagnitude, 'a', 'b')), heldOut, 'orbo');
    trainer.dispose();
    return { losses, verdict };
  };

  it('with a shared encoder: losses fall, and held-out conversions sound like Orbo saying Juno\'s vowels', () => {
    const { losses, verdict } = train(small);
    const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
    for (const side of ['lossA', 'lossB'] as const) {
      expect(mean(losses.slice(-10).map((l) => l[side])), side).toBeLessThan(0.6 * mean(losses.slice(0, 5).map((l) => l[side])));
    }
    expect(verdict.calledVoice).toBe(1);
    expect(verdict.vowelsRead).toBeGreaterThan(0.9);
  });

  it('with separate encoders (the ablation): the vowels are lost', () => {
    const { verdict } = train({ ...small, encoder: 'separate' });
    expect(verdict.vowelsRead).toBeLessThan(0.75);
  });
});
