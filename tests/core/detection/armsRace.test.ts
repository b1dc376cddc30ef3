/**
 * The arms race: the spectrum detector's differentiable logits equal its fft.js ones; the
 * generator is fine-tuned only through the terms whose weight is above 0 and never changes the
 * detector; one round of the race runs; tensors stay flat. The shipped MLP GAN, small batches.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as tf from '../../../src/core/shared/tf';
import '@tensorflow/tfjs-backend-wasm';
import { registerWasmFastKernels } from '../../../src/core/shared/wasmFastKernels';
import { decodeDigitCheckpoint, type DigitCheckpoint } from '../../../src/core/mnist/digitCheckpoint';
import { CLASSIFIER_FORMAT, DigitClassifier } from '../../../src/core/mnist/digitClassifier';
import { decodeWeightsBundle } from '../../../src/core/shared/weightsBundle';
import { labelledSet, splitDetectionSet } from '../../../src/core/detection/detectionSet';
import { SpectrumDetector } from '../../../src/core/detection/spectrumDetector';
import { PixelDetector } from '../../../src/core/detection/pixelDetector';
import { ArmsRace, GeneratorEvasion, type EvasionSettings } from '../../../src/core/detection/armsRace';
import { realDigits, SIDE } from './detectionData';

const MODELS = resolve(import.meta.dirname, '../../../models');
let checkpoint: DigitCheckpoint;
let real: Float32Array;
let shared: SpectrumDetector;

beforeAll(async () => {
  tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', false);
  expect(await tf.setBackend('wasm')).toBe(true);
  registerWasmFastKernels();
  checkpoint = decodeDigitCheckpoint(new Uint8Array(readFileSync(resolve(MODELS, 'digitGan-mlp.weights'))));
  real = realDigits(120);
  shared = trainedSpectrumDetector();
});
afterAll(() => shared.dispose());

const values = (vars: tf.Variable[]) => vars.map((v) => Float32Array.from(v.dataSync()));
const detectorWeights = (d: SpectrumDetector | PixelDetector) => d.namedWeights().map((w) => Float32Array.from(w.tensor.dataSync()));

/** A spectrum detector trained a little on real digits against the generator's own fakes. */
function trainedSpectrumDetector(seed = 1): SpectrumDetector {
  const evasion = new GeneratorEvasion(checkpoint, real, { detectorWeight: 0, qualityWeight: 0, learningRate: 1e-3, batchSize: 8, seed });
  const fakes = evasion.draw(120, seed + 10);
  evasion.dispose();
  const { train, heldOut } = splitDetectionSet(labelledSet(real, fakes, SIDE, SIDE), 0.3, seed);
  const d = new SpectrumDetector(train, heldOut, { learningRate: 0.05, batchSize: 32, seed });
  for (let s = 0; s < 40; s++) d.step();
  return d;
}

describe('differentiable detector logits', () => {
  it('the spectrum detector\'s TF.js spectra give the same P(fake) as its fft.js path', () => {
    const d = shared;
    {
      const pictures = real.subarray(0, 16 * SIDE * SIDE);
      const viaFft = d.scores(pictures);
      const viaTf = tf.tidy(() => tf.sigmoid(d.pictureLogits(tf.tensor4d(pictures, [16, SIDE, SIDE, 1]))).dataSync());
      for (let i = 0; i < 16; i++) expect(viaTf[i]).toBeCloseTo(viaFft[i], 3);
      expect(Math.max(...viaFft) - Math.min(...viaFft)).toBeGreaterThan(0.01); // not all ½
    }
  });
});

describe('fine-tuning the generator against a frozen detector', () => {
  const settings = (s: Partial<EvasionSettings>): EvasionSettings => ({ detectorWeight: 1, qualityWeight: 1, learningRate: 2e-3, batchSize: 8, seed: 3, ...s });

  it('with both weights 0 the generator does not move', () => {
    const d = shared;
    const e = new GeneratorEvasion(checkpoint, real, settings({ detectorWeight: 0, qualityWeight: 0 }));
    try {
      expect(e.quality).toBe('gan'); // the shipped file carries its discriminator
      const before = values(e.generatorVariables());
      e.step(d);
      e.step(d);
      expect(values(e.generatorVariables())).toEqual(before);
    } finally {
      e.dispose();
    }
  });

  it('with the detector weight 0 the detector has no say: two different detectors give the same generator', () => {
    const d1 = shared;
    const { train, heldOut } = splitDetectionSet(labelledSet(real, real.map((v) => -v), SIDE, SIDE), 0.3, 1);
    const d2 = new PixelDetector(train, heldOut, { learningRate: 1e-2, batchSize: 16, seed: 2 });
    d2.step();
    const a = new GeneratorEvasion(checkpoint, real, settings({ detectorWeight: 0 }));
    const b = new GeneratorEvasion(checkpoint, real, settings({ detectorWeight: 0 }));
    try {
      const before = values(a.generatorVariables());
      for (let s = 0; s < 2; s++) {
        a.step(d1);
        b.step(d2);
      }
      const after = values(a.generatorVariables());
      expect(after).toEqual(values(b.generatorVariables()));
      expect(after).not.toEqual(before); // the GAN term alone moved it
    } finally {
      [a, b].forEach((e) => e.dispose());
      d2.dispose();
    }
  });

  it('with only the detector term the fakes slip past a pixel CNN, whose weights never change; tensors stay flat', () => {
    const drawer = new GeneratorEvasion(checkpoint, real, settings({}));
    const fakes = drawer.draw(60, 5);
    drawer.dispose();
    const { train, heldOut } = splitDetectionSet(labelledSet(real.subarray(0, 60 * SIDE * SIDE), fakes, SIDE, SIDE), 0.3, 1);
    const d = new PixelDetector(train, heldOut, { learningRate: 1e-2, batchSize: 16, seed: 1 });
    for (let s = 0; s < 30; s++) d.step();
    const e = new GeneratorEvasion(checkpoint, real, settings({ qualityWeight: 0, learningRate: 1e-3, batchSize: 16 }));
    try {
      const frozen = detectorWeights(d);
      const first = d.scores(e.draw(64, 99)).reduce((s, p) => s + p, 0) / 64;
      e.step(d);
      const count = tf.memory().numTensors;
      for (let s = 0; s < 11; s++) e.step(d);
      expect(tf.memory().numTensors).toBe(count);
      const last = d.scores(e.draw(64, 99)).reduce((s, p) => s + p, 0) / 64;
      expect(last).toBeLessThan(first - 0.1);
      expect(detectorWeights(d)).toEqual(frozen);
    } finally {
      e.dispose();
      d.dispose();
    }
  });

  it('refuses a conditional checkpoint and bad weights with a reason', () => {
    expect(() => new GeneratorEvasion(checkpoint, real, settings({ detectorWeight: -1 }))).toThrow(/detector weight/);
    const conditional = { ...checkpoint, settings: { ...checkpoint.settings, conditional: true } };
    expect(() => new GeneratorEvasion(conditional, real, settings({}))).toThrow(/conditional/);
  });
});

describe('the arms race', () => {
  let classifier: DigitClassifier;
  beforeAll(() => {
    classifier = DigitClassifier.fromBundle(decodeWeightsBundle(new Uint8Array(readFileSync(resolve(MODELS, 'digitClassifier.weights'))), CLASSIFIER_FORMAT));
  });
  afterAll(() => classifier.dispose());

  it('runs a round: the detector catches the fakes, the fine-tuned generator evades it, and the scores are measured', () => {
    const race = new ArmsRace(checkpoint, real, classifier, {
      detector: 'pixel', detectorSteps: 40, evasionSteps: 15, perClass: 120,
      evasion: { detectorWeight: 1, qualityWeight: 0.2, learningRate: 1e-3, batchSize: 16, seed: 1 },
    });
    try {
      const caught = race.next();
      expect(race.phase).toBe('evade');
      expect(caught.caughtAccuracy).toBeGreaterThanOrEqual(0);
      expect(caught.inceptionBefore).toBeGreaterThan(4);
      const firstProbability = caught.caughtFakeProbability;
      const evaded = race.next();
      expect(evaded).toBe(caught);
      expect(evaded.evadedFakeProbability).toBeLessThan(firstProbability - 0.1);
      expect(Number.isFinite(evaded.inceptionAfter)).toBe(true);
      expect(race.phase).toBe('train-detector');
    } finally {
      race.dispose();
    }
  });
});
