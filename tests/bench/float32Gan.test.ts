import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import * as tf from '../../src/core/shared/tf';
import { Float32Gan } from './float32Gan';
import { GanTrainer } from '../../src/core/pointGan/ganTrainer';
import { discriminatorLoss, generatorLoss } from '../../src/core/shared/ganLosses';
import { mlpForward, mlpVariables, type Mlp } from '../../src/core/pointGan/mlp';
import { DEFAULT_SETTINGS, cloneSettings, defaultNetwork, type Activation, type GanSettings, type LossKind, type NetworkSettings } from '../../src/core/pointGan/ganSettings';
import { SeededRandom } from '../../src/core/shared/seededRandom';

beforeAll(async () => {
  await tf.setBackend('cpu');
  expect(tf.getBackend()).toBe('cpu');
});

const trainers: GanTrainer[] = [];
afterEach(() => {
  for (const t of trainers.splice(0)) t.dispose();
});

function settingsWith(overrides: Partial<GanSettings>, net: Partial<NetworkSettings> = {}): GanSettings {
  return {
    ...cloneSettings(DEFAULT_SETTINGS),
    batchSize: 32,
    generator: defaultNetwork({ hidden: [16, 8], ...net }),
    discriminator: defaultNetwork({ hidden: [12, 10], ...net }),
    ...overrides,
  };
}

function pair(settings: GanSettings): { gan: Float32Gan; trainer: GanTrainer } {
  const trainer = new GanTrainer(settings);
  trainers.push(trainer);
  return { gan: new Float32Gan(settings), trainer };
}

/** Largest |a − b| over all arrays, relative to the largest |b| (the TF.js reference). */
function relativeError(a: Float32Array[], b: Float32Array[]): number {
  expect(a.map((x) => x.length)).toEqual(b.map((x) => x.length));
  let diff = 0, scale = 1e-6;
  a.forEach((arr, k) => arr.forEach((v, i) => {
    diff = Math.max(diff, Math.abs(v - b[k][i]));
    scale = Math.max(scale, Math.abs(b[k][i]));
  }));
  return diff / scale;
}

function tfGradients(net: Mlp, loss: () => tf.Scalar): { loss: number; gradients: Float32Array[] } {
  const vars = mlpVariables(net);
  const { value, grads } = tf.variableGrads(loss, vars);
  const result = { loss: value.dataSync()[0], gradients: vars.map((v) => grads[v.name].dataSync().slice() as Float32Array) };
  tf.dispose([value, ...Object.values(grads)]);
  return result;
}

const packed = (t: tf.Tensor2D, m: number) => (m === 1 ? t : (tf.reshape(t, [-1, 2 * m]) as tf.Tensor2D));

describe('Float32Gan starts where GanTrainer starts', () => {
  it('builds the same initial weights from the same seed', () => {
    for (const activation of ['relu', 'tanh'] as Activation[]) {
      const { gan, trainer } = pair(settingsWith({ seed: 17, packing: 2, noiseDim: 3 }, { activation }));
      const ours = gan.readWeights();
      const theirs = trainer.captureWeights();
      expect(ours.generator).toEqual(theirs.generator);
      expect(ours.discriminator).toEqual(theirs.discriminator);
    }
  });
});

describe('hand-written gradients agree with TF.js autodiff (~1e-4 relative)', () => {
  const losses: LossKind[] = ['minimax', 'nonSaturating', 'leastSquares', 'hinge'];
  const activations: Activation[] = ['relu', 'leakyRelu', 'tanh'];
  for (const loss of losses) {
    for (const activation of activations) {
      for (const { packing, realLabel } of [{ packing: 1, realLabel: 1 }, { packing: 2, realLabel: 0.9 }]) {
        it(`${loss}, ${activation}, packing ${packing}, real label ${realLabel}`, () => {
          const settings = settingsWith({ loss, packing, realLabel, seed: 5 }, { activation });
          const { gan, trainer } = pair(settings);
          const rng = new SeededRandom(123);
          const n = settings.batchSize;
          const real = trainer.distribution.sample(n, rng);
          // Fakes spread around the ring so every loss branch (e.g. hinge margins) is exercised.
          const fake = rng.fillNormal(new Float32Array(2 * n), 0.8);
          const noise = trainer.sampleNoise(n, rng);

          const d = gan.discriminatorGradients(real, fake);
          const dRef = tfGradients(trainer.discriminator, () => {
            const r = mlpForward(trainer.discriminator, packed(tf.tensor2d(real, [n, 2]), packing));
            const f = mlpForward(trainer.discriminator, packed(tf.tensor2d(fake, [n, 2]), packing));
            return discriminatorLoss(loss, r, f, realLabel);
          });
          expect(d.loss).toBeCloseTo(dRef.loss, 4);
          expect(relativeError(d.gradients, dRef.gradients)).toBeLessThan(1e-4);

          const g = gan.generatorGradients(noise);
          const gRef = tfGradients(trainer.generator, () => {
            const x = mlpForward(trainer.generator, tf.tensor2d(noise, [n, settings.noiseDim]));
            return generatorLoss(loss, mlpForward(trainer.discriminator, packed(x, packing)));
          });
          expect(g.loss).toBeCloseTo(gRef.loss, 4);
          expect(relativeError(g.gradients, gRef.gradients)).toBeLessThan(1e-4);
        });
      }
    }
  }
});

describe('Float32Gan trains the same run as GanTrainer', () => {
  const optimizers: Partial<NetworkSettings>[] = [
    { optimizer: 'sgd', momentum: 0, learningRate: 0.05 },
    { optimizer: 'sgd', momentum: 0.9, learningRate: 0.01 },
    { optimizer: 'adam', learningRate: 0.002 },
  ];
  for (const opt of optimizers) {
    it(`${opt.optimizer}${opt.optimizer === 'sgd' ? `, momentum ${opt.momentum}` : ''}: weights stay together over 30 epochs`, () => {
      const settings = settingsWith({ dSteps: 2, seed: 9 }, { activation: 'tanh', ...opt });
      const { gan, trainer } = pair(settings);
      const start = gan.readWeights();
      for (let i = 0; i < 30; i++) {
        gan.trainEpoch();
        trainer.trainEpoch();
      }
      expect(gan.generatorSteps).toBe(30);
      expect(gan.discriminatorSteps).toBe(60);
      const ours = gan.readWeights();
      const theirs = trainer.captureWeights();
      // Training really moved the weights, and both moved them the same way.
      const movedG = relativeError(start.generator, theirs.generator);
      const movedD = relativeError(start.discriminator, theirs.discriminator);
      expect(movedG).toBeGreaterThan(5e-3);
      expect(movedD).toBeGreaterThan(5e-3);
      expect(relativeError(ours.generator, theirs.generator)).toBeLessThan(movedG / 100);
      expect(relativeError(ours.discriminator, theirs.discriminator)).toBeLessThan(movedD / 100);
    });
  }

  it('draws the same noise and real batches (grid and curves alike)', () => {
    for (const dataset of ['grid', 'moons'] as const) {
      const settings = settingsWith({ dataset, modes: 25, sigma: 0.05, noiseKind: 'uniform' }, { optimizer: 'sgd', momentum: 0, learningRate: 0.01 });
      const { gan, trainer } = pair(settings);
      for (let i = 0; i < 5; i++) {
        gan.trainEpoch();
        trainer.trainEpoch();
      }
      expect(relativeError(gan.readWeights().discriminator, trainer.captureWeights().discriminator)).toBeLessThan(1e-4);
    }
  });
});

describe('Float32Gan API', () => {
  it('generates and judges like the TF.js networks with the same weights', () => {
    const settings = settingsWith({ packing: 2 }, { activation: 'leakyRelu' });
    const { gan, trainer } = pair(settings);
    const noise = trainer.sampleNoise(8, new SeededRandom(4));
    const ours = gan.generate(noise);
    const theirs = trainer.generate(noise);
    ours.forEach((v, i) => expect(v).toBeCloseTo(theirs[i], 5));
    const judged = gan.discriminate(ours);
    expect(judged.length).toBe(4);
    const reference = tf.tidy(() => mlpForward(trainer.discriminator, tf.tensor2d(ours, [4, 4])).dataSync());
    judged.forEach((v, i) => expect(v).toBeCloseTo(reference[i], 5));
  });

  it('round-trips weights and refuses ones of the wrong shape', () => {
    const gan = new Float32Gan(settingsWith({ seed: 1 }));
    const other = new Float32Gan(settingsWith({ seed: 2 }));
    other.writeWeights(gan.readWeights());
    expect(other.readWeights()).toEqual(gan.readWeights());
    const w = gan.readWeights();
    expect(() => gan.writeWeights({ ...w, generator: w.generator.slice(1) })).toThrow(/generator: expected 6 weight arrays, got 5/);
    expect(() => gan.writeWeights({ ...w, discriminator: [new Float32Array(3), ...w.discriminator.slice(1)] })).toThrow(/discriminator: weight array 0 has 3 values, expected 24/);
  });

  it('refuses what it does not implement and batches it cannot hold', () => {
    expect(() => new Float32Gan(settingsWith({ loss: 'wganGp' }))).toThrow(/WGAN-GP/);
    const gan = new Float32Gan(settingsWith({ packing: 2 }));
    expect(() => gan.generatorGradients(new Float32Array(2 * 64))).toThrow(/from 2 to 32, in multiples of 2; got 64/);
    expect(() => gan.discriminatorGradients(new Float32Array(6), new Float32Array(6))).toThrow(/got 3/);
    expect(() => gan.discriminatorGradients(new Float32Array(8), new Float32Array(4))).toThrow(/same number of points/);
  });
});
