import { beforeAll, describe, expect, it } from 'vitest';
import * as tf from '../../../src/core/shared/tf';
import '@tensorflow/tfjs-backend-wasm';
import { registerWasmFastKernels } from '../../../src/core/shared/wasmFastKernels';
import {
  createDigitNet, discriminatorForward, disposeDigitNet, generatorForward, loadWeights, namedWeights, paramSpecs, parameterCount,
  type DigitRole,
} from '../../../src/core/mnist/digitGanModels';
import { DEFAULT_DIGIT_SETTINGS, DEFAULT_WIDTH, cloneDigitSettings, type DigitGanSettings } from '../../../src/core/mnist/digitGanSettings';
import { SeededRandom } from '../../../src/core/shared/seededRandom';

beforeAll(async () => {
  tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', false);
  expect(await tf.setBackend('wasm')).toBe(true);
  expect(tf.getBackend()).toBe('wasm');
  registerWasmFastKernels();
});

type Variant = Pick<DigitGanSettings, 'architecture' | 'upsampling' | 'conditional'>;
const VARIANTS: Variant[] = (['mlp', 'transposed', 'resize'] as const).flatMap((kind) =>
  [false, true].map((conditional) => ({
    architecture: kind === 'mlp' ? 'mlp' : 'dcgan',
    upsampling: kind === 'mlp' ? 'transposed' : kind,
    conditional,
  })),
);
const nameOf = (v: Variant) => `${v.architecture === 'mlp' ? 'mlp' : `dcgan/${v.upsampling}`}${v.conditional ? ', conditional' : ''}`;

function settingsFor(v: Variant, width?: number): DigitGanSettings {
  const s = { ...cloneDigitSettings(DEFAULT_DIGIT_SETTINGS), ...v };
  s.generator.width = s.discriminator.width = width ?? DEFAULT_WIDTH[v.architecture];
  return s;
}

/** The expected parameter shapes at width w and latent size z (c = 10 when conditional). */
function expectedShapes(role: DigitRole, v: Variant, w: number, z: number): Record<string, number[]> {
  const c = v.conditional ? 10 : 0;
  if (role === 'generator') {
    if (v.architecture === 'mlp') {
      return { 'g/dense1/kernel': [z + c, w], 'g/dense1/bias': [w], 'g/dense2/kernel': [w, 2 * w], 'g/dense2/bias': [2 * w], 'g/out/kernel': [2 * w, 784], 'g/out/bias': [784] };
    }
    const t = v.upsampling === 'transposed';
    return {
      'g/project/kernel': [z + c, 49 * 2 * w], 'g/project/bias': [98 * w],
      'g/up1/kernel': t ? [3, 3, w, 2 * w] : [3, 3, 2 * w, w], 'g/up1/bias': [w],
      'g/up2/kernel': t ? [3, 3, 1, w] : [3, 3, w, 1], 'g/up2/bias': [1],
    };
  }
  const features = v.architecture === 'mlp' ? w : 98 * w;
  const body: Record<string, number[]> = v.architecture === 'mlp'
    ? { 'd/dense1/kernel': [784, 2 * w], 'd/dense1/bias': [2 * w], 'd/dense2/kernel': [2 * w, w], 'd/dense2/bias': [w] }
    : { 'd/conv1/kernel': [3, 3, 1, w], 'd/conv1/bias': [w], 'd/conv2/kernel': [3, 3, w, 2 * w], 'd/conv2/bias': [2 * w] };
  return { ...body, 'd/out/kernel': [features, 1], 'd/out/bias': [1], ...(c ? { 'd/embed': [10, features] } : {}) };
}

describe('digit GAN networks', () => {
  for (const v of VARIANTS) {
    it(`${nameOf(v)}: parameters, output shapes and ranges`, () => {
      const s = settingsFor(v);
      const w = DEFAULT_WIDTH[v.architecture];
      const rng = new SeededRandom(1);
      const before = tf.memory().numTensors;
      const g = createDigitNet('generator', s, rng);
      const d = createDigitNet('discriminator', s, rng);
      for (const [role, net] of [['generator', g], ['discriminator', d]] as const) {
        const shapes = Object.fromEntries(namedWeights(net).map(({ name, tensor }) => [name, tensor.shape]));
        expect(shapes).toEqual(expectedShapes(role, v, w, s.latentSize));
        expect(parameterCount(role, s)).toBe(namedWeights(net).reduce((n, x) => n + x.tensor.size, 0));
        expect(paramSpecs(role, s).map((p) => p.name)).toEqual(Object.keys(shapes));
      }
      tf.tidy(() => {
        const n = 5;
        const hot = v.conditional ? tf.oneHot(tf.tensor1d([0, 3, 7, 9, 7], 'int32'), 10).toFloat() as tf.Tensor2D : null;
        const images = generatorForward(g, tf.randomNormal([n, s.latentSize], 0, 1, 'float32', 2), hot);
        expect(images.shape).toEqual([n, 28, 28, 1]);
        const pixels = images.dataSync();
        expect(Math.min(...pixels)).toBeGreaterThanOrEqual(-1);
        expect(Math.max(...pixels)).toBeLessThanOrEqual(1);
        expect(Math.max(...pixels) - Math.min(...pixels)).toBeGreaterThan(0.01); // not a dead constant
        const out = discriminatorForward(d, images, hot);
        expect(out.shape).toEqual([n, 1]);
        expect(Array.from(out.dataSync()).every(Number.isFinite)).toBe(true);
        // Class labels are required exactly when the model is conditional.
        const wrongHot = v.conditional ? null : tf.zeros([n, 10]) as tf.Tensor2D;
        expect(() => generatorForward(g, tf.zeros([n, s.latentSize]), wrongHot)).toThrow(/class labels/);
        expect(() => discriminatorForward(d, images, wrongHot)).toThrow(/class labels/);
      });
      disposeDigitNet(g);
      disposeDigitNet(d);
      expect(tf.memory().numTensors).toBe(before);
    });
  }

  it('the same seed gives the same weights; another seed, others', () => {
    const s = settingsFor(VARIANTS[2], 8);
    const read = (seed: number) => {
      const net = createDigitNet('generator', s, new SeededRandom(seed));
      const values = namedWeights(net).map((x) => Array.from(x.tensor.dataSync()));
      disposeDigitNet(net);
      return values;
    };
    expect(read(4)).toEqual(read(4));
    expect(read(4)).not.toEqual(read(5));
  });

  it('loadWeights copies weights by name, and refuses a missing name or a wrong shape without changing anything', () => {
    const s = settingsFor(VARIANTS[3], 8); // dcgan/transposed, conditional
    const a = createDigitNet('discriminator', s, new SeededRandom(1));
    const b = createDigitNet('discriminator', s, new SeededRandom(2));
    const snapshot = (net: typeof a) => namedWeights(net).map((x) => Array.from(x.tensor.dataSync()));
    const original = snapshot(a);
    const copies = new Map(namedWeights(b).map(({ name, tensor }) => [name, tensor.clone()]));

    const missing = new Map(copies);
    missing.delete('d/embed');
    expect(() => loadWeights(a, missing)).toThrow('discriminator weights: missing "d/embed"');
    const wrong = new Map(copies);
    wrong.set('d/conv2/kernel', tf.zeros([3, 3, 16, 8]));
    expect(() => loadWeights(a, wrong)).toThrow('discriminator weights: "d/conv2/kernel" has shape [3,3,16,8], expected [3,3,8,16]');
    expect(snapshot(a)).toEqual(original);

    loadWeights(a, Object.fromEntries(copies));
    expect(snapshot(a)).toEqual(snapshot(b));
    tf.dispose([...copies.values(), wrong.get('d/conv2/kernel')!]);
    disposeDigitNet(a);
    disposeDigitNet(b);
  });
});
