import { beforeAll, describe, expect, it } from 'vitest';
import * as tf from '../../../src/core/shared/tf';
import '@tensorflow/tfjs-backend-wasm';
import { SeededRandom } from '../../../src/core/shared/seededRandom';
import {
  CloneDetector, DEFAULT_CLONE_DETECTOR_SETTINGS, cloneExamples, cloneDetectorSettingsProblems, judgeScores,
} from '../../../src/core/voice/cloneDetector';
import { BAND_STATISTICS, cloneFeatures } from '../../../src/core/voice/cloneFeatures';
import { Stft } from '../../../src/core/voice/stft';
import { framedUtterances } from '../../../src/core/voice/voiceFrames';

beforeAll(async () => {
  tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', false);
  expect(await tf.setBackend('wasm')).toBe(true);
});

const BANDS = 16;
const STATS = BAND_STATISTICS.length;

/** Separable toy features: clones differ from real clips only in band 3's statistics. */
function toySet(n: number, seed: number): { x: Float32Array[]; y: number[] } {
  const rng = new SeededRandom(seed);
  const x: Float32Array[] = [];
  const y: number[] = [];
  for (let i = 0; i < n; i++) {
    const label = i % 2;
    const f = rng.fillNormal(new Float32Array(BANDS * STATS));
    for (let s = 0; s < STATS; s++) f[3 * STATS + s] += label === 1 ? 1.5 : -1.5;
    x.push(f);
    y.push(label);
  }
  return { x, y };
}

describe('clone features', () => {
  it('give each band its mean, spread over time, change per frame and fine structure', () => {
    // 3 frames of 5 bins (the top bin is left out): band 0 = bins 0–1, band 1 = bins 2–3.
    const bins = 5;
    const lm = new Float32Array(3 * bins);
    for (let t = 0; t < 3; t++) lm.set([t, t + 2, 10, 10, 99], t * bins);
    const f = cloneFeatures(lm, bins, 2);
    // Band 0: per-frame means 1, 2, 3; within each frame the two bins are 1 either side of the mean.
    expect(Array.from(f.slice(0, 4))).toEqual([2, expect.closeTo(Math.sqrt(2 / 3), 6), 1, 1]);
    expect(Array.from(f.slice(4, 8))).toEqual([10, 0, 0, 0]);
    expect(() => cloneFeatures(lm, bins, 5)).toThrow('Choose 1 to 4 bands, not 5.');
    expect(() => cloneFeatures(lm.subarray(1), bins, 2)).toThrow('14 log-magnitudes are not whole frames of 5 bins.');
  });

  it('label real, resynthesised and cloned utterances', () => {
    const stft = new Stft(256);
    const real = framedUtterances('orbo', 1, 11, stft);
    const sources = framedUtterances('juno', 1, 12, stft);
    const examples = cloneExamples({ real, sources, convert: (lm) => lm, frameSize: 256, realKinds: ['raw', 'resynthesised'], griffinLimIterations: 2, bands: BANDS, seed: 1 });
    expect(examples.map((e) => [e.kind, e.label])).toEqual([['raw', 0], ['resynthesised', 0], ['clone', 1]]);
    expect(examples.every((e) => e.features.length === BANDS * STATS)).toBe(true);
    expect(examples.map((e) => e.signal.length)).toEqual([real[0].utterance.samples.length, real[0].utterance.samples.length, sources[0].utterance.samples.length]);
    expect(examples[0].features).toEqual(cloneFeatures(real[0].logMagnitude, stft.bins, BANDS));
    expect(examples[1].features).not.toEqual(examples[0].features);
    expect(() => cloneExamples({ real, sources, convert: (lm) => lm, frameSize: 256, realKinds: [], griffinLimIterations: 2, bands: BANDS, seed: 1 })).toThrow('Include at least one kind of real speech');
  });
});

describe('clone detector', () => {
  it('learns a separable toy case and looks at the band that differs', () => {
    const train = toySet(240, 1);
    const test = toySet(200, 2);
    for (const hiddenSize of [0, 8]) {
      const detector = new CloneDetector(train.x, train.y, { ...DEFAULT_CLONE_DETECTOR_SETTINGS, hiddenSize, seed: 4 });
      const first = detector.step().loss;
      let last = first;
      for (let i = 0; i < 120; i++) last = detector.step().loss;
      expect(last, `hidden ${hiddenSize}`).toBeLessThan(first / 2);
      const j = detector.judge(test.x, test.y);
      expect(j.accuracy, `hidden ${hiddenSize}`).toBeGreaterThan(0.95);
      expect(j.equalErrorRate).toBeLessThan(0.05);
      expect(j.auc).toBeGreaterThan(0.98);
      const saliency = detector.bandSaliency(test.x);
      expect(saliency.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 5);
      expect(saliency.indexOf(Math.max(...saliency))).toBe(3);
      expect(saliency[3]).toBeGreaterThan(0.3);
      const byStatistic = detector.statisticSaliency(test.x);
      expect(byStatistic).toHaveLength(STATS);
      expect(byStatistic.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 5);
      detector.dispose();
    }
  });

  it('keeps the tensor count flat after the first step', () => {
    const train = toySet(40, 3);
    const detector = new CloneDetector(train.x, train.y, { ...DEFAULT_CLONE_DETECTOR_SETTINGS, hiddenSize: 8 });
    detector.step();
    const after = tf.memory().numTensors;
    for (let i = 0; i < 30; i++) detector.step();
    detector.scores(train.x.slice(0, 5));
    detector.bandSaliency(train.x.slice(0, 5));
    expect(tf.memory().numTensors).toBe(after);
    const before = after;
    detector.dispose();
    expect(tf.memory().numTensors).toBeLessThan(before);
  });

  it('judges scores as hand-computed and refuses bad input', () => {
    // Clones 0.9, 0.6, 0.4; real 0.7, 0.2, 0.1. At ½: 2 clones caught, 2 real kept… and 0.7 wrongly called a clone: 4/6.
    const j = judgeScores([0.9, 0.6, 0.4, 0.7, 0.2, 0.1], [1, 1, 1, 0, 0, 0]);
    expect(j.accuracy).toBeCloseTo(4 / 6, 12);
    expect(j.auc).toBeCloseTo(7 / 9, 12);
    expect(j.equalErrorRate).toBeCloseTo(1 / 3, 12);
    const { x, y } = toySet(4, 1);
    expect(() => new CloneDetector(x, [0, 0, 0, 0])).toThrow('needs both real (0) and cloned (1) examples');
    expect(() => new CloneDetector(x, [0, 1, 2, 0])).toThrow('Label 2 is 2; labels are 1 (clone) or 0 (real).');
    expect(() => new CloneDetector(x, y, { ...DEFAULT_CLONE_DETECTOR_SETTINGS, hiddenSize: -1 })).toThrow('Invalid clone-detector settings: hiddenSize must be between 0 and 256');
    expect(cloneDetectorSettingsProblems({ ...DEFAULT_CLONE_DETECTOR_SETTINGS, bands: 2.5, learningRate: Number.NaN })).toEqual(['bands must be a whole number', 'learningRate must be a number']);
    const d = new CloneDetector(x, y);
    expect(() => d.scores([new Float32Array(3)])).toThrow('Example 0 has 3 features; the detector reads 64.');
    d.dispose();
    expect(() => d.step()).toThrow('This clone detector has been disposed.');
  });
});
