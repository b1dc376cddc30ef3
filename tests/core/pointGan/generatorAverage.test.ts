import { describe, expect, it } from 'vitest';
import * as tf from '../../../src/core/shared/tf';
import { GanTrainer } from '../../../src/core/pointGan/ganTrainer';
import { cpuTrainersPerTest } from './cpuTrainers';
import { DEFAULT_SETTINGS, cloneSettings, defaultNetwork, settingsProblems, type GanSettings } from '../../../src/core/pointGan/ganSettings';
import { SeededRandom } from '../../../src/core/shared/seededRandom';

const { trainer } = cpuTrainersPerTest();

function small(generatorAverage?: number): GanSettings {
  const s: GanSettings = {
    ...cloneSettings(DEFAULT_SETTINGS),
    batchSize: 16,
    generator: defaultNetwork({ hidden: [8] }),
    discriminator: defaultNetwork({ hidden: [8] }),
  };
  if (generatorAverage !== undefined) s.generatorAverage = generatorAverage;
  return s;
}

const noise = (n: number) => new SeededRandom(7).fillNormal(new Float32Array(n * DEFAULT_SETTINGS.noiseDim));

function maxDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  expect(a.length).toBe(b.length);
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i] - b[i]));
  return m;
}

describe('the moving average of the generator\'s weights', () => {
  it('equals the bias-corrected average of the iterates, computed by hand in float64', () => {
    const beta = 0.9;
    const t = trainer(small(beta));
    const iterates: Float32Array[][] = [];
    for (let i = 0; i < 4; i++) {
      t.trainEpoch();
      iterates.push(t.captureWeights().generator);
    }
    // θ_EMA after T updates = Σᵢ β^(T−i)(1 − β)θᵢ / (1 − β^T).
    const T = iterates.length;
    const saved = t.captureWeights();
    expect(saved.generatorAverageUpdates).toBe(T);
    saved.generatorAverage!.forEach((avg, k) => {
      const expected = avg.map((_, j) => {
        let sum = 0;
        for (let i = 1; i <= T; i++) sum += beta ** (T - i) * (1 - beta) * iterates[i - 1][k][j];
        return sum / (1 - beta ** T);
      });
      expect(maxDiff(avg, expected)).toBeLessThan(1e-6);
    });
    // The average differs from the last iterate (the test would pass trivially otherwise).
    expect(maxDiff(saved.generatorAverage![0], iterates[T - 1][0])).toBeGreaterThan(1e-4);

    // Fakes from the average are the plain generator's with the averaged weights.
    const plain = trainer(small());
    plain.restoreWeights({ ...saved, generator: saved.generatorAverage! });
    const z = noise(32);
    expect(maxDiff(t.generateAveraged(z), plain.generate(z))).toBeLessThan(1e-6);
  });

  it('copies the generator at the first update, so early fakes are not pulled to the initial weights', () => {
    const t = trainer(small(0.999));
    t.trainEpoch();
    const z = noise(16);
    expect(maxDiff(t.generateAveraged(z), t.generate(z))).toBeLessThan(1e-6);
  });

  it('leaves training itself untouched: the same generator with the average on, off or absent', () => {
    const runs = [small(), small(0), small(0.99)].map((s) => {
      const t = trainer(s);
      for (let i = 0; i < 20; i++) t.trainEpoch(i % 5 === 0);
      return t.captureWeights();
    });
    for (const w of runs.slice(1)) {
      w.generator.forEach((g, k) => expect(maxDiff(g, runs[0].generator[k])).toBe(0));
      w.discriminator.forEach((d, k) => expect(maxDiff(d, runs[0].discriminator[k])).toBe(0));
    }
    expect(runs[0].generatorAverage).toBeUndefined();
    expect(runs[1].generatorAverage).toBeUndefined();
    expect(runs[2].generatorAverage).toHaveLength(4);
  });

  it('refuses to draw from an average that is off, and refuses a decay outside [0, 0.9999]', () => {
    const t = trainer(small(0));
    expect(t.averagesGenerator).toBe(false);
    expect(() => t.generateAveraged(noise(4))).toThrow(/not averaged: set generatorAverage/);
    expect(settingsProblems(small(1))).toEqual(['generatorAverage must be between 0 and 0.9999']);
    expect(settingsProblems(small(-0.1))).toEqual(['generatorAverage must be between 0 and 0.9999']);
    expect(settingsProblems(small(Number.NaN))).toEqual(['generatorAverage must be a number']);
    expect(settingsProblems(small(0.999))).toEqual([]);
  });

  it('survives capture and restore; weights saved without one restart it from the generator', () => {
    const t = trainer(small(0.9));
    for (let i = 0; i < 5; i++) t.trainEpoch();
    const saved = t.captureWeights();
    const z = noise(16);
    const back = trainer(small(0.9));
    back.restoreWeights(saved);
    expect(maxDiff(back.generateAveraged(z), t.generateAveraged(z))).toBe(0);
    t.trainEpoch();
    back.trainEpoch();
    expect(back.captureWeights().generatorAverageUpdates).toBe(6);

    const fromFile = trainer(small(0.9));
    fromFile.restoreWeights({ generator: saved.generator, discriminator: saved.discriminator, steps: 5, discriminatorSteps: 5 });
    expect(maxDiff(fromFile.generateAveraged(z), fromFile.generate(z))).toBe(0);
    expect(fromFile.captureWeights().generatorAverageUpdates).toBe(0);
  });

  it('keeps tensor memory flat after the first optimizer step, and frees everything on dispose', () => {
    const start = tf.memory().numTensors;
    const t = new GanTrainer(small(0.99));
    t.trainEpoch(true);
    const baseline = tf.memory().numTensors;
    for (let i = 1; i <= 100; i++) {
      t.trainEpoch(i % 25 === 0);
      if (i % 20 === 0) {
        t.generateAveraged(noise(8));
        t.restoreWeights(t.captureWeights());
        // restoreWeights restarts the optimizers: one step recreates their slots.
        t.trainEpoch();
        expect(tf.memory().numTensors).toBe(baseline);
      }
    }
    t.dispose();
    expect(tf.memory().numTensors).toBe(start);
  });
});
