import { describe, expect, it } from 'vitest';
import * as tf from '../../../src/core/shared/tf';
import { cpuTrainersPerTest } from './cpuTrainers';
import { LR_DECAY_FLOOR, learningRateScale } from '../../../src/core/pointGan/learningRateDecay';
import { DEFAULT_SETTINGS, cloneSettings, defaultNetwork, settingsProblems, type GanSettings } from '../../../src/core/pointGan/ganSettings';

const { trainer } = cpuTrainersPerTest();

function small(learningRateDecay?: number, optimizer: 'adam' | 'sgd' = 'adam'): GanSettings {
  const s: GanSettings = {
    ...cloneSettings(DEFAULT_SETTINGS),
    batchSize: 16,
    generator: defaultNetwork({ hidden: [8], learningRate: 0.002, optimizer }),
    discriminator: defaultNetwork({ hidden: [8], learningRate: 0.004, optimizer }),
  };
  if (learningRateDecay !== undefined) s.learningRateDecay = learningRateDecay;
  return s;
}

describe('learning-rate decay', () => {
  it('falls exponentially from 1 to a twentieth over the chosen steps, then holds; off is 1', () => {
    expect(learningRateScale(0, 100)).toBe(1);
    expect(learningRateScale(50, 100)).toBeCloseTo(Math.sqrt(0.05), 12);
    expect(learningRateScale(25, 100)).toBeCloseTo(0.05 ** 0.25, 12);
    expect(learningRateScale(100, 100)).toBeCloseTo(LR_DECAY_FLOOR, 12);
    expect(learningRateScale(5000, 100)).toBeCloseTo(0.05, 12);
    expect(learningRateScale(40, 0)).toBe(1);
    expect(learningRateScale(40, undefined)).toBe(1);
  });

  it('runs each step at the decayed rates, both networks, and puts them back after a restore', () => {
    const t = trainer(small(10));
    const rates = () => t.learningRates();
    expect(rates()).toEqual({ generator: 0.002, discriminator: 0.004 });
    for (let k = 0; k < 14; k++) {
      t.trainEpoch();
      // Epoch k + 1 ran after k generator steps.
      const scale = 0.05 ** (Math.min(k, 10) / 10);
      expect(rates().generator).toBeCloseTo(0.002 * scale, 12);
      expect(rates().discriminator).toBeCloseTo(0.004 * scale, 12);
    }
    // A restore brings fresh optimizers; the next step runs at the decay of the restored step count.
    const t2 = trainer(small(10));
    for (let i = 0; i < 5; i++) t2.trainEpoch();
    const saved = t2.captureWeights();
    t.restoreWeights(saved);
    expect(rates().generator).toBeCloseTo(0.002, 12);
    t.trainEpoch();
    expect(rates().generator).toBeCloseTo(0.002 * 0.05 ** 0.5, 12);
  });

  it('off, training is bit-identical to settings without it; on, it differs from the second step', () => {
    const a = trainer(small());
    const b = trainer(small(0));
    const c = trainer(small(20));
    a.trainEpoch();
    b.trainEpoch();
    c.trainEpoch();
    expect(c.captureWeights().generator).toEqual(a.captureWeights().generator);
    for (let i = 0; i < 5; i++) {
      a.trainEpoch();
      b.trainEpoch();
      c.trainEpoch();
    }
    expect(b.captureWeights()).toEqual(a.captureWeights());
    expect(c.captureWeights().generator).not.toEqual(a.captureWeights().generator);
  });

  it('refuses a decay that is not a whole number of steps in range', () => {
    expect(settingsProblems(small(-5))).toEqual([expect.stringMatching(/learningRateDecay/)]);
    expect(settingsProblems(small(2.5))).toEqual([expect.stringMatching(/learningRateDecay/)]);
    expect(settingsProblems(small(1e6))).toEqual([expect.stringMatching(/learningRateDecay/)]);
    expect(settingsProblems(small(4000))).toEqual([]);
  });

  it('keeps the tensor count flat over 1,000 steps, with SGD and momentum too (its rate lives in a tensor)', () => {
    for (const optimizer of ['adam', 'sgd'] as const) {
      const t = trainer(small(500, optimizer));
      t.trainEpoch();
      const baseline = tf.memory().numTensors;
      for (let i = 0; i < 1000; i++) t.trainEpoch(i % 100 === 0);
      expect(tf.memory().numTensors, optimizer).toBe(baseline);
      expect(t.learningRates().generator).toBeCloseTo(0.002 * 0.05, 12);
    }
  });
});
