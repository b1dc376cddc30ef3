import { beforeAll, describe, expect, it } from 'vitest';
import * as tf from '../../../src/core/shared/tf';
import { GanTrainer } from '../../../src/core/pointGan/ganTrainer';
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
      if (loss !== 'wganGp') {
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
