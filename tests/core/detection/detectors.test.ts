/**
 * Both detectors on a planted artifact: "real" pictures are smooth random patterns,
 * "fakes" the same kind of pattern plus a faint checkerboard, the trace a stride-2
 * upsampling layer leaves. Each detector's loss falls and it catches the fakes on held-out
 * pictures; the step API, the feature scaling, bad input and tensor leaks are checked too.
 * On the wasm backend (as the digit lab's tests), with the convolution filter gradient registered.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import * as tf from '../../../src/core/shared/tf';
import '@tensorflow/tfjs-backend-wasm';
import { registerWasmFastKernels } from '../../../src/core/shared/wasmFastKernels';
import { SeededRandom } from '../../../src/core/shared/seededRandom';
import { labelledSet, splitDetectionSet, type DetectionSet } from '../../../src/core/detection/detectionSet';
import { SpectrumDetector, applyScaler, fitScaler } from '../../../src/core/detection/spectrumDetector';
import { PAPER_EPSILON, PixelDetector, paperDistance, pixelDetectorParams } from '../../../src/core/detection/pixelDetector';
import { detectorSettingsProblems } from '../../../src/core/detection/detectorSettings';
import { sigmoidCrossEntropy, type BinaryDetector } from '../../../src/core/detection/binaryDetector';
import { radialSpectra } from '../../../src/core/detection/spectrum';
import { countParams } from '../../../src/core/shared/namedParams';

const SIDE = 16;

beforeAll(async () => {
  tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', false);
  expect(await tf.setBackend('wasm')).toBe(true);
  registerWasmFastKernels();
});

/** Smooth random pictures (three low-frequency waves), with a ±`checker` checkerboard added. */
function pictures(count: number, checker: number, rng: SeededRandom): Float32Array {
  const out = new Float32Array(count * SIDE * SIDE);
  for (let i = 0; i < count; i++) {
    const waves = Array.from({ length: 3 }, () => [rng.int(3), rng.int(3), rng.uniform(0, 2 * Math.PI), rng.uniform(0.2, 0.4)]);
    for (let y = 0; y < SIDE; y++) {
      for (let x = 0; x < SIDE; x++) {
        let v = 0;
        for (const [fy, fx, phase, amp] of waves) v += amp * Math.cos((2 * Math.PI * (fy * y + fx * x)) / SIDE + phase);
        out[(i * SIDE + y) * SIDE + x] = v + ((x + y) % 2 ? checker : -checker) + 0.05 * rng.normal();
      }
    }
  }
  return out;
}

function plantedSets(seed: number): { train: DetectionSet; heldOut: DetectionSet } {
  const rng = new SeededRandom(seed);
  const set = labelledSet(pictures(150, 0, rng), pictures(150, 0.08, rng), SIDE, SIDE);
  return splitDetectionSet(set, 0.3, seed);
}

const detectors: [string, (train: DetectionSet, heldOut: DetectionSet) => BinaryDetector, number][] = [
  ['spectrum detector', (train, heldOut) => new SpectrumDetector(train, heldOut, { learningRate: 0.05, batchSize: 32, seed: 3 }), 60],
  ['pixel detector', (train, heldOut) => new PixelDetector(train, heldOut, { learningRate: 3e-3, batchSize: 32, seed: 3 }), 60],
];

describe.each(detectors)('the %s', (_name, build, steps) => {
  it('learns the planted artifact: the loss falls and held-out pictures are judged right', () => {
    const { train, heldOut } = plantedSets(11);
    const detector = build(train, heldOut);
    try {
      const before = detector.heldOut();
      expect(before.loss).toBeGreaterThan(0.6);
      const losses: number[] = [];
      for (let s = 0; s < steps; s++) losses.push(detector.step().loss);
      expect(detector.steps).toBe(steps);
      const mean = (a: number[]) => a.reduce((x, y) => x + y, 0) / a.length;
      expect(mean(losses.slice(-10))).toBeLessThan(0.5 * mean(losses.slice(0, 5)));
      const after = detector.heldOut();
      expect(after.accuracy).toBeGreaterThanOrEqual(0.95);
      expect(after.auc).toBeGreaterThanOrEqual(0.98);
      expect(after.loss).toBeLessThan(before.loss);
      const c = after.confusion;
      expect(c.truePositives + c.falsePositives + c.trueNegatives + c.falseNegatives).toBe(heldOut.count);
      // Scores of the held-out pictures, given afresh, agree with the held-out verdicts.
      const scores = detector.scores(heldOut.images);
      expect(scores.length).toBe(heldOut.count);
      expect(scores.filter((p, i) => (p >= 0.5 ? 1 : 0) === heldOut.labels[i]).length / heldOut.count).toBeCloseTo(after.accuracy, 10);
    } finally {
      detector.dispose();
    }
  });

  it('keeps the tensor count flat after the first optimizer step, and frees everything on dispose', () => {
    const { train, heldOut } = plantedSets(12);
    const start = tf.memory().numTensors;
    const detector = build(train, heldOut);
    detector.step();
    const afterFirst = tf.memory().numTensors;
    for (let s = 0; s < 5; s++) detector.step();
    detector.heldOut();
    detector.judge(heldOut);
    detector.scores(train.images);
    expect(tf.memory().numTensors).toBe(afterFirst);
    detector.dispose();
    detector.dispose();
    expect(tf.memory().numTensors).toBe(start);
    expect(() => detector.step()).toThrow(/disposed/);
  });

  it('is the same detector from the same seed', () => {
    const { train, heldOut } = plantedSets(13);
    const run = () => {
      const d = build(train, heldOut);
      const losses = Array.from({ length: 3 }, () => d.step().loss);
      const scores = d.scores(heldOut.images);
      d.dispose();
      return { losses, scores };
    };
    expect(run()).toEqual(run());
  });

  it('refuses pictures of another size or bad settings with the reason', () => {
    const { train, heldOut } = plantedSets(14);
    const detector = build(train, heldOut);
    try {
      expect(() => detector.scores(new Float32Array(SIDE * SIDE + 1))).toThrow(/reads 16×16 pictures/);
      expect(() => detector.scores(new Float32Array(2 * SIDE * SIDE).fill(NaN, SIDE * SIDE + 5))).toThrow(/Pixel 5 of picture 1 is not a finite number/);
      expect(() => detector.judge({ ...heldOut, height: 8, width: 32 })).toThrow(/reads 16×16 pictures, not 8×32/);
    } finally {
      detector.dispose();
    }
    const other = { ...heldOut, height: 8, width: 32 };
    expect(() => build(train, other)).toThrow(/16×16 but the held-out ones 8×32/);
    expect(() => build({ ...train, labels: train.labels.map(() => 3) }, heldOut)).toThrow(/The training set: label 0 is 3/);
  });
});

describe('the spectrum detector', () => {
  it('standardises each feature with the training set only: mean 0 and spread 1 there', () => {
    const { train, heldOut } = plantedSets(15);
    const { features, bins } = radialSpectra(train.images, train.count, SIDE, SIDE);
    const detector = new SpectrumDetector(train, heldOut);
    try {
      expect(detector.bins).toBe(bins);
      expect(detector.scaler).toEqual(fitScaler(features, train.count, bins));
      const scaled = applyScaler(detector.scaler, features);
      for (let d = 1; d < bins; d++) {
        const column = Array.from({ length: train.count }, (_, i) => scaled[i * bins + d]);
        const mean = column.reduce((a, b) => a + b, 0) / train.count;
        const variance = column.reduce((a, b) => a + (b - mean) ** 2, 0) / train.count;
        expect(mean).toBeCloseTo(0, 4);
        expect(variance).toBeCloseTo(1, 3);
      }
      // The held-out pictures do not move the scaler.
      const other = new SpectrumDetector(train, plantedSets(16).heldOut);
      expect(other.scaler).toEqual(detector.scaler);
      other.dispose();
    } finally {
      detector.dispose();
    }
  });
});

describe('the pixel detector', () => {
  it('has two input channels, two stride-2 convolutions and one logit: 2,105 weights for a 28×28 picture', () => {
    expect(countParams(pixelDetectorParams(28, 28))).toBe(152 + 1168 + 785);
  });

  it('reads each pixel\'s log-distance from paper: −1 on paper, 1 at full ink, and a wide gap just above paper', () => {
    const x = tf.tensor([-1, -0.9999, -0.95, 0, 1]);
    const d = paperDistance(x);
    const e = PAPER_EPSILON;
    const ref = [-1, -0.9999, -0.95, 0, 1].map((v) => (2 * (Math.log(v + 1 + e) - Math.log(e))) / (Math.log(2 + e) - Math.log(e)) - 1);
    Array.from(d.dataSync()).forEach((v, i) => expect(v).toBeCloseTo(ref[i], 2));
    expect(ref[0]).toBeCloseTo(-1, 6);
    expect(ref[4]).toBeCloseTo(1, 6);
    // A pixel 0.0001 above paper sits over a third of the way to full ink.
    expect(d.dataSync()[1] - d.dataSync()[0]).toBeGreaterThan(0.6);
    tf.dispose([x, d]);
  });
});

describe('shared pieces', () => {
  it('computes the cross-entropy of the definition', () => {
    const logits = [-3, -0.5, 0, 2, 40];
    const labels = [0, 1, 1, 0, 1];
    const expected = logits.reduce((s, z, i) => s - (labels[i] ? Math.log(1 / (1 + Math.exp(-z))) : Math.log(1 - 1 / (1 + Math.exp(-z)))), 0) / logits.length;
    const loss = sigmoidCrossEntropy(tf.tensor(labels), tf.tensor(logits));
    expect(loss.dataSync()[0]).toBeCloseTo(expected, 5);
    loss.dispose();
  });

  it('names every bad setting', () => {
    expect(detectorSettingsProblems({ learningRate: 0, batchSize: 2.5, seed: -1 })).toEqual([
      'learning rate must be between 0.00001 and 1',
      'batch size must be a whole number',
      'seed must be between 0 and 4294967295',
    ]);
  });
});
