import { beforeAll, describe, expect, it } from 'vitest';
import * as tf from '../../../src/core/shared/tf';
import '@tensorflow/tfjs-backend-wasm';
import { registerWasmFastKernels } from '../../../src/core/shared/wasmFastKernels';
import {
  ROLE_PREFIX, createSwapNets, decode, decoderOf, disposeSwapNets, distinctNets, encode, encoderOf, loadSwapWeights, namedSwapWeights,
  swapNetVariables, swapParamSpecs, swapParameterCount, type SwapNetRole, type SwapNetShape,
} from '../../../src/core/autoencoder/sharedEncoderAutoencoder';
import { SeededRandom } from '../../../src/core/shared/seededRandom';

beforeAll(async () => {
  tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', false);
  expect(await tf.setBackend('wasm')).toBe(true);
  registerWasmFastKernels();
});

const SHAPE: SwapNetShape = { imageSize: 32, width: 8, latentSize: 24, channels: 3 };

/** The parameter shapes the architecture calls for, written out by hand. */
function expectedShapes(role: SwapNetRole, s: SwapNetShape): Record<string, number[]> {
  const p = ROLE_PREFIX[role];
  const [w, c, z] = [s.width, s.channels, s.latentSize];
  const cells = (s.imageSize / 8) ** 2;
  if (role.startsWith('encoder')) {
    return {
      [`${p}/conv1/kernel`]: [3, 3, c, w], [`${p}/conv1/bias`]: [w],
      [`${p}/conv2/kernel`]: [3, 3, w, 2 * w], [`${p}/conv2/bias`]: [2 * w],
      [`${p}/conv3/kernel`]: [3, 3, 2 * w, 4 * w], [`${p}/conv3/bias`]: [4 * w],
      [`${p}/code/kernel`]: [cells * 4 * w, z], [`${p}/code/bias`]: [z],
    };
  }
  return {
    [`${p}/project/kernel`]: [z, cells * 4 * w], [`${p}/project/bias`]: [cells * 4 * w],
    [`${p}/up1/kernel`]: [4, 4, 2 * w, 4 * w], [`${p}/up1/bias`]: [2 * w],
    [`${p}/up2/kernel`]: [4, 4, w, 2 * w], [`${p}/up2/bias`]: [w],
    [`${p}/up3/kernel`]: [4, 4, c, w], [`${p}/up3/bias`]: [c],
  };
}

const images = (n: number, s = SHAPE, seed = 1) => tf.tensor4d(new SeededRandom(seed).fillUniform(new Float32Array(n * s.imageSize * s.imageSize * s.channels), -1, 1), [n, s.imageSize, s.imageSize, s.channels]);
const values = (vars: tf.Variable[]) => vars.map((v) => Float32Array.from(v.dataSync()));
const changed = (before: Float32Array[], vars: tf.Variable[]) => vars.some((v, i) => v.dataSync().some((x, j) => x !== before[i][j]));

describe('shared-encoder autoencoders', () => {
  for (const s of [SHAPE, { imageSize: 16, width: 4, latentSize: 8, channels: 1 as const }, { imageSize: 48, width: 6, latentSize: 10, channels: 1 as const }]) {
    it(`has the expected parameters and shapes (${s.imageSize}×${s.imageSize}×${s.channels}, width ${s.width}, latent ${s.latentSize})`, () => {
      const before = tf.memory().numTensors;
      const nets = createSwapNets('shared', s, new SeededRandom(1));
      for (const net of distinctNets(nets)) {
        const shapes = Object.fromEntries([...net.params].map(([name, v]) => [name, v.shape]));
        expect(shapes).toEqual(expectedShapes(net.role, s));
        expect(swapParamSpecs(net.role, s).map((p) => p.name)).toEqual(Object.keys(shapes));
        expect(swapParameterCount(net.role, s)).toBe(swapNetVariables(net).reduce((n, v) => n + v.size, 0));
      }
      tf.tidy(() => {
        const codes = encode(nets.encoderA, images(3, s));
        expect(codes.shape).toEqual([3, s.latentSize]);
        for (const decoder of [nets.decoderA, nets.decoderB]) {
          const out = decode(decoder, codes);
          expect(out.shape).toEqual([3, s.imageSize, s.imageSize, s.channels]);
          const px = out.dataSync();
          expect(Math.min(...px)).toBeGreaterThanOrEqual(-1);
          expect(Math.max(...px)).toBeLessThanOrEqual(1);
          expect(Math.max(...px) - Math.min(...px)).toBeGreaterThan(0.01);
        }
      });
      disposeSwapNets(nets);
      expect(tf.memory().numTensors).toBe(before);
    });
  }

  it('has one encoder for both sides when shared, and two when separate', () => {
    const shared = createSwapNets('shared', SHAPE, new SeededRandom(2));
    const separate = createSwapNets('separate', SHAPE, new SeededRandom(2));
    expect(shared.encoderA).toBe(shared.encoderB);
    expect(distinctNets(shared).map((n) => n.role)).toEqual(['encoder', 'decoderA', 'decoderB']);
    expect(distinctNets(separate).map((n) => n.role)).toEqual(['encoderA', 'encoderB', 'decoderA', 'decoderB']);
    const names = namedSwapWeights(shared).map((w) => w.name);
    expect(new Set(names).size).toBe(names.length);
    expect(names.filter((n) => n.startsWith('enc/')).length).toBe(8);
    expect(namedSwapWeights(separate).filter((w) => w.name.startsWith('encB/')).length).toBe(8);
    // Separate encoders start from different weights, so they give different codes for one picture.
    tf.tidy(() => {
      const x = images(2);
      const diff = tf.max(tf.abs(tf.sub(encode(separate.encoderA, x), encode(separate.encoderB, x)))).dataSync()[0];
      expect(diff).toBeGreaterThan(1e-3);
    });
    expect(() => tf.tidy(() => encode(shared.decoderA, images(1)))).toThrow(/not an encoder/);
    expect(() => tf.tidy(() => decode(shared.decoderA, tf.zeros([1, 5]) as tf.Tensor2D))).toThrow(/24 values/);
    expect(() => tf.tidy(() => encode(shared.encoderA, images(1, { ...SHAPE, channels: 1 })))).toThrow(/\[n,32,32,3\]/);
    disposeSwapNets(shared);
    disposeSwapNets(separate);
  });

  it('trains the shared encoder from A\'s batch, and both decoders read the code it makes', () => {
    const nets = createSwapNets('shared', SHAPE, new SeededRandom(3));
    const a = images(4, SHAPE, 10);
    const encoderVars = swapNetVariables(nets.encoderA);
    const decoderAVars = swapNetVariables(nets.decoderA);
    const decoderBVars = swapNetVariables(nets.decoderB);
    const [encoderBefore, aBefore, bBefore] = [values(encoderVars), values(decoderAVars), values(decoderBVars)];
    // One gradient step on A's reconstruction only.
    const sgd = tf.train.sgd(0.1);
    tf.tidy(() => {
      const { grads } = tf.variableGrads(() => tf.mean(tf.squaredDifference(decode(nets.decoderA, encode(encoderOf(nets, 'a'), a)), a)) as tf.Scalar, [...encoderVars, ...decoderAVars]);
      sgd.applyGradients(grads);
    });
    sgd.dispose();
    expect(changed(encoderBefore, encoderVars)).toBe(true);
    expect(changed(aBefore, decoderAVars)).toBe(true);
    expect(changed(bBefore, decoderBVars)).toBe(false);
    // The encoder B's side uses is the one that just moved: its codes changed for B's pictures too.
    tf.tidy(() => {
      const b = images(3, SHAPE, 11);
      const codes = encode(encoderOf(nets, 'b'), b);
      expect(encode(encoderOf(nets, 'a'), b).dataSync()).toEqual(codes.dataSync());
      // Swapping is decoding that one code with the other decoder.
      const swapped = decode(decoderOf(nets, 'b'), encode(encoderOf(nets, 'a'), b));
      expect(swapped.dataSync()).toEqual(decode(nets.decoderB, codes).dataSync());
    });
    a.dispose();
    disposeSwapNets(nets);
  });

  it('gives the shared encoder the sum of both sides\' gradients', () => {
    const nets = createSwapNets('shared', SHAPE, new SeededRandom(4));
    const [a, b] = [images(3, SHAPE, 20), images(3, SHAPE, 21)];
    const encoderVars = swapNetVariables(nets.encoderA);
    const loss = (side: 'a' | 'b', x: tf.Tensor4D) => tf.mean(tf.squaredDifference(decode(decoderOf(nets, side), encode(nets.encoderA, x)), x)) as tf.Scalar;
    tf.tidy(() => {
      const gradsOf = (f: () => tf.Scalar) => Object.values(tf.variableGrads(f, encoderVars).grads);
      const fromA = gradsOf(() => loss('a', a));
      const fromB = gradsOf(() => loss('b', b));
      const both = gradsOf(() => tf.add(loss('a', a), loss('b', b)) as tf.Scalar);
      both.forEach((g, i) => {
        const sum = tf.add(fromA[i], fromB[i]);
        const scale = tf.max(tf.abs(sum)).dataSync()[0];
        expect(tf.max(tf.abs(tf.sub(g, sum))).dataSync()[0]).toBeLessThan(1e-4 * scale + 1e-7);
        expect(tf.max(tf.abs(fromB[i])).dataSync()[0]).toBeGreaterThan(0);
      });
    });
    tf.dispose([a, b]);
    disposeSwapNets(nets);
  });

  it('loads weights by name, refusing a bad set without changing anything', () => {
    const source = createSwapNets('separate', SHAPE, new SeededRandom(5));
    const target = createSwapNets('separate', SHAPE, new SeededRandom(6));
    const weights = Object.fromEntries(namedSwapWeights(source).map(({ name, tensor }) => [name, tensor]));
    const before = values(distinctNets(target).flatMap(swapNetVariables));
    const bad = { ...weights, 'decB/up3/kernel': tf.zeros([4, 4, 3, 7]) };
    expect(() => loadSwapWeights(target, bad)).toThrow(/decoderB weights: "decB\/up3\/kernel" has shape \[4,4,3,7\], expected \[4,4,3,8\]/);
    const missing = { ...weights };
    delete missing['encB/code/bias'];
    expect(() => loadSwapWeights(target, missing)).toThrow(/encoderB weights: missing "encB\/code\/bias"/);
    expect(changed(before, distinctNets(target).flatMap(swapNetVariables))).toBe(false);
    loadSwapWeights(target, weights);
    tf.tidy(() => {
      const x = images(2);
      expect(decode(target.decoderB, encode(target.encoderA, x)).dataSync()).toEqual(decode(source.decoderB, encode(source.encoderA, x)).dataSync());
    });
    bad['decB/up3/kernel'].dispose();
    disposeSwapNets(source);
    disposeSwapNets(target);
  });
});
