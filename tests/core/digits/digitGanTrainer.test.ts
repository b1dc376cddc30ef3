import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import * as tf from '../../../src/core/shared/tf';
import '@tensorflow/tfjs-backend-wasm';
import { registerWasmFastKernels } from '../../../src/core/shared/wasmFastKernels';
import { DigitGanTrainer, type RealBatch } from '../../../src/core/digits/digitGanTrainer';
import { DEFAULT_DIGIT_SETTINGS, cloneDigitSettings, defaultDigitNetwork, type DigitGanSettings } from '../../../src/core/mnist/digitGanSettings';
import { SeededRandom } from '../../../src/core/shared/seededRandom';

async function useBackend(name: 'wasm' | 'cpu'): Promise<void> {
  expect(await tf.setBackend(name)).toBe(true);
  expect(tf.getBackend()).toBe(name);
}

beforeAll(async () => {
  tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', false);
  await useBackend('wasm');
  registerWasmFastKernels();
});

const live: DigitGanTrainer[] = [];
afterEach(() => {
  for (const t of live.splice(0)) t.dispose();
});

type Variant = Partial<DigitGanSettings>;
const VARIANTS: [string, Variant][] = [
  ['mlp', { architecture: 'mlp' }],
  ['mlp, conditional', { architecture: 'mlp', conditional: true }],
  ['dcgan/transposed', { architecture: 'dcgan', upsampling: 'transposed' }],
  ['dcgan/transposed, conditional', { architecture: 'dcgan', upsampling: 'transposed', conditional: true }],
  ['dcgan/resize', { architecture: 'dcgan', upsampling: 'resize' }],
  ['dcgan/resize, conditional', { architecture: 'dcgan', upsampling: 'resize', conditional: true }],
];

/** Small and fast: what matters here is the plumbing, not the quality. */
function tiny(overrides: Variant = {}, net: Parameters<typeof defaultDigitNetwork>[0] = {}): DigitGanSettings {
  return {
    ...cloneDigitSettings(DEFAULT_DIGIT_SETTINGS),
    latentSize: 8,
    batchSize: 8,
    generator: defaultDigitNetwork({ width: 4, ...net }),
    discriminator: defaultDigitNetwork({ width: 4, ...net }),
    ...overrides,
  };
}

function trainer(s: DigitGanSettings): DigitGanTrainer {
  const t = new DigitGanTrainer(s);
  live.push(t);
  return t;
}

/** A seeded real batch (images in [-1, 1], labels 0–9 cycling) that the caller disposes. */
function realBatch(s: DigitGanSettings, seed = 1): RealBatch {
  const images = tf.tensor4d(new SeededRandom(seed).fillUniform(new Float32Array(s.batchSize * 784), -1, 1), [s.batchSize, 28, 28, 1]);
  return { images, labels: s.conditional ? Int32Array.from({ length: s.batchSize }, (_, i) => i % 10) : undefined };
}

const snapshot = (vars: { tensor: tf.Tensor }[]) => vars.map((v) => v.tensor.dataSync().slice() as Float32Array);
const changed = (a: Float32Array, b: Float32Array) => a.some((x, i) => x !== b[i]);

describe('DigitGanTrainer: gradients reach every weight, and only the stepped network moves', () => {
  for (const [name, variant] of [...VARIANTS, ['dcgan/resize, conditional, WGAN-GP', { architecture: 'dcgan', upsampling: 'resize', conditional: true, loss: 'wganGp' }] as [string, Variant]]) {
    it(name, () => {
      const s = tiny(variant);
      const t = trainer(s);
      const real = realBatch(s);
      const gNames = t.namedWeights().filter((w) => w.name.startsWith('g/'));
      const dNames = t.namedWeights().filter((w) => w.name.startsWith('d/'));
      const g0 = snapshot(gNames);
      const d0 = snapshot(dNames);
      t.discriminatorStep(real);
      const d1 = snapshot(dNames);
      // Under WGAN-GP the output bias has no gradient: it cancels in mean D(fake) − mean D(real) and the penalty.
      const frozen = (n: string) => variant.loss === 'wganGp' && n === 'd/out/bias';
      dNames.forEach((w, i) => expect(changed(d0[i], d1[i]), `${w.name} after a D step`).toBe(!frozen(w.name)));
      snapshot(gNames).forEach((v, i) => expect(changed(g0[i], v), `${gNames[i].name} after a D step`).toBe(false));
      t.generatorStep();
      snapshot(gNames).forEach((v, i) => expect(changed(g0[i], v), `${gNames[i].name} after a G step`).toBe(true));
      snapshot(dNames).forEach((v, i) => expect(changed(d1[i], v), `${dNames[i].name} after a G step`).toBe(false));
      expect([t.discriminatorSteps, t.steps]).toEqual([1, 1]);
      real.images.dispose();
    });
  }
});

describe('DigitGanTrainer keeps tensor memory flat over 60 steps on wasm', () => {
  const cases: [string, Variant][] = [
    ...VARIANTS,
    ['dcgan/transposed, conditional, WGAN-GP, 2 D steps', { architecture: 'dcgan', upsampling: 'transposed', conditional: true, loss: 'wganGp', dSteps: 2 }],
    ['mlp, hinge, label smoothing, SGD with momentum', { architecture: 'mlp', loss: 'hinge', realLabel: 0.8 }],
  ];
  for (const [name, variant] of cases) {
    it(name, () => {
      const start = tf.memory().numTensors;
      const s = tiny(variant, name.includes('SGD') ? { optimizer: 'sgd', momentum: 0.9, learningRate: 0.01 } : {});
      const t = trainer(s);
      const real = realBatch(s);
      const batches = [real, realBatch(s, 2)];
      // The first optimizer step creates the optimizers' slots; from then on nothing may grow.
      t.step(real, true);
      const baseline = tf.memory().numTensors;
      const counts: number[] = [];
      // A leak shows on every step it happens on: 60 steps, alternating one and two real batches, six with stats, catch it.
      for (let i = 1; i <= 60; i++) {
        const stats = t.step(i % 2 ? real : batches, i % 10 === 0);
        if (i % 10 === 0) expect(Object.values(stats!).every(Number.isFinite)).toBe(true);
        if (i % 15 === 0) counts.push(tf.memory().numTensors);
      }
      expect(counts).toEqual([baseline, baseline, baseline, baseline]);
      // The lab's per-frame calls leave nothing behind either.
      const labels = s.conditional ? t.fixedLabels(6) : undefined;
      const images = t.generate(t.fixedNoise(6), labels);
      t.discriminate(images, labels);
      const tensor = t.generateTensor(t.sampleNoise(6), labels);
      t.discriminate(tensor, labels);
      tensor.dispose();
      t.loadWeights(new Map(t.namedWeights().map((w) => [w.name, w.tensor])));
      t.step(real);
      expect(tf.memory().numTensors).toBe(baseline);
      tf.dispose(batches.map((b) => b.images));
      live.splice(live.indexOf(t), 1);
      t.dispose();
      expect(tf.memory().numTensors).toBe(start);
    });
  }
});

describe('DigitGanTrainer on wasm matches the cpu backend', () => {
  // SGD without momentum, so a step moves each weight by exactly −lr·gradient: WGAN-GP's
  // gradient of a gradient runs through the replaced wasm kernels (transposed convolutions, matMuls).
  for (const upsampling of ['transposed', 'resize'] as const) {
    it(`one D and one G step of a conditional dcgan/${upsampling} with WGAN-GP`, async () => {
      const s = tiny({ architecture: 'dcgan', upsampling, conditional: true, loss: 'wganGp', batchSize: 4 }, { optimizer: 'sgd', momentum: 0, learningRate: 0.1 });
      const run = () => {
        const t = new DigitGanTrainer(s);
        const real = realBatch(s);
        const before = snapshot(t.namedWeights());
        t.step(real);
        const moves = snapshot(t.namedWeights()).map((after, i) => after.map((x, j) => x - before[i][j]));
        real.images.dispose();
        t.dispose();
        return moves;
      };
      await useBackend('cpu');
      const expected = run();
      await useBackend('wasm');
      const got = run();
      let moved = 0;
      expected.forEach((e, i) => {
        const scale = e.reduce((m, x) => Math.max(m, Math.abs(x)), 0);
        const worst = got[i].reduce((m, x, j) => Math.max(m, Math.abs(x - e[j])), 0);
        if (scale > 0) moved++;
        expect(worst / (scale || 1), `weight ${i}`).toBeLessThan(1e-3);
      });
      expect(moved).toBe(expected.length - 1); // all but d/out/bias (see above)
    });
  }
});

describe('DigitGanTrainer API', () => {
  it('reports stats only when asked, as probabilities for the log losses', () => {
    const s = tiny({ architecture: 'mlp' });
    const t = trainer(s);
    const real = realBatch(s);
    expect(t.step(real)).toBeNull();
    const stats = t.step(real, true)!;
    expect(Object.values(stats).every(Number.isFinite)).toBe(true);
    for (const p of [stats.dReal, stats.dFake]) expect(p >= 0 && p <= 1).toBe(true);
    expect(stats.gradNormD).toBeGreaterThan(0);
    expect(stats.gradNormG).toBeGreaterThan(0);
    real.images.dispose();
  });

  it('is reproducible from the seed', () => {
    const s = tiny({ architecture: 'dcgan', upsampling: 'transposed' });
    const outputs = [1, 1, 2].map((seed) => {
      const t = trainer({ ...s, seed });
      const real = realBatch(s);
      for (let i = 0; i < 3; i++) t.step(real);
      real.images.dispose();
      return Array.from(t.generate(t.fixedNoise(2)));
    });
    expect(outputs[0]).toEqual(outputs[1]);
    expect(outputs[0]).not.toEqual(outputs[2]);
  });

  it('a conditional generator draws different images for different classes from the same noise', () => {
    const s = tiny({ architecture: 'dcgan', upsampling: 'resize', conditional: true });
    const t = trainer(s);
    const z = t.fixedNoise(1);
    const byClass = [0, 7].map((c) => t.generate(z, [c]));
    const diff = Math.max(...byClass[0].map((v, i) => Math.abs(v - byClass[1][i])));
    expect(diff).toBeGreaterThan(1e-3);
    expect(Array.from(t.generate(z, [7]))).toEqual(Array.from(byClass[1]));
    expect(t.fixedLabels(12)).toEqual(Int32Array.from([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 0, 1]));
    const picked = new DigitGanTrainer({ ...s, classes: [3, 8] });
    expect(new Set(picked.sampleLabels(50))).toEqual(new Set([3, 8]));
    picked.dispose();
  });

  it('refuses bad settings, batches and labels with a specific message', () => {
    expect(() => new DigitGanTrainer({ ...tiny(), latentSize: 0 })).toThrow('Invalid digit GAN settings: latentSize must be between 2 and 128');
    const plain = trainer(tiny({ architecture: 'mlp' }));
    const cond = trainer(tiny({ architecture: 'mlp', conditional: true }));
    const wrong = tf.zeros([4, 14, 14, 1]) as tf.Tensor4D;
    const ok = tf.zeros([4, 28, 28, 1]) as tf.Tensor4D;
    expect(() => plain.step({ images: wrong })).toThrow('real images must have shape [b,28,28,1], got [4,14,14,1]');
    expect(() => plain.step({ images: ok, labels: [1, 2, 3, 4] })).toThrow('labels given to an unconditional digit GAN');
    expect(() => cond.step({ images: ok })).toThrow('a conditional digit GAN needs 4 labels, got 0');
    expect(() => cond.step({ images: ok, labels: [1, 2, 3, 10] })).toThrow('labels must be digits 0 to 9');
    expect(() => cond.generate(new Float32Array(8), [1.5])).toThrow('labels must be digits 0 to 9');
    expect(() => plain.generate(new Float32Array(7))).toThrow('noise length 7 is not a multiple of latentSize 8');
    expect(() => plain.step([])).toThrow('at least one real batch');
    tf.dispose([wrong, ok]);
  });

  it('loadWeights checks both networks before writing either, then restarts the optimizers', () => {
    const s = tiny({ architecture: 'dcgan', upsampling: 'resize' });
    const a = trainer(s);
    const b = trainer({ ...s, seed: 9 });
    const before = snapshot(a.namedWeights());
    const fromB = new Map(b.namedWeights().map((w) => [w.name, w.tensor]));
    const broken = new Map(fromB);
    broken.delete('d/out/bias');
    expect(() => a.loadWeights(broken)).toThrow('discriminator weights: missing "d/out/bias"');
    expect(snapshot(a.namedWeights())).toEqual(before);
    a.loadWeights(broken, 'generator');
    expect(Array.from(a.generate(a.fixedNoise(1)))).toEqual(Array.from(b.generate(a.fixedNoise(1))));
    a.loadWeights(fromB);
    expect(snapshot(a.namedWeights())).toEqual(snapshot(b.namedWeights()));
    expect(Number.isNaN(a.latestStats().dLoss)).toBe(true);
  });
});
