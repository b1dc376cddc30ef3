import { beforeAll, describe, expect, it } from 'vitest';
import * as tf from '../../../src/core/shared/tf';
import '@tensorflow/tfjs-backend-wasm';
import { registerWasmFastKernels } from '../../../src/core/shared/wasmFastKernels';
import { FaceSwapTrainer } from '../../../src/core/faceswap/faceSwapTrainer';
import { DEFAULT_FACE_SWAP_SETTINGS, type FaceSwapSettings } from '../../../src/core/autoencoder/faceSwapSettings';
import { ToyFaceSwapDataset } from '../../../src/core/faceswap/swapDatasets';
import { randomWarpBatch } from '../../../src/core/faceswap/randomWarp';
import { decode, encode } from '../../../src/core/autoencoder/sharedEncoderAutoencoder';
import { SeededRandom } from '../../../src/core/shared/seededRandom';

beforeAll(async () => {
  tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', false);
  expect(await tf.setBackend('wasm')).toBe(true);
  registerWasmFastKernels();
});

/** Small and quick: 16×16 faces, narrow networks. */
const small = (change: Partial<FaceSwapSettings> = {}): FaceSwapSettings => ({
  ...DEFAULT_FACE_SWAP_SETTINGS, imageSize: 16, width: 4, latentSize: 8, batchSize: 4, seed: 5, ...change,
});
const dataFor = (s: FaceSwapSettings) => new ToyFaceSwapDataset({ identityA: s.identityA, identityB: s.identityB, imageSize: s.imageSize, channels: 3, seed: 1, poolSize: 32 });
const mse = (x: Float32Array, y: Float32Array) => x.reduce((s, v, i) => s + (v - y[i]) ** 2, 0) / x.length;

describe('face-swap trainer', () => {
  for (const encoder of ['shared', 'separate'] as const) {
    for (const schedule of ['joint', 'alternate'] as const) {
      it(`leaks no tensors over many steps (${encoder} encoder, ${schedule})`, () => {
        const s = small({ encoder, schedule, ssimWeight: schedule === 'joint' ? 0.5 : 0 });
        const data = dataFor(s);
        const start = tf.memory().numTensors;
        const trainer = new FaceSwapTrainer(s);
        // With the eyes-and-mouth masks (weighted loss) on the joint schedule, without on the alternating one.
        const step = (withStats: boolean) => {
          const a = data.nextBatch('a', s.batchSize);
          const b = data.nextBatch('b', s.batchSize);
          return trainer.step(a.images, b.images, withStats, schedule === 'joint' ? { a: a.masks, b: b.masks } : {});
        };
        // Adam creates its moment slots on the first update: count from after it.
        step(true);
        const baseline = tf.memory().numTensors;
        const probe = data.evaluationSet('a', 3).images;
        for (let i = 0; i < 25; i++) {
          const stats = step(i % 5 === 0);
          if (i % 5 === 0) expect(Number.isFinite(stats!.lossA + stats!.lossB + stats!.gradNorm)).toBe(true);
          else expect(stats).toBeNull();
          trainer.swap('a', probe);
          trainer.reconstruct('b', probe);
          trainer.decode('a', trainer.encode('a', probe));
          trainer.reconstructionError('a', probe, 2);
          expect(tf.memory().numTensors).toBe(baseline);
        }
        expect(trainer.steps).toBe(26);
        trainer.dispose();
        expect(tf.memory().numTensors).toBe(start);
      });
    }
  }

  it('is reproducible from the seed', () => {
    const s = small();
    const run = () => {
      const data = dataFor(s);
      const trainer = new FaceSwapTrainer(s);
      const stats = Array.from({ length: 4 }, () => trainer.step(data.nextBatch('a', 4).images, data.nextBatch('b', 4).images, true));
      const weights = trainer.namedWeights().map((w) => w.tensor.dataSync().slice());
      trainer.dispose();
      return { stats, weights };
    };
    expect(run()).toEqual(run());
  });

  it('warps what the encoder sees, never the target it must draw', () => {
    const s = small({ warpStrength: 0.15 });
    const data = dataFor(s);
    const trainer = new FaceSwapTrainer(s);
    const a = data.nextBatch('a', 4).images;
    const b = data.nextBatch('b', 4).images;
    // The trainer's warp stream: the second stream forked from the seed (the first initialises the weights).
    const root = new SeededRandom(s.seed);
    root.fork(1);
    const warpedA = randomWarpBatch(a, 16, 3, { strength: s.warpStrength, grid: s.warpGrid }, root.fork(2));
    // What training sees: the decoder's raw output (pictures shown are clamped to [-1, 1]).
    const raw = (pictures: Float32Array) => tf.tidy(() => decode(trainer.nets.decoderA, encode(trainer.nets.encoderA, trainer.imagesTensor(pictures)), 'raw').dataSync() as Float32Array);
    const fromWarped = raw(warpedA);
    const expected = mse(fromWarped, a);
    const stats = trainer.step(a, b, true)!;
    expect(stats.lossA).toBeCloseTo(expected, 5);
    expect(Math.abs(expected - mse(fromWarped, warpedA))).toBeGreaterThan(1e-4); // not the warped target
    expect(Math.abs(expected - mse(raw(a), a))).toBeGreaterThan(1e-4); // not the clean input
    trainer.dispose();
  });

  it('weights the loss on the masked pixels by 1 + featurePriority', () => {
    const s = small({ warp: false, featurePriority: 9 });
    const data = dataFor(s);
    const trainer = new FaceSwapTrainer(s);
    const a = data.nextBatch('a', 4);
    const b = data.nextBatch('b', 4);
    const out = tf.tidy(() => decode(trainer.nets.decoderA, encode(trainer.nets.encoderA, trainer.imagesTensor(a.images)), 'raw').dataSync() as Float32Array);
    // The weighted mean squared error of the decoder's raw output, by hand:
    let num = 0;
    let den = 0;
    for (let p = 0; p < 4 * 16 * 16; p++) {
      const w = 1 + 9 * a.masks![p];
      den += 3 * w;
      for (let c = 0; c < 3; c++) num += w * (out[p * 3 + c] - a.images[p * 3 + c]) ** 2;
    }
    const stats = trainer.step(a.images, b.images, true, { a: a.masks, b: b.masks })!;
    expect(stats.lossA).toBeCloseTo(num / den, 5);
    expect(Math.abs(stats.lossA - mse(out, a.images))).toBeGreaterThan(1e-4);
    expect(() => trainer.step(a.images, b.images, false, { a: new Float32Array(3) })).toThrow(/mask needs 1024 values/);
    trainer.dispose();
  });

  it('swaps by decoding one side\'s code with the other side\'s decoder', () => {
    for (const encoder of ['shared', 'separate'] as const) {
      const trainer = new FaceSwapTrainer(small({ encoder }));
      const pictures = dataFor(small()).evaluationSet('a', 3).images;
      expect(trainer.swap('a', pictures)).toEqual(trainer.decode('b', trainer.encode('a', pictures)));
      expect(trainer.swap('b', pictures)).toEqual(trainer.decode('a', trainer.encode('b', pictures)));
      expect(trainer.reconstruct('a', pictures)).toEqual(trainer.decode('a', trainer.encode('a', pictures)));
      const sameCodes = trainer.encode('a', pictures).every((v, i) => v === trainer.encode('b', pictures)[i]);
      expect(sameCodes).toBe(encoder === 'shared');
      trainer.dispose();
    }
  });

  it('lowers both reconstruction losses, with either schedule', () => {
    for (const schedule of ['joint', 'alternate'] as const) {
      const s = small({ schedule, width: 6, batchSize: 8, learningRate: 3e-3 });
      const data = dataFor(s);
      const trainer = new FaceSwapTrainer(s);
      const evalA = data.evaluationSet('a', 16).images;
      const evalB = data.evaluationSet('b', 16).images;
      const before = [trainer.reconstructionError('a', evalA), trainer.reconstructionError('b', evalB)];
      for (let i = 0; i < 80; i++) trainer.step(data.nextBatch('a', 8).images, data.nextBatch('b', 8).images);
      const after = [trainer.reconstructionError('a', evalA), trainer.reconstructionError('b', evalB)];
      expect(after[0], schedule).toBeLessThan(before[0] * 0.6);
      expect(after[1], schedule).toBeLessThan(before[1] * 0.6);
      trainer.dispose();
    }
  });

  it('loads another trainer\'s weights and then swaps exactly as it does', () => {
    const s = small({ encoder: 'separate' });
    const source = new FaceSwapTrainer({ ...s, seed: 1 });
    const target = new FaceSwapTrainer({ ...s, seed: 2 });
    const pictures = dataFor(s).evaluationSet('b', 2).images;
    expect(target.swap('b', pictures)).not.toEqual(source.swap('b', pictures));
    target.loadWeights(Object.fromEntries(source.namedWeights().map((w) => [w.name, w.tensor])));
    expect(target.swap('b', pictures)).toEqual(source.swap('b', pictures));
    expect(() => target.loadWeights({})).toThrow(/missing "encA\/conv1\/kernel"/);
    expect(() => target.imagesTensor(new Float32Array(10))).toThrow(/whole number of 16×16×3/);
    expect(() => new FaceSwapTrainer({ ...s, width: 0 })).toThrow(/width must be between/);
    source.dispose();
    target.dispose();
  });
});
