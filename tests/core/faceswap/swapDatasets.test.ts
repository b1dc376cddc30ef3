import { describe, expect, it } from 'vitest';
import { DEFAULT_FACE_SWAP_SETTINGS } from '../../../src/core/autoencoder/faceSwapSettings';
import { DigitStyleSwapDataset, ToyFaceSwapDataset, createSwapDataset } from '../../../src/core/faceswap/swapDatasets';
import { FACTOR_COUNT, factorsFromArray } from '../../../src/core/toyfaces/faceFactors';
import { featureMask, renderToyFaces } from '../../../src/core/toyfaces/toyFaceRenderer';
import { identityOrThrow } from '../../../src/core/toyfaces/toyFaceIdentities';
import { strokeThickness } from '../../../src/core/faceswap/digitStyles';
import { splitDigits } from '../../../src/core/mnist/digitDataset';
import { loadMnistDigits } from '../../../models/tools/mnistSource';

const options = { identityA: 'juno', identityB: 'tilly', imageSize: 32, channels: 3 as const, seed: 9, poolSize: 64 };

describe('toy-face swap dataset', () => {
  it('gives the same batches for the same seed, and other batches for another', () => {
    const a = new ToyFaceSwapDataset(options);
    const b = new ToyFaceSwapDataset(options);
    const c = new ToyFaceSwapDataset({ ...options, seed: 10 });
    for (const side of ['a', 'b'] as const) {
      const batch = a.nextBatch(side, 6);
      expect(b.nextBatch(side, 6)).toEqual(batch);
      expect(c.nextBatch(side, 6).images).not.toEqual(batch.images);
    }
  });

  it('draws each side\'s character with the factors it reports', () => {
    const data = new ToyFaceSwapDataset(options);
    for (const [side, id] of [['a', 'juno'], ['b', 'tilly']] as const) {
      const batch = data.nextBatch(side, 5);
      expect(batch.images.length).toBe(5 * 32 * 32 * 3);
      expect(batch.factors!.length).toBe(5 * FACTOR_COUNT);
      expect(batch.images).toEqual(renderToyFaces(identityOrThrow(id), batch.factors!, 32, 3));
      expect(batch.masks!.subarray(1024, 2048)).toEqual(featureMask(identityOrThrow(id), factorsFromArray(batch.factors!, FACTOR_COUNT), 32));
    }
    expect(data.names).toEqual({ a: 'Juno', b: 'Tilly' });
  });

  it('draws pool pictures once, on first use, and only from the pool', () => {
    const data = new ToyFaceSwapDataset(options);
    expect(data.picturesMade('a')).toBe(0);
    const seen = new Set<string>();
    for (let i = 0; i < 20; i++) {
      const { factors } = data.nextBatch('a', 16);
      for (let k = 0; k < 16; k++) seen.add(Array.from(factors!.subarray(k * FACTOR_COUNT, (k + 1) * FACTOR_COUNT)).join());
    }
    expect(data.picturesMade('a')).toBe(seen.size);
    expect(seen.size).toBeLessThanOrEqual(64);
    expect(seen.size).toBeGreaterThan(55); // 320 draws from 64 pictures reach nearly all of them
    expect(data.picturesMade('b')).toBe(0);
  });

  it('keeps a fixed evaluation set apart from the pool', () => {
    const data = new ToyFaceSwapDataset(options);
    const first = data.evaluationSet('b', 4);
    data.nextBatch('b', 50);
    const more = data.evaluationSet('b', 8);
    expect(more.images.subarray(0, first.images.length)).toEqual(first.images);
    expect(more.factors!.subarray(0, first.factors!.length)).toEqual(first.factors);
    expect(data.evaluationSet('b', 8)).toEqual(more);
    const pool = new Set(Array.from({ length: 64 }, (_, i) => Array.from(data.poolFactors.b.subarray(i * FACTOR_COUNT, (i + 1) * FACTOR_COUNT)).join()));
    for (let k = 0; k < 8; k++) expect(pool.has(Array.from(more.factors!.subarray(k * FACTOR_COUNT, (k + 1) * FACTOR_COUNT)).join())).toBe(false);
  });

  it('is what the settings ask for', () => {
    const data = createSwapDataset({ ...DEFAULT_FACE_SWAP_SETTINGS, colour: false, imageSize: 24 }, undefined, 8);
    expect(data.kind).toBe('toyFaces');
    expect(data.channels).toBe(1);
    expect(data.nextBatch('a', 2).images.length).toBe(2 * 24 * 24);
    expect(() => createSwapDataset({ ...DEFAULT_FACE_SWAP_SETTINGS, dataset: 'digitStyles' })).toThrow(/needs the MNIST digits/);
  });
});

describe('digit-style swap dataset', () => {
  const digits = loadMnistDigits();
  const data = new DigitStyleSwapDataset(digits, 3, 300);

  it('trains A and B on disjoint halves of the training digits', () => {
    const { train } = splitDigits(digits);
    const a = new Set(data.poolDigits.a);
    expect(a.size).toBe(300);
    expect(data.poolDigits.b.length).toBe(300);
    expect(data.poolDigits.b.some((i) => a.has(i))).toBe(false);
    expect(Math.max(...data.poolDigits.a, ...data.poolDigits.b)).toBeLessThan(train.count);
    expect(new DigitStyleSwapDataset(digits, 3, 300).poolDigits).toEqual(data.poolDigits);
  });

  it('gives 32×32 thin (A) and thick (B) digits on a paper border, with their labels', () => {
    const a = data.nextBatch('a', 40);
    const b = data.nextBatch('b', 40);
    expect(a.images.length).toBe(40 * 32 * 32);
    expect(a.labels!.length).toBe(40);
    expect(new Set(a.labels).size).toBeGreaterThan(5);
    for (const batch of [a, b]) {
      for (let i = 0; i < 40; i++) for (let x = 0; x < 32; x++) expect(batch.images[i * 1024 + x]).toBe(-1); // the top row is paper
    }
    const median = (images: Float32Array) => {
      const t = Array.from({ length: 40 }, (_, i) => strokeThickness(images.subarray(i * 1024, (i + 1) * 1024), 32)).sort((p, q) => p - q);
      return t[20];
    };
    expect(median(b.images)).toBeGreaterThan(2 * median(a.images));
  });

  it('evaluates on held-out digits, the same every call', () => {
    const first = data.evaluationSet('a', 10);
    expect(data.evaluationSet('a', 10)).toEqual(first);
    expect(data.evaluationSet('a', 20).images.subarray(0, first.images.length)).toEqual(first.images);
    expect(() => data.evaluationSet('b', 100_000)).toThrow(/only \d+ held-out/);
  });
});
