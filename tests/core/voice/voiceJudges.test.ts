import { describe, expect, it } from 'vitest';
import { CepstralPitch, SoftmaxRegression, judgeUtterances, resynthesised, trainVoiceJudges } from '../../../src/core/voice/voiceJudges';
import { binStats, framedUtterances } from '../../../src/core/voice/voiceFrames';
import { Stft, logMagnitudes } from '../../../src/core/voice/stft';
import { steadyVowel } from '../../../src/core/voice/voiceSynth';
import { voiceOrThrow } from '../../../src/core/voice/toyVoices';
import { SeededRandom } from '../../../src/core/shared/seededRandom';

describe('softmax regression', () => {
  it('separates three Gaussian clusters on held-out points', () => {
    const rng = new SeededRandom(1);
    const centres = [[0, 0, 0], [2, 0, 1], [0, 2, -1]];
    const sample = (n: number) => {
      const x: Float32Array[] = [];
      const y: number[] = [];
      for (let i = 0; i < n; i++) {
        const c = i % 3;
        x.push(Float32Array.from(centres[c], (m) => m + 0.5 * rng.normal()));
        y.push(c);
      }
      return { x, y };
    };
    const train = sample(150);
    const test = sample(300);
    const model = SoftmaxRegression.fit(train.x, train.y, 3);
    const right = test.x.filter((x, i) => model.predict(x) === test.y[i]).length;
    expect(right / test.x.length).toBeGreaterThan(0.95);
    const p = model.probabilities(test.x[0]);
    expect(p.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 10);
  });

  it('refuses labels out of range and features of another length', () => {
    const x = [new Float32Array([0, 1]), new Float32Array([1, 0])];
    expect(() => SoftmaxRegression.fit(x, [0, 2], 2)).toThrow(/class from 0 to 1, not 2/);
    expect(() => SoftmaxRegression.fit(x, [0], 2)).toThrow(/2 examples but 1 labels/);
    expect(() => SoftmaxRegression.fit(x, [0, 1], 2).predict(new Float32Array(3))).toThrow(/reads 2 features, not 3/);
  });
});

describe('cepstral pitch', () => {
  for (const [voiceId, f0] of [['orbo', 100], ['juno', 220], ['mags', 160]] as const) {
    it(`reads a steady vowel's pitch from one frame (${voiceId} at ${f0} Hz)`, () => {
      const stft = new Stft(512);
      const spec = stft.forward(steadyVowel(voiceOrThrow(voiceId), 'a', 0.3, f0).samples);
      const t = Math.floor(spec.frames / 2);
      const pitch = new CepstralPitch(512).pitch(logMagnitudes(spec).subarray(t * spec.bins, (t + 1) * spec.bins));
      expect(Math.abs(pitch - f0) / f0).toBeLessThan(0.05);
    });
  }
});

describe('voice judges', () => {
  const frameSize = 512;
  const stft = new Stft(frameSize);
  const voices = ['juno', 'orbo'];
  const training = voices.map((v, i) => framedUtterances(v, 6, 100 + i, stft));
  const heldOut = voices.map((v, i) => framedUtterances(v, 5, 200 + i, stft));
  const judges = trainVoiceJudges(voices, training, frameSize, { epochs: 150, learningRate: 0.5, l2: 1e-3 });

  it('tell Juno from Orbo and read the vowels on held-out utterances', () => {
    voices.forEach((v, i) => {
      const verdict = judgeUtterances(judges, heldOut[i].map((u) => u.logMagnitude), heldOut[i], v);
      expect(verdict.calledVoice, v).toBe(1);
      expect(verdict.calledByTimbre, v).toBe(1);
      expect(verdict.calledByPitch, v).toBe(1);
      expect(verdict.vowelsRead, v).toBeGreaterThan(0.9);
      expect(verdict.frames).toBeGreaterThan(50);
    });
    // Juno's utterances are not called Orbo.
    expect(judgeUtterances(judges, heldOut[0].map((u) => u.logMagnitude), heldOut[0], 'orbo').calledVoice).toBe(0);
  });

  it('are not fooled by a conversion that only moves each bin\'s mean and spread (no network)', () => {
    const [a, b] = [binStats(training[0]), binStats(training[1])];
    const bins = a.mean.length;
    const moved = heldOut[0].map((u) => u.logMagnitude.map((v, i) => ((v - a.mean[i % bins]) / a.std[i % bins]) * b.std[i % bins] + b.mean[i % bins]));
    const verdict = judgeUtterances(judges, moved, heldOut[0], 'orbo');
    // The vowels survive and the average timbre is Orbo's, but the harmonics are still Juno's.
    expect(verdict.vowelsRead).toBeGreaterThan(0.9);
    expect(verdict.calledByTimbre).toBe(1);
    expect(verdict.calledByPitch).toBe(0);
    expect(verdict.calledVoice).toBe(0);
  });

  it('still recognise an utterance after Griffin–Lim resynthesis from its magnitudes alone', () => {
    const u = heldOut[1][0];
    const again = resynthesised(u.logMagnitude, u.utterance.samples.length, stft, 16);
    const verdict = judgeUtterances(judges, [again.logMagnitude], [u], 'orbo');
    expect(verdict.calledVoice).toBe(1);
    expect(verdict.vowelsRead).toBeGreaterThan(0.9);
  });

  it('refuse a voice they were not trained on', () => {
    expect(() => judgeUtterances(judges, [], [], 'tilly')).toThrow(/know juno, orbo, not "tilly"/);
    expect(() => trainVoiceJudges(['juno'], [training[0]], frameSize)).toThrow(/at least two voices/);
    expect(() => trainVoiceJudges(voices, training, 256)).toThrow(/frames of at least 512 samples/);
  });
});
