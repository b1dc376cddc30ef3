/** The expression judge must read real pictures well before its readings of swaps mean anything. */
import { beforeAll, describe, expect, it } from 'vitest';
import * as tf from '../../../src/core/shared/tf';
import '@tensorflow/tfjs-backend-wasm';
import { registerWasmFastKernels } from '../../../src/core/shared/wasmFastKernels';
import { FactorRegressor, factorError } from '../../../src/core/faceswap/factorRegressor';
import { decodeWeightsBundle, encodeWeightsBundle } from '../../../src/core/shared/weightsBundle';
import { FACTOR_NAMES } from '../../../src/core/faceswap/faceFactors';
import { ToyFaceSwapDataset } from '../../../src/core/faceswap/swapDatasets';

beforeAll(async () => {
  tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', false);
  expect(await tf.setBackend('wasm')).toBe(true);
  registerWasmFastKernels();
});

describe('factor regressor', () => {
  it('reads the factors back from real pictures of its character far better than guessing', () => {
    const regressor = new FactorRegressor(32, 3, 11);
    regressor.train(['orbo']);
    const real = new ToyFaceSwapDataset({ identityA: 'juno', identityB: 'orbo', imageSize: 32, channels: 3, seed: 8 }).evaluationSet('b', 200);
    const error = factorError(regressor.readFactors(real.images), real.factors!);
    // Always answering 0 would score 0.5 on each factor.
    expect(error.mean).toBeLessThan(0.2);
    for (const name of ['smile', 'headX', 'headY', 'tilt', 'brows'] as const) expect(error.perFactor[name], name).toBeLessThan(0.2);
    for (const name of FACTOR_NAMES) expect(error.perFactor[name], name).toBeLessThan(0.45);
    const copy = FactorRegressor.fromBundle(decodeWeightsBundle(encodeWeightsBundle(regressor.toBundle({ trainedOn: ['orbo'] }))));
    expect(copy.readFactors(real.images)).toEqual(regressor.readFactors(real.images));
    expect(() => FactorRegressor.fromBundle({ ...regressor.toBundle(), metadata: { factors: ['smile'], imageSize: 32, channels: 3 } })).toThrow(/reads other factors/);
    copy.dispose();
    regressor.dispose();
  });

  it('computes the mean absolute error per factor', () => {
    const truth = new Float32Array(16);
    const read = truth.map((_, i) => (i % 8 === 0 ? 0.5 : 0));
    const error = factorError(read, truth);
    expect(error.perFactor.smile).toBeCloseTo(0.5, 6);
    expect(error.perFactor.brows).toBe(0);
    expect(error.mean).toBeCloseTo(0.5 / 8, 6);
    expect(() => factorError(new Float32Array(8), new Float32Array(16))).toThrow(/do not match/);
  });
});
