import { describe, expect, it } from 'vitest';
import * as tf from '../../../src/core/shared/tf';
import '@tensorflow/tfjs-backend-wasm';
import { GanTrainer } from '../../../src/core/pointGan/ganTrainer';
import { cpuTrainersPerTest } from './cpuTrainers';
import { mlpForward } from '../../../src/core/pointGan/mlp';
import { DEFAULT_SETTINGS, LOSS_KINDS, cloneSettings, defaultNetwork, type GanSettings, type NetworkSettings } from '../../../src/core/pointGan/ganSettings';
import { SeededRandom } from '../../../src/core/shared/seededRandom';
import { measureModeCoverage } from '../../../src/core/points/modeCoverage';
import { gridDivergences } from '../../../src/core/points/distributionDivergence';

const { trainer, live } = cpuTrainersPerTest();

function small(overrides: Partial<GanSettings> = {}, net: Partial<NetworkSettings> = {}): GanSettings {
  return {
    ...cloneSettings(DEFAULT_SETTINGS),
    batchSize: 16,
    generator: defaultNetwork({ hidden: [8], ...net }),
    discriminator: defaultNetwork({ hidden: [8], ...net }),
    ...overrides,
  };
}

describe('GanTrainer keeps tensor memory flat over 250 epochs', () => {
  type Variant = [string, Partial<GanSettings>, Partial<NetworkSettings>, GanTrainer['gradientMode']];
  const variants: Variant[] = [
    ...LOSS_KINDS.map((loss): Variant => [loss, { loss }, {}, 'manual']),
    ['packing 4 with WGAN-GP', { loss: 'wganGp', packing: 4 }, {}, 'manual'],
    ['WGAN-GP with tanh (the penalty by autograd)', { loss: 'wganGp' }, { activation: 'tanh' }, 'manual'],
    ['label smoothing 0.9, 2 D steps, SGD with momentum', { realLabel: 0.9, dSteps: 2 }, { optimizer: 'sgd', momentum: 0.9, activation: 'tanh' }, 'manual'],
    ['minimax with autograd gradients', { loss: 'minimax' }, {}, 'autograd'],
    ['hinge, packing 2, label smoothing, leaky ReLU, autograd', { loss: 'hinge', packing: 2, realLabel: 0.8 }, { activation: 'leakyRelu' }, 'autograd'],
  ];
  for (const [name, overrides, net, mode] of variants) {
    it(name, () => {
      const start = tf.memory().numTensors;
      const t = trainer(small(overrides, net));
      t.gradientMode = mode;
      // The first optimizer step creates the optimizers' slots; from then on nothing may grow.
      t.trainEpoch(true);
      const baseline = tf.memory().numTensors;
      const counts: number[] = [];
      // A leak shows on every step it happens on: 250 epochs, ten of them with stats, catch it.
      for (let i = 1; i <= 250; i++) {
        const stats = t.trainEpoch(i % 25 === 0);
        if (i % 25 === 0) expect(Number.isFinite(stats!.dLoss)).toBe(true);
        if (i % 25 === 0) counts.push(tf.memory().numTensors);
      }
      expect(counts).toEqual(new Array(10).fill(baseline));
      // The lab's per-frame calls leave nothing behind either.
      const points = new Float32Array(2 * 16).fill(0.3);
      t.generate(t.sampleNoise(16));
      t.discriminateEach(points);
      t.generatorPush(points);
      t.step('discriminator');
      t.step('generator', false);
      expect(tf.memory().numTensors).toBe(baseline);
      live.splice(live.indexOf(t), 1);
      t.dispose();
      expect(tf.memory().numTensors).toBe(start);
    });
  }

  for (const net of [{ optimizer: 'adam' }, { optimizer: 'sgd', momentum: 0 }, { optimizer: 'sgd', momentum: 0.9 }] as Partial<NetworkSettings>[]) {
    it(`restoring weights swaps the optimizers without leaking (${net.optimizer}, momentum ${net.momentum ?? '-'})`, () => {
      const t = trainer(small({}, net));
      t.trainEpoch();
      const baseline = tf.memory().numTensors;
      const saved = t.captureWeights();
      for (let i = 0; i < 5; i++) {
        t.restoreWeights(saved);
        t.trainEpoch();
      }
      expect(tf.memory().numTensors).toBe(baseline);
    });
  }
});

describe('GanTrainer behaviour', () => {
  it('is reproducible from the seed', () => {
    const a = trainer(small({ seed: 4 }));
    const b = trainer(small({ seed: 4 }));
    const c = trainer(small({ seed: 5 }));
    for (let i = 0; i < 20; i++) { a.trainEpoch(); b.trainEpoch(); c.trainEpoch(); }
    expect(a.captureWeights()).toEqual(b.captureWeights());
    expect(a.captureWeights().generator).not.toEqual(c.captureWeights().generator);
  });

  it('counts steps: dSteps discriminator steps per epoch', () => {
    const t = trainer(small({ dSteps: 3 }));
    t.trainEpoch();
    t.trainEpoch();
    t.step('generator');
    t.step('discriminator');
    expect(t.steps).toBe(3);
    expect(t.discriminatorSteps).toBe(7);
  });

  it('restores captured weights and step counts', () => {
    const t = trainer(small());
    for (let i = 0; i < 5; i++) t.trainEpoch();
    const saved = t.captureWeights();
    for (let i = 0; i < 5; i++) t.trainEpoch();
    expect(t.captureWeights().generator).not.toEqual(saved.generator);
    t.restoreWeights(saved);
    expect(t.captureWeights()).toEqual(saved);
    expect(t.steps).toBe(5);
  });

  it('a discriminator trained alone learns to tell real from fake', () => {
    const t = trainer(small({ batchSize: 64 }, { hidden: [16, 16] }));
    const first = t.step('discriminator')!;
    let last = first;
    for (let i = 0; i < 300; i++) last = t.step('discriminator', i === 299) ?? last;
    expect(last.dLoss).toBeLessThan(first.dLoss - 0.3);
    expect(last.dReal).toBeGreaterThan(last.dFake + 0.3);
  });

  it('pushes fakes where the discriminator finds them more real', () => {
    const t = trainer(small({ batchSize: 64 }, { hidden: [16, 16], activation: 'tanh' }));
    for (let i = 0; i < 100; i++) t.step('discriminator', false);
    const fakes = t.generate(t.sampleNoise(64));
    const push = t.generatorPush(fakes);
    const moved = fakes.map((v, i) => v + 1e-3 * Math.sign(push[i]) * Math.min(1, Math.abs(push[i]) * 1e3));
    const before = t.discriminateEach(fakes);
    const after = t.discriminateEach(moved);
    let better = 0;
    before.forEach((v, i) => { if (after[i] > v) better++; });
    expect(better).toBeGreaterThanOrEqual(60);
  });

  it('judges each point as a pack of copies of itself when packing', () => {
    const t = trainer(small({ packing: 2 }));
    const out = t.discriminateEach(new Float32Array([0.3, -0.2, 1, 1]));
    const reference = tf.tidy(() => mlpForward(t.discriminator, tf.tensor2d([0.3, -0.2, 0.3, -0.2, 1, 1, 1, 1], [2, 4])).dataSync());
    expect(out[0]).toBeCloseTo(reference[0], 6);
    expect(out[1]).toBeCloseTo(reference[1], 6);
  });

  it('training on the 8-mode ring brings the fakes closer to the real data', async () => {
    // 600 epochs on the app's backend, wasm (single-threaded, as in the browser): about three times faster than cpu.
    tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', false);
    expect(await tf.setBackend('wasm')).toBe(true);
    expect(tf.getBackend()).toBe('wasm');
    try {
      trainOnTheRing();
    } finally {
      live.splice(0).forEach((t) => t.dispose());
      expect(await tf.setBackend('cpu')).toBe(true);
    }
  });
});

/** 600 epochs on the 8-mode ring: more modes covered, a smaller JS divergence, a discriminator better than chance. */
function trainOnTheRing(): void {
  const t = trainer({ ...cloneSettings(DEFAULT_SETTINGS), batchSize: 128, generator: defaultNetwork({ hidden: [32, 32] }), discriminator: defaultNetwork({ hidden: [32, 32] }) });
  const rng = new SeededRandom(99);
  const noise = t.sampleNoise(2500, rng);
  const reals = t.distribution.sample(10_000, rng);
  const measure = () => {
    const fakes = t.generate(noise);
    return { ...measureModeCoverage(fakes, t.distribution.modeCenters!, t.distribution.sigma), ...gridDivergences(reals, fakes, t.distribution.bounds) };
  };
  const before = measure();
  let stats = null;
  for (let i = 1; i <= 600; i++) stats = t.trainEpoch(i === 600);
  const after = measure();
  expect(after.modesCovered).toBeGreaterThanOrEqual(Math.max(3, before.modesCovered + 2));
  expect(after.js).toBeLessThan(before.js - 0.05);
  // The discriminator does better than chance (ln 4 is "cannot tell").
  expect(stats!.dLoss).toBeLessThan(Math.log(4));
}
