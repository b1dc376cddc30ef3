import { beforeAll, describe, expect, it } from 'vitest';
import * as tf from '../../../src/core/shared/tf';
import { GanTrainer } from '../../../src/core/pointGan/ganTrainer';
import { createMlp, disposeMlp, mlpForward, mlpVariables } from '../../../src/core/pointGan/mlp';
import { gradientPenaltyWithGrads } from '../../../src/core/pointGan/mlpBackprop';
import { SeededRandom } from '../../../src/core/shared/seededRandom';
import { DEFAULT_SETTINGS, cloneSettings, defaultNetwork, type Activation, type GanSettings, type LossKind } from '../../../src/core/pointGan/ganSettings';

/**
 * The trainer's hand-derived backprop must match TF.js's autodiff. With plain
 * SGD at learning rate 1, one step changes each weight by exactly −gradient,
 * so comparing the weights after one step of each compares the gradients.
 */
function settingsFor(loss: LossKind, activation: Activation, packing: number, realLabel = 1): GanSettings {
  const net = defaultNetwork({ hidden: [7, 5], activation, optimizer: 'sgd', momentum: 0, learningRate: 1 });
  return { ...cloneSettings(DEFAULT_SETTINGS), loss, packing, realLabel, batchSize: 24, seed: 11, generator: net, discriminator: { ...net, hidden: [6, 4] } };
}

function weightsAfterStep(settings: GanSettings, mode: 'manual' | 'autograd', kind: 'discriminator' | 'generator'): Float32Array[] {
  const trainer = new GanTrainer(settings);
  trainer.gradientMode = mode;
  const before = trainer.captureWeights();
  trainer.step(kind, false);
  const after = trainer.captureWeights();
  trainer.dispose();
  const net = kind === 'discriminator' ? 'discriminator' : 'generator';
  return after[net].map((a, i) => a.map((v, j) => v - before[net][i][j]));
}

function expectClose(actual: Float32Array[], expected: Float32Array[]): void {
  expect(actual.length).toBe(expected.length);
  let scale = 0;
  for (const e of expected) for (const v of e) scale = Math.max(scale, Math.abs(v));
  expect(scale).toBeGreaterThan(1e-6); // the step really moved the weights
  actual.forEach((a, i) => a.forEach((v, j) => expect(Math.abs(v - expected[i][j])).toBeLessThan(1e-4 * Math.max(1, scale))));
}

beforeAll(async () => {
  await tf.setBackend('cpu');
  expect(tf.getBackend()).toBe('cpu');
});

describe('hand-derived backprop matches TF.js autodiff', () => {
  const losses: LossKind[] = ['minimax', 'nonSaturating', 'leastSquares', 'hinge', 'wganGp'];
  const activations: Activation[] = ['relu', 'leakyRelu', 'tanh'];
  for (const loss of losses) {
    for (const activation of activations) {
      it(`generator step, ${loss}, ${activation}`, () => {
        const s = settingsFor(loss, activation, 1);
        expectClose(weightsAfterStep(s, 'manual', 'generator'), weightsAfterStep(s, 'autograd', 'generator'));
      });
      // WGAN-GP's discriminator step with tanh stays on the autodiff path (tested below).
      if (loss !== 'wganGp' || activation !== 'tanh') {
        it(`discriminator step, ${loss}, ${activation}`, () => {
          const s = settingsFor(loss, activation, 1);
          expectClose(weightsAfterStep(s, 'manual', 'discriminator'), weightsAfterStep(s, 'autograd', 'discriminator'));
        });
      }
    }
  }

  it('with packing and one-sided label smoothing', () => {
    const s = settingsFor('nonSaturating', 'leakyRelu', 3, 0.9);
    expectClose(weightsAfterStep(s, 'manual', 'discriminator'), weightsAfterStep(s, 'autograd', 'discriminator'));
    expectClose(weightsAfterStep(s, 'manual', 'generator'), weightsAfterStep(s, 'autograd', 'generator'));
  });

  it('hinge loss with outputs on both sides of the margin', () => {
    // Large initial weights push some outputs past ±1, so the margin's cut-off is exercised.
    const s = settingsFor('hinge', 'relu', 2);
    s.discriminator = { ...s.discriminator, hidden: [16] };
    expectClose(weightsAfterStep(s, 'manual', 'discriminator'), weightsAfterStep(s, 'autograd', 'discriminator'));
  });
});

describe('WGAN-GP gradient penalty by hand (Gulrajani et al. 2017)', () => {
  /** The penalty and its weight gradients by TF.js's autodiff: a gradient of a gradient. */
  function autodiffPenalty(activation: Activation, sizes: number[], points: Float32Array, lambda: number): { penalty: number; grads: Float32Array[] } {
    const net = createMlp('critic', sizes, activation, new SeededRandom(5));
    const x = tf.tensor2d(points, [points.length / sizes[0], sizes[0]]);
    const { value, grads } = tf.variableGrads(() => tf.tidy(() => {
      const g = tf.grad((p: tf.Tensor) => tf.sum(mlpForward(net, p as tf.Tensor2D, true)))(x);
      const norms = tf.sqrt(tf.add(tf.sum(tf.square(g), 1), 1e-12));
      return tf.mul(lambda, tf.mean(tf.square(tf.sub(norms, 1)))) as tf.Scalar;
    }), mlpVariables(net));
    // A variable the penalty does not depend on (a bias, through relu) gets no entry: its gradient is zero.
    const result = { penalty: value.dataSync()[0], grads: mlpVariables(net).map((v) => (grads[v.name]?.dataSync() as Float32Array) ?? new Float32Array(v.size)) };
    tf.dispose([x, value, ...Object.values(grads)]);
    disposeMlp(net);
    return result;
  }

  function manualPenalty(activation: Activation, sizes: number[], points: Float32Array, lambda: number): { penalty: number; grads: Float32Array[] } {
    const net = createMlp('critic', sizes, activation, new SeededRandom(5));
    const result = tf.tidy(() => {
      const gp = gradientPenaltyWithGrads(net, tf.tensor2d(points, [points.length / sizes[0], sizes[0]]), lambda);
      return { penalty: gp.penalty.dataSync()[0], grads: gp.paramGrads.map((g) => g.dataSync() as Float32Array) };
    });
    disposeMlp(net);
    return result;
  }

  for (const activation of ['relu', 'leakyRelu'] as const) {
    for (const sizes of [[2, 9, 7, 1], [6, 8, 1], [4, 5, 6, 3, 1]]) {
      it(`matches autodiff: ${activation}, layers ${sizes.join('-')}`, () => {
        const points = new SeededRandom(sizes.length).fillNormal(new Float32Array(40 * sizes[0]));
        const lambda = 10;
        const expected = autodiffPenalty(activation, sizes, points, lambda);
        const actual = manualPenalty(activation, sizes, points, lambda);
        expect(expected.penalty).toBeGreaterThan(1e-3);
        expect(actual.penalty).toBeCloseTo(expected.penalty, 4);
        // Weight gradients match and are not all zero; bias gradients are zero on both sides.
        expectClose(actual.grads.filter((_, i) => i % 2 === 0), expected.grads.filter((_, i) => i % 2 === 0));
        for (let i = 1; i < expected.grads.length; i += 2) {
          for (const v of [...expected.grads[i], ...actual.grads[i]]) expect(Math.abs(v)).toBeLessThan(1e-6);
        }
      });
    }
  }

  it('refuses tanh, whose second derivative is not zero', () => {
    const net = createMlp('critic', [2, 4, 1], 'tanh', new SeededRandom(1));
    expect(() => tf.tidy(() => { gradientPenaltyWithGrads(net, tf.zeros([3, 2]), 1); })).toThrow(/tanh/);
    disposeMlp(net);
  });

  it('WGAN-GP discriminator step with packing: the penalty\'s norm spans the pack', () => {
    const s = settingsFor('wganGp', 'leakyRelu', 3);
    s.gpWeight = 10;
    expectClose(weightsAfterStep(s, 'manual', 'discriminator'), weightsAfterStep(s, 'autograd', 'discriminator'));
  });

  it('WGAN-GP discriminator step with tanh stays on autodiff and matches it', () => {
    const s = settingsFor('wganGp', 'tanh', 1);
    expectClose(weightsAfterStep(s, 'manual', 'discriminator'), weightsAfterStep(s, 'autograd', 'discriminator'));
  });

  it('manual and autodiff WGAN-GP runs stay together over several steps with stats (same random draws)', () => {
    const s = settingsFor('wganGp', 'relu', 1);
    s.gpWeight = 10;
    s.discriminator = { ...s.discriminator, optimizer: 'adam', learningRate: 0.01 };
    const run = (mode: 'manual' | 'autograd') => {
      const trainer = new GanTrainer(s);
      trainer.gradientMode = mode;
      let stats = trainer.step('discriminator', true)!;
      for (let i = 0; i < 4; i++) stats = trainer.step('both', true)!;
      const w = trainer.captureWeights().discriminator;
      trainer.dispose();
      return { stats, w };
    };
    const manual = run('manual');
    const auto = run('autograd');
    expect(manual.stats.dLoss).toBeCloseTo(auto.stats.dLoss, 4);
    expect(manual.stats.gradNormD).toBeCloseTo(auto.stats.gradNormD, 3);
    expectClose(manual.w, auto.w);
  });

  it('leaves no tensors behind after the first optimizer step', () => {
    const s = settingsFor('wganGp', 'leakyRelu', 2);
    s.discriminator = { ...s.discriminator, optimizer: 'adam' };
    const trainer = new GanTrainer(s);
    trainer.step('both', true);
    const before = tf.memory().numTensors;
    for (let i = 0; i < 3; i++) trainer.step('both', i === 1);
    expect(tf.memory().numTensors).toBe(before);
    trainer.dispose();
  });
});
