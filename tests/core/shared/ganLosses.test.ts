import { beforeAll, describe, expect, it } from 'vitest';
import * as tf from '../../../src/core/shared/tf';
import { discriminatorLoss, discriminatorOutputGradient, generatorLoss, generatorOutputGradient, verdictOf } from '../../../src/core/shared/ganLosses';
import { LOSS_KINDS } from '../../../src/core/pointGan/ganSettings';

// Hand-computed references in float64.
const softplus = (x: number) => Math.log(1 + Math.exp(x));
const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
const relu = (x: number) => Math.max(0, x);

const REAL = [2, -1, 0.3];
const FAKE = [0.5, -3, 1.5];

function dLoss(kind: (typeof LOSS_KINDS)[number], real: number[], fake: number[], realLabel = 1): number {
  return tf.tidy(() => discriminatorLoss(kind, tf.tensor1d(real), tf.tensor1d(fake), realLabel).dataSync()[0]);
}
function gLoss(kind: (typeof LOSS_KINDS)[number], fake: number[]): number {
  return tf.tidy(() => generatorLoss(kind, tf.tensor1d(fake)).dataSync()[0]);
}

beforeAll(async () => {
  await tf.setBackend('cpu');
  expect(tf.getBackend()).toBe('cpu');
});

describe('discriminator losses', () => {
  it('minimax and non-saturating: binary cross-entropy on logits', () => {
    const expected = mean(REAL.map((r) => softplus(-r))) + mean(FAKE.map(softplus));
    expect(dLoss('minimax', REAL, FAKE)).toBeCloseTo(expected, 5);
    expect(dLoss('nonSaturating', REAL, FAKE)).toBeCloseTo(expected, 5);
  });

  it('one-sided label smoothing targets t for reals and leaves fakes at 0', () => {
    const t = 0.9;
    const expected = mean(REAL.map((r) => t * softplus(-r) + (1 - t) * softplus(r))) + mean(FAKE.map(softplus));
    expect(dLoss('nonSaturating', REAL, FAKE, t)).toBeCloseTo(expected, 5);
    // Smoothing changes the value: a perfectly confident D is no longer optimal.
    expect(Math.abs(dLoss('nonSaturating', REAL, FAKE, t) - dLoss('nonSaturating', REAL, FAKE))).toBeGreaterThan(0.01);
  });

  it('least squares: ½E[(D(x) − t)²] + ½E[D(G(z))²]', () => {
    expect(dLoss('leastSquares', REAL, FAKE)).toBeCloseTo(0.5 * mean(REAL.map((r) => (r - 1) ** 2)) + 0.5 * mean(FAKE.map((f) => f * f)), 5);
    expect(dLoss('leastSquares', REAL, FAKE, 0.8)).toBeCloseTo(0.5 * mean(REAL.map((r) => (r - 0.8) ** 2)) + 0.5 * mean(FAKE.map((f) => f * f)), 5);
  });

  it('WGAN critic: E[D(fake)] − E[D(real)] (the penalty is added by the trainer)', () => {
    expect(dLoss('wganGp', REAL, FAKE)).toBeCloseTo(mean(FAKE) - mean(REAL), 5);
  });

  it('hinge: E[relu(1 − D(x))] + E[relu(1 + D(G(z)))]', () => {
    expect(dLoss('hinge', REAL, FAKE)).toBeCloseTo(mean(REAL.map((r) => relu(1 - r))) + mean(FAKE.map((f) => relu(1 + f))), 5);
  });

  it('a perfect log-loss discriminator has loss near 0 and a clueless one ln 4', () => {
    expect(dLoss('nonSaturating', [20, 20], [-20, -20])).toBeLessThan(1e-6);
    expect(dLoss('nonSaturating', [0, 0], [0, 0])).toBeCloseTo(Math.log(4), 5);
  });
});

describe('generator losses', () => {
  it('match their definitions', () => {
    expect(gLoss('minimax', FAKE)).toBeCloseTo(-mean(FAKE.map(softplus)), 5);
    expect(gLoss('nonSaturating', FAKE)).toBeCloseTo(mean(FAKE.map((f) => softplus(-f))), 5);
    expect(gLoss('leastSquares', FAKE)).toBeCloseTo(0.5 * mean(FAKE.map((f) => (f - 1) ** 2)), 5);
    expect(gLoss('wganGp', FAKE)).toBeCloseTo(-mean(FAKE), 5);
    expect(gLoss('hinge', FAKE)).toBeCloseTo(-mean(FAKE), 5);
  });

  it('minimax saturates when D rejects the fakes, non-saturating does not', () => {
    const slope = (kind: 'minimax' | 'nonSaturating') =>
      tf.tidy(() => tf.grad((f: tf.Tensor) => generatorLoss(kind, f))(tf.tensor1d([-8])).dataSync()[0]);
    // d/df of −softplus(f) is −σ(f) ≈ −3e-4; of softplus(−f) it is σ(f) − 1 ≈ −1.
    expect(Math.abs(slope('minimax'))).toBeLessThan(1e-3);
    expect(Math.abs(slope('nonSaturating'))).toBeGreaterThan(0.99);
  });

  it('leave no tensors behind', () => {
    const before = tf.memory().numTensors;
    for (const kind of LOSS_KINDS) {
      dLoss(kind, REAL, FAKE, 0.9);
      gLoss(kind, FAKE);
    }
    expect(tf.memory().numTensors).toBe(before);
  });
});

describe('hand-derived output gradients match TF.js autodiff of the losses', () => {
  // Uneven counts check each half's 1/n; values straddle the hinge margins at ±1.
  const real = [2, -1, 0.3, 0.95];
  const fake = [0.5, -3, 1.5, -0.7, 0.2];
  for (const kind of LOSS_KINDS) {
    for (const realLabel of [1, 0.9]) {
      it(`${kind}, real label ${realLabel}`, () => {
        const [expectedReal, expectedFake] = tf.tidy(() => {
          const f = (r: tf.Tensor, q: tf.Tensor) => discriminatorLoss(kind, r, q, realLabel);
          return tf.grads(f)([tf.tensor2d(real, [4, 1]), tf.tensor2d(fake, [5, 1])]).map((g) => Array.from(g.dataSync()));
        });
        const ours = tf.tidy(() => Array.from(discriminatorOutputGradient(kind, tf.tensor2d([...real, ...fake], [9, 1]), 4, realLabel).dataSync()));
        [...expectedReal, ...expectedFake].forEach((v, i) => expect(ours[i]).toBeCloseTo(v, 6));

        const expectedG = tf.tidy(() => Array.from(tf.grad((q: tf.Tensor) => generatorLoss(kind, q))(tf.tensor2d(fake, [5, 1])).dataSync()));
        const oursG = tf.tidy(() => Array.from(generatorOutputGradient(kind, tf.tensor2d(fake, [5, 1])).dataSync()));
        expectedG.forEach((v, i) => expect(oursG[i]).toBeCloseTo(v, 6));
      });
    }
  }
});

describe('verdictOf', () => {
  it('is a probability for the log losses, clamped for least squares, the raw score otherwise', () => {
    expect(verdictOf('nonSaturating', 0)).toBe(0.5);
    expect(verdictOf('minimax', Math.log(3))).toBeCloseTo(0.75, 10);
    expect(verdictOf('leastSquares', 1.7)).toBe(1);
    expect(verdictOf('leastSquares', -0.2)).toBe(0);
    expect(verdictOf('leastSquares', 0.4)).toBe(0.4);
    expect(verdictOf('wganGp', -3.5)).toBe(-3.5);
    expect(verdictOf('hinge', 2.5)).toBe(2.5);
  });
});
