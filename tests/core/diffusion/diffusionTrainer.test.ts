import { beforeAll, describe, expect, it } from 'vitest';
import * as tf from '../../../src/core/shared/tf';
import '@tensorflow/tfjs-backend-wasm';
import { registerWasmFastKernels } from '../../../src/core/shared/wasmFastKernels';
import { DiffusionTrainer, emaDecayAt } from '../../../src/core/diffusion/diffusionTrainer';
import {
  DEFAULT_DIFFUSION_SETTINGS, diffusionSettingsProblems, sameDiffusionSettings, type DiffusionSettings,
} from '../../../src/core/diffusion/diffusionSettings';
import { flowMatchingLoss, noisePredictionLoss } from '../../../src/core/diffusion/diffusionObjectives';
import { timeEmbedding } from '../../../src/core/denoising/timeEmbedding';
import { decodeDiffusionCheckpoint, encodeDiffusionCheckpoint } from '../../../src/core/diffusion/diffusionCheckpoint';
import { measureModeCoverage } from '../../../src/core/points/modeCoverage';

beforeAll(async () => {
  tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', false);
  expect(await tf.setBackend('wasm')).toBe(true);
  registerWasmFastKernels();
});

const small = (change: Partial<DiffusionSettings> = {}): DiffusionSettings => ({ ...DEFAULT_DIFFUSION_SETTINGS, hidden: [32, 32], batchSize: 128, seed: 2, ...change });

describe('diffusion settings', () => {
  it('accepts the defaults and names every bad field', () => {
    expect(diffusionSettingsProblems(DEFAULT_DIFFUSION_SETTINGS)).toEqual([]);
    expect(diffusionSettingsProblems({ ...DEFAULT_DIFFUSION_SETTINGS, timesteps: 5, timeEmbedding: 7, hidden: [], objective: 'score' as never, learningRate: 0 })).toEqual([
      'objective must be one of epsilon, velocity',
      'timesteps must be between 10 and 1000',
      'hidden must list 1 to 4 layer widths',
      'timeEmbedding (7) must be even: it holds sine and cosine pairs',
      'learningRate must be between 0.00001 and 0.1',
    ]);
    expect(diffusionSettingsProblems({ ...DEFAULT_DIFFUSION_SETTINGS, hidden: [64, 3.5] })).toEqual(['hidden[1] must be between 4 and 256']);
    expect(diffusionSettingsProblems({ ...DEFAULT_DIFFUSION_SETTINGS, ema: 'yes' as never })).toEqual(['ema must be true or false']);
    // A link or file without the field samples with the latest weights, as the defaults do.
    const { ema: _ema, ...withoutEma } = DEFAULT_DIFFUSION_SETTINGS;
    expect(diffusionSettingsProblems(withoutEma)).toEqual([]);
    expect(sameDiffusionSettings(withoutEma, DEFAULT_DIFFUSION_SETTINGS)).toBe(true);
    expect(sameDiffusionSettings({ ...DEFAULT_DIFFUSION_SETTINGS, ema: true }, DEFAULT_DIFFUSION_SETTINGS)).toBe(false);
    const plain = new DiffusionTrainer(small({ hidden: [4] }));
    expect(plain.usesEma).toBe(false);
    plain.dispose();
    expect(() => new DiffusionTrainer({ ...DEFAULT_DIFFUSION_SETTINGS, batchSize: 0 })).toThrow('Invalid diffusion settings: batchSize must be between 8 and 1024');
  });
});

describe('the objectives', () => {
  it('are zero for the true noise or velocity and E‖target‖² for a network that says 0', () => {
    const x0 = tf.tensor2d([[1, 2], [-1, 0.5], [0.3, -2]]);
    const eps = tf.tensor2d([[0.5, -1], [2, 0.1], [-0.7, 0.2]]);
    const signal = tf.tensor2d([[0.9], [0.5], [0.1]]);
    const noise = tf.sqrt(tf.sub(1, tf.square(signal))) as tf.Tensor2D;
    // A network that knows x_0 reads ε back out of x_t exactly.
    const exactEps = (xt: tf.Tensor2D) => tf.div(tf.sub(xt, tf.mul(signal, x0)), noise) as tf.Tensor2D;
    expect(noisePredictionLoss(exactEps, x0, eps, signal, noise).dataSync()[0]).toBeCloseTo(0, 5);
    const zero = (xt: tf.Tensor2D) => tf.zerosLike(xt);
    const meanSquare = (t: tf.Tensor) => tf.mean(tf.square(t)).dataSync()[0];
    expect(noisePredictionLoss(zero, x0, eps, signal, noise).dataSync()[0]).toBeCloseTo(meanSquare(eps), 5);
    const taus = tf.tensor2d([[0.2], [0.5], [0.9]]);
    expect(flowMatchingLoss((xt) => tf.sub(eps, x0).add(tf.mul(xt, 0)) as tf.Tensor2D, x0, eps, taus).dataSync()[0]).toBeCloseTo(0, 6);
    expect(flowMatchingLoss(zero, x0, eps, taus).dataSync()[0]).toBeCloseTo(meanSquare(tf.sub(eps, x0)), 5);
    tf.dispose([x0, eps, signal, noise, taus]);
  });

  it('embeds time as sine and cosine pairs at geometric frequencies', () => {
    const e = timeEmbedding(tf.tensor1d([0, 0.001]), 4);
    // ω = 1 and 10000^(−1/2) = 0.01; τ = 0.001 is step 1.
    expect(Array.from(e.dataSync())).toEqual([0, 0, 1, 1, Math.sin(1), Math.sin(0.01), Math.cos(1), Math.cos(0.01)].map((v) => Math.fround(v)).map((v, i) => (i < 4 ? v : expect.closeTo(v, 6))));
    e.dispose();
  });
});

describe('the trainer', () => {
  it('leaks no tensor once the optimizer has its moments, and its loss falls', () => {
    const trainer = new DiffusionTrainer(small({ batchSize: 64 }));
    const first = trainer.step(true)!;
    const count = tf.memory().numTensors;
    const losses: number[] = [];
    for (let i = 0; i < 200; i++) {
      const loss = trainer.step(i % 10 === 0);
      if (loss !== null) losses.push(loss);
    }
    trainer.sample(50, { sampler: 'ancestral', steps: 100, seed: 1, trajectory: true });
    trainer.field(30, 5, trainer.bounds);
    expect(tf.memory().numTensors).toBe(count);
    const late = losses.slice(-10).reduce((a, b) => a + b) / 10;
    expect(late).toBeLessThan(0.6 * first);
    expect(trainer.steps).toBe(201);
    trainer.dispose();
    expect(tf.memory().numTensors).toBeLessThan(count);
  });

  it.each([
    ['epsilon', 'ddim', 'ancestral'],
    ['velocity', 'euler', 'euler'],
  ] as const)('%s: after a short training on the 8-mode ring, the samples cover most modes, also with 10 steps', (objective, fewSteps, fullSteps) => {
    const trainer = new DiffusionTrainer(small({ objective, seed: 4 }));
    const centers = trainer.distribution.modeCenters!;
    const sigma = trainer.distribution.sigma;
    const untrained = measureModeCoverage(trainer.sample(1000, { sampler: fullSteps, steps: 100, seed: 9 }).samples, centers, sigma);
    for (let i = 0; i < 700; i++) trainer.step(false);
    const full = measureModeCoverage(trainer.sample(1000, { sampler: fullSteps, steps: 100, seed: 9 }).samples, centers, sigma);
    const few = measureModeCoverage(trainer.sample(1000, { sampler: fewSteps, steps: 10, seed: 9 }).samples, centers, sigma);
    for (const c of [full, few]) {
      expect(c.modesCovered).toBeGreaterThanOrEqual(7);
      // Near a mode, not a blur: twice the untrained fraction at least (noise lands near a mode by chance).
      expect(c.highQualityFraction).toBeGreaterThan(Math.max(0.08, 2 * untrained.highQualityFraction));
      // No mode starved: each holds at least a third of its fair share of the good samples.
      const good = c.perModeHighQuality.reduce((a, b) => a + b, 0);
      expect(Math.min(...c.perModeHighQuality)).toBeGreaterThan(good / 8 / 3);
    }
    trainer.dispose();
  });

  it('returns trajectories from the noise to the samples, and the field at t points towards the data', () => {
    const trainer = new DiffusionTrainer(small({ timesteps: 50, seed: 6 }));
    for (let i = 0; i < 300; i++) trainer.step(false);
    const r = trainer.sample(40, { sampler: 'ddim', steps: 10, seed: 2, trajectory: true });
    expect(Array.from(r.times)).toEqual([46, 41, 36, 31, 26, 21, 16, 11, 6, 1, 0]);
    expect(r.trajectory!.length).toBe(11 * 80);
    expect(Array.from(r.trajectory!.subarray(10 * 80))).toEqual(Array.from(r.samples));
    // The same seed gives the same particles; the trajectory starts at the noise.
    expect(Array.from(trainer.sample(40, { sampler: 'ddim', steps: 10, seed: 2 }).samples)).toEqual(Array.from(r.samples));
    // Far outside the ring, the score points back in (towards the origin).
    const b = { xMin: -4, xMax: 4, yMin: -4, yMax: 4 };
    const field = trainer.field(25, 3, b);
    for (const [cell, x, y] of [[0, -4, 4], [2, 4, 4], [6, -4, -4], [8, 4, -4]] as const) {
      expect(field[2 * cell] * x + field[2 * cell + 1] * y).toBeLessThan(0);
    }
    expect(() => trainer.field(0, 3, b)).toThrow('from 1 to 50 (got 0)');
    expect(() => trainer.sample(10, { sampler: 'euler', steps: 5, seed: 1 })).toThrow('the euler sampler does not fit the epsilon objective; use ancestral or ddim');
    trainer.dispose();
  });

  it('saves a checkpoint that loads back into a fresh trainer with the same samples, and refuses one that does not fit', () => {
    const trainer = new DiffusionTrainer(small({ seed: 8 }));
    for (let i = 0; i < 20; i++) trainer.step(false);
    const bytes = encodeDiffusionCheckpoint({ ...trainer.captureWeights(), settings: trainer.settings, trainedSeconds: 3 });
    const back = decodeDiffusionCheckpoint(bytes);
    expect(back.steps).toBe(20);
    expect(back.settings).toEqual(trainer.settings);
    const fresh = new DiffusionTrainer(back.settings);
    fresh.restoreWeights(back);
    expect(fresh.steps).toBe(20);
    const options = { sampler: 'ddim' as const, steps: 10, seed: 3 };
    expect(Array.from(fresh.sample(30, options).samples)).toEqual(Array.from(trainer.sample(30, options).samples));
    const other = new DiffusionTrainer(small({ hidden: [16, 16] }));
    expect(() => other.restoreWeights(back)).toThrow('Denoiser weights: "dense0.kernel" has shape [18,32], expected [18,16]');
    expect(() => decodeDiffusionCheckpoint(bytes.subarray(0, 40))).toThrow(/unusable/);
    tf.dispose();
    [trainer, fresh, other].forEach((t) => t.dispose());
  });

  it('keeps the moving average of the weights it samples with: known decays after known steps, no leak, saved and loaded', () => {
    expect(emaDecayAt(0, 0.999)).toBeCloseTo(0.1, 12);
    expect(emaDecayAt(8, 0.999)).toBeCloseTo(0.5, 12);
    expect(emaDecayAt(20_000, 0.999)).toBe(0.999);
    const decay = 0.5;
    const trainer = new DiffusionTrainer(small({ hidden: [8], seed: 11, ema: true }), { emaDecay: decay });
    expect(trainer.usesEma).toBe(true);
    const plain = new DiffusionTrainer(small({ hidden: [8], seed: 11, ema: false }));
    expect(plain.usesEma).toBe(false);
    // The reference average, in float64, from the weights after each step.
    let average = trainer.captureWeights().weights.map((w) => Float64Array.from(w.data));
    expect(trainer.captureSamplingWeights().map((w) => Array.from(w.data))).toEqual(average.map((a) => Array.from(Float32Array.from(a))));
    trainer.step(false);
    const count = tf.memory().numTensors;
    const decays: number[] = [];
    for (let k = 1; k <= 12; k++) {
      if (k > 1) trainer.step(false);
      const d = Math.min(decay, (1 + k) / (10 + k));
      decays.push(d);
      const now = trainer.captureWeights().weights;
      average = average.map((a, i) => a.map((v, j) => d * v + (1 - d) * now[i].data[j]));
    }
    // The warm-up's decays 2/11, 3/12, … until they reach the chosen 0.5 at step 8.
    expect(decays.slice(0, 3)).toEqual([2 / 11, 3 / 12, 4 / 13]);
    expect(decays.slice(7)).toEqual([0.5, 0.5, 0.5, 0.5, 0.5]);
    const ema = trainer.captureSamplingWeights();
    ema.forEach((w, i) => w.data.forEach((v, j) => expect(v).toBeCloseTo(average[i][j], 5)));
    // The average is not the weights themselves, and sampling reads it.
    const raw = trainer.captureWeights().weights;
    expect(raw.some((w, i) => w.data.some((v, j) => Math.abs(v - ema[i].data[j]) > 1e-4))).toBe(true);
    plain.restoreWeights({ steps: 12, weights: ema });
    const options = { sampler: 'ddim' as const, steps: 10, seed: 3 };
    expect(Array.from(trainer.sample(30, options).samples)).toEqual(Array.from(plain.sample(30, options).samples));
    trainer.field(30, 3, trainer.bounds);
    expect(tf.memory().numTensors).toBe(count);
    // A file keeps both sets; a fresh trainer loaded from it samples the same points.
    const bytes = encodeDiffusionCheckpoint({ ...trainer.captureWeights(), settings: trainer.settings, trainedSeconds: 1 });
    const back = decodeDiffusionCheckpoint(bytes);
    expect(back.average!.map((w) => Array.from(w.data))).toEqual(ema.map((w) => Array.from(w.data)));
    const fresh = new DiffusionTrainer(back.settings, { emaDecay: decay });
    fresh.restoreWeights(back);
    expect(Array.from(fresh.sample(30, options).samples)).toEqual(Array.from(trainer.sample(30, options).samples));
    // A bad average is refused before anything changes.
    const before = fresh.captureWeights();
    expect(() => fresh.restoreWeights({ ...back, average: back.average!.slice(1) })).toThrow('Denoiser (moving average) weights: missing "dense0.kernel"');
    expect(fresh.captureWeights()).toEqual(before);
    expect(() => new DiffusionTrainer(small(), { emaDecay: 1 })).toThrow("the moving average's decay must lie between 0 and 1 (got 1)");
    [trainer, plain, fresh].forEach((t) => t.dispose());
  });
});
