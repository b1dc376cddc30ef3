import { beforeAll, describe, expect, it } from 'vitest';
import * as tf from '../../../src/core/shared/tf';
import '@tensorflow/tfjs-backend-wasm';
import { registerWasmFastKernels } from '../../../src/core/shared/wasmFastKernels';
import { SeededRandom } from '../../../src/core/shared/seededRandom';
import { DigitDiffusionTrainer } from '../../../src/core/denoising/digitDiffusionTrainer';
import { DEFAULT_DIGIT_DIFFUSION_SETTINGS, NULL_CLASS, digitDiffusionSettingsProblems, digitUnet, type DigitDiffusionSettings } from '../../../src/core/denoising/digitUnet';
import { digitReverseStep, guidedNoise, guidedPrediction, sampleDigits } from '../../../src/core/denoising/digitDiffusionSampler';
import { decodeDigitDiffusionCheckpoint, encodeDigitDiffusionCheckpoint, type DigitDiffusionCheckpoint } from '../../../src/core/denoising/digitDiffusionCheckpoint';
import { encodeDiffusionCheckpoint } from '../../../src/core/diffusion/diffusionCheckpoint';
import { DEFAULT_DIFFUSION_SETTINGS } from '../../../src/core/diffusion/diffusionSettings';
import { DiffusionTrainer } from '../../../src/core/diffusion/diffusionTrainer';

beforeAll(async () => {
  tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', false);
  expect(await tf.setBackend('wasm')).toBe(true);
  registerWasmFastKernels();
});

const tiny = (change: Partial<DigitDiffusionSettings> = {}): DigitDiffusionSettings => ({
  ...DEFAULT_DIGIT_DIFFUSION_SETTINGS, widths: [2, 4, 4], embedding: 8, timeEmbedding: 4, timesteps: 10, batchSize: 4, seed: 3, ...change,
});

/** A few fake digits: class c is a bright bar in row 2c + 4 (pixels in [−1, 1]). */
function bars(labels: number[]): Float32Array {
  const images = new Float32Array(labels.length * 784).fill(-1);
  labels.forEach((c, i) => images.fill(1, i * 784 + (2 * c + 4) * 28 + 4, i * 784 + (2 * c + 4) * 28 + 24));
  return images;
}

/** A tiny trained-a-little U-Net, so its output is not the zero of the initial output layer. */
function nudged(change: Partial<DigitDiffusionSettings> = {}): DigitDiffusionTrainer {
  const trainer = new DigitDiffusionTrainer(tiny(change));
  for (let i = 0; i < 3; i++) trainer.step(bars([1, 2, 3, 4]), [1, 2, 3, 4]);
  return trainer;
}

const read = (t: tf.Tensor) => {
  const v = t.dataSync().slice() as Float32Array;
  t.dispose();
  return v;
};

describe('the digit U-Net sampler', () => {
  it('takes a DDIM step exactly as the formula says (x̂_0 clipped, then re-noised to the next step)', () => {
    // A noise-predicting network, so ε̂ is the network's own output (v̂ → ε̂ has its own test).
    const trainer = nudged({ prediction: 'epsilon' });
    const { alphaBars } = trainer.schedule;
    const labels = Int32Array.from([0, 7]);
    const noise = new SeededRandom(5).fillNormal(new Float32Array(2 * 784));
    const run = sampleDigits(trainer.predict, trainer.schedule, { sampler: 'ddim', steps: 2, guidance: 1, labels, noise, rng: new SeededRandom(1), trajectory: true });
    expect([...run.times]).toEqual([10, 5, 0]);
    const eps = read(trainer.predict(tf.tensor4d(noise, [2, 28, 28, 1]), 1, labels));
    expect(Math.max(...eps.map(Math.abs))).toBeGreaterThan(1e-3);
    const [a, b] = [alphaBars[10], alphaBars[5]];
    for (let i = 0; i < noise.length; i += 97) {
      const x0 = Math.max(-1, Math.min(1, (noise[i] - Math.sqrt(1 - a) * eps[i]) / Math.sqrt(a)));
      const e = (noise[i] - Math.sqrt(a) * x0) / Math.sqrt(1 - a);
      expect(run.estimates![i]).toBeCloseTo(x0, 4);
      expect(run.states![2 * 784 + i]).toBeCloseTo(Math.sqrt(b) * x0 + Math.sqrt(1 - b) * e, 4);
    }
    expect(run.states!.length).toBe(3 * 2 * 784);
    expect(run.estimates!.length).toBe(2 * 2 * 784);
    trainer.dispose();
  });

  it('takes a DDPM step with Ho et al.\'s posterior mean and variance (β_t from the schedule)', () => {
    const trainer = nudged();
    const { alphaBars, betas, alphas } = trainer.schedule;
    const x = new SeededRandom(8).fillNormal(new Float32Array(784));
    const eps = new SeededRandom(9).fillNormal(new Float32Array(784), 0.9);
    const [next, x0t] = digitReverseStep(trainer.schedule, 'ancestral', tf.tensor4d(x, [1, 28, 28, 1]), tf.tensor4d(eps, [1, 28, 28, 1]), 5, 4, new SeededRandom(11));
    const got = read(next);
    const x0s = read(x0t);
    const z = new SeededRandom(11).fillNormal(new Float32Array(784));
    const [ab, abPrev, beta] = [alphaBars[5], alphaBars[4], betas[5]];
    for (let i = 0; i < 784; i += 13) {
      const x0 = Math.max(-1, Math.min(1, (x[i] - Math.sqrt(1 - ab) * eps[i]) / Math.sqrt(ab)));
      const mean = ((Math.sqrt(abPrev) * beta) / (1 - ab)) * x0 + ((Math.sqrt(alphas[5]) * (1 - abPrev)) / (1 - ab)) * x[i];
      const sigma = Math.sqrt(((1 - abPrev) / (1 - ab)) * beta);
      expect(x0s[i]).toBeCloseTo(x0, 4);
      expect(got[i]).toBeCloseTo(mean + sigma * z[i], 4);
    }
    trainer.dispose();
  });

  it('combines the two predictions as ε = ε_u + w (ε_c − ε_u) for classifier-free guidance', () => {
    expect([...read(guidedNoise(tf.tensor1d([1, -2]), tf.tensor1d([3, 0.5]), 2))]).toEqual([3 + 2 * (1 - 3), 0.5 + 2 * (-2 - 0.5)]);
    const trainer = nudged();
    const labels = Int32Array.from([2, 9, 4]);
    const x = tf.tensor4d(new SeededRandom(4).fillNormal(new Float32Array(3 * 784)), [3, 28, 28, 1]);
    const cond = read(trainer.predict(x, 0.6, labels));
    const uncond = read(trainer.predict(x, 0.6, new Int32Array(3).fill(NULL_CLASS)));
    // The class matters to the nudged network, so the guidance has something to amplify.
    expect(Math.max(...cond.map((v, i) => Math.abs(v - uncond[i])))).toBeGreaterThan(1e-4);
    const guided = read(guidedPrediction(trainer.predict, x, 0.6, labels, 2.5));
    for (let i = 0; i < guided.length; i += 31) expect(guided[i]).toBeCloseTo(uncond[i] + 2.5 * (cond[i] - uncond[i]), 4);
    expect([...read(guidedPrediction(trainer.predict, x, 0.6, labels, 0))]).toEqual([...uncond]);
    x.dispose();
    trainer.dispose();
  });

  it('refuses bad requests with the reason', () => {
    const trainer = nudged();
    expect(() => trainer.sample({ sampler: 'ddim', steps: 11, guidance: 1, labels: [1], seed: 1 })).toThrow('sampling steps must be a whole number from 1 to T = 10 (got 11)');
    expect(() => trainer.sample({ sampler: 'ddim', steps: 2, guidance: -1, labels: [1], seed: 1 })).toThrow('the guidance scale must be a number of at least 0 (got -1)');
    expect(() => trainer.sample({ sampler: 'ddim', steps: 2, guidance: 1, labels: [12], seed: 1 })).toThrow('every label must be a digit 0–9, or 10 for none');
    expect(() => trainer.step(bars([1]), [11])).toThrow('label 0 is 11, not a digit 0–9');
    expect(digitDiffusionSettingsProblems(tiny({ widths: [2, 4] as never, classDropout: 2, prediction: 'x0' as never }))).toEqual([
      'widths must list three channel counts (28×28, 14×14, 7×7)',
      'prediction must be one of epsilon, v',
      'classDropout must be between 0 and 1',
    ]);
    trainer.dispose();
  });
});

describe('the digit U-Net trainer', () => {
  it('turns a v-predicting network\'s output into the noise the samplers expect: ε̂ = √ᾱ v̂ + √(1−ᾱ) x_t', () => {
    const trainer = nudged();
    expect(trainer.settings.prediction).toBe('v');
    const x = tf.tensor4d(new SeededRandom(5).fillNormal(new Float32Array(2 * 784)), [2, 28, 28, 1]);
    const labels = Int32Array.from([3, NULL_CLASS]);
    const t = 4;
    const raw = read(digitUnet(trainer.params, trainer.settings, x, tf.tensor1d([t / 10, t / 10]), tf.tensor1d(labels, 'int32')));
    const got = read(trainer.predict(x, t / 10, labels));
    const xs = x.dataSync();
    const ab = trainer.schedule.alphaBars[t];
    expect(raw.some((v) => Math.abs(v) > 1e-4)).toBe(true);
    for (let i = 0; i < got.length; i += 97) expect(got[i]).toBeCloseTo(Math.sqrt(ab) * raw[i] + Math.sqrt(1 - ab) * xs[i], 4);
    // A noise-predicting network's output goes to the samplers as it is.
    const eps = new DigitDiffusionTrainer(tiny({ prediction: 'epsilon' }));
    const epsRaw = read(digitUnet(eps.params, eps.settings, x, tf.tensor1d([t / 10, t / 10]), tf.tensor1d(labels, 'int32')));
    expect(read(eps.predict(x, t / 10, labels))).toEqual(epsRaw);
    x.dispose();
    eps.dispose();
    trainer.dispose();
  });

  it('leaks no tensor once the optimizer has its moments, and its loss falls', () => {
    const trainer = new DigitDiffusionTrainer(tiny({ widths: [4, 8, 8], learningRate: 3e-3 }));
    const labels = [0, 1, 2, 3, 4, 5, 6, 7];
    const images = bars(labels);
    const first = trainer.step(images, labels)!;
    const count = tf.memory().numTensors;
    const losses: number[] = [];
    for (let i = 0; i < 30; i++) losses.push(trainer.step(images, labels)!);
    trainer.sample({ sampler: 'ancestral', steps: 10, guidance: 2, labels: [1, 2], seed: 1, trajectory: true });
    trainer.sample({ sampler: 'ddim', steps: 3, guidance: 0, labels: [1], seed: 1 });
    expect(tf.memory().numTensors).toBe(count);
    const late = losses.slice(-10).reduce((a, b) => a + b) / 10;
    expect(late).toBeLessThan(0.7 * first);
    trainer.dispose();
    expect(tf.memory().numTensors).toBeLessThan(count);
  });
});

describe('the digit diffusion checkpoint', () => {
  const fileOf = (trainer: DigitDiffusionTrainer, change: Partial<DigitDiffusionCheckpoint> = {}) => encodeDigitDiffusionCheckpoint({
    ...trainer.captureWeights(), settings: trainer.settings, trainedSeconds: 3, sampling: { sampler: 'ddim', steps: 5, guidance: 3 },
    timeline: [{ step: 0, loss: NaN, inceptionScore: 1.1, frechetDistance: 400 }, { step: 3, loss: 0.9, inceptionScore: null, frechetDistance: null }],
    figures: null, ...change,
  });

  it('loads back what it saved', () => {
    const trainer = nudged();
    const back = decodeDigitDiffusionCheckpoint(fileOf(trainer));
    expect(back.steps).toBe(3);
    expect(back.settings).toEqual(trainer.settings);
    expect(back.timeline[0].loss).toBeNaN();
    expect(back.timeline[1]).toEqual({ step: 3, loss: 0.9, inceptionScore: null, frechetDistance: null });
    expect(back.weights.map((w) => w.name)).toEqual(trainer.captureWeights().weights.map((w) => w.name));
    expect(back.weights[3].data).toEqual(trainer.captureWeights().weights[3].data);
    trainer.dispose();
  });

  it('refuses a file that does not fit, saying why', () => {
    const trainer = nudged();
    // Settings that promise other widths than the weights have.
    expect(() => decodeDigitDiffusionCheckpoint(fileOf(trainer, { settings: { ...trainer.settings, widths: [2, 4, 6] } }))).toThrow(
      /do not fit this deepfake-lab\/digit-diffusion@1 model: "mid\.pool\.kernel" has shape \[3, 3, 4, 4\], expected \[3, 3, 4, 6\]/,
    );
    expect(() => decodeDigitDiffusionCheckpoint(fileOf(trainer, { settings: { ...trainer.settings, classDropout: -1 } }))).toThrow(
      'The digit diffusion model file is unusable: its settings are not valid (classDropout must be between 0 and 1).',
    );
    expect(() => decodeDigitDiffusionCheckpoint(fileOf(trainer, { sampling: { sampler: 'ddim', steps: 50, guidance: 1 } }))).toThrow('its sampling settings are missing or out of range');
    // The 2D lab's file is another kind of model.
    const points = new DiffusionTrainer({ ...DEFAULT_DIFFUSION_SETTINGS, hidden: [8] });
    expect(() => decodeDigitDiffusionCheckpoint(encodeDiffusionCheckpoint({ ...points.captureWeights(), settings: points.settings, trainedSeconds: 0 }))).toThrow(
      'The weights file is unusable: it holds "deepfake-lab/diffusion@1", not "deepfake-lab/digit-diffusion@1".',
    );
    points.dispose();
    trainer.dispose();
  });
});
