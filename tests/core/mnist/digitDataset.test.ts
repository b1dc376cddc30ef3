import { describe, expect, it } from 'vitest';
import type { DigitSet } from '../../../src/core/mnist/digitAsset';
import {
  DigitSampler,
  HELD_OUT_FRACTION,
  classCounts,
  digitsToFloats,
  imagesTensor,
  onlyClasses,
  pickDigits,
  splitDigits,
  splitIndices,
} from '../../../src/core/mnist/digitDataset';
import { loadMnistDigits } from '../../../models/tools/mnistSource';

const digits = loadMnistDigits();

/** n 1×2 "digits" whose first pixel is their index and label is index mod 10. */
function numbered(n: number): DigitSet {
  return {
    count: n,
    rows: 1,
    cols: 2,
    labels: Uint8Array.from({ length: n }, (_, i) => i % 10),
    pixels: Uint8Array.from({ length: 2 * n }, (_, p) => (p % 2 === 0 ? p / 2 : 255)),
  };
}

describe('train / held-out split', () => {
  it('holds out the last 15% of each class, in file order', () => {
    const { train, heldOut } = splitIndices(digits);
    expect([train.length, heldOut.length]).toEqual([8499, 1501]);
    const total = classCounts(digits);
    const held = total.map((n) => Math.round(n * HELD_OUT_FRACTION));
    expect(held).toEqual([150, 169, 149, 155, 147, 129, 152, 161, 142, 147]);
    const { heldOut: heldSet, train: trainSet } = splitDigits(digits);
    expect(classCounts(heldSet)).toEqual(held);
    expect(classCounts(trainSet)).toEqual(total.map((n, d) => n - held[d]));
    // The package stores classes one after another, so each class's held-out part is its tail.
    let classStart = 0;
    let at = 0;
    for (let d = 0; d < 10; d++) {
      const tail = Array.from({ length: held[d] }, (_, k) => classStart + total[d] - held[d] + k);
      expect(Array.from(heldOut.subarray(at, at + held[d]))).toEqual(tail);
      at += held[d];
      classStart += total[d];
    }
  });

  it('is disjoint, covers every digit once, and never changes', () => {
    const { train, heldOut } = splitIndices(digits);
    const all = [...train, ...heldOut].sort((a, b) => a - b);
    expect(all).toEqual(Array.from({ length: digits.count }, (_, i) => i));
    expect(splitIndices(digits).heldOut).toEqual(heldOut);
  });

  it('copies the chosen digits with their labels', () => {
    const set = numbered(30);
    const picked = pickDigits(set, [29, 3]);
    expect(Array.from(picked.labels)).toEqual([9, 3]);
    expect(Array.from(picked.pixels)).toEqual([29, 255, 3, 255]);
    expect(() => pickDigits(set, [30])).toThrow(/outside 0–29/);
  });
});

describe('class filtering', () => {
  it('keeps only the chosen classes', () => {
    const threesAndSevens = onlyClasses(digits, [7, 3]);
    expect(threesAndSevens.count).toBe(1032 + 1070);
    expect(new Set(threesAndSevens.labels)).toEqual(new Set([3, 7]));
  });

  it('refuses an empty or impossible choice', () => {
    expect(() => onlyClasses(digits, [])).toThrow(/at least one digit class/);
    expect(() => onlyClasses(digits, [10])).toThrow(/class 10 does not exist/);
    expect(() => onlyClasses(pickDigits(digits, [0]), [5])).toThrow(/no digits of class 5/);
  });
});

describe('pixel conversion and batches', () => {
  it('maps grey levels to [-1, 1] (default) or [0, 1]', () => {
    const set: DigitSet = { count: 1, rows: 1, cols: 3, labels: Uint8Array.of(0), pixels: Uint8Array.of(0, 255, 51) };
    expect(Array.from(digitsToFloats(set, 0, 1))).toEqual([-1, 1, expect.closeTo(-0.6, 6)]);
    expect(Array.from(digitsToFloats(set, 0, 1, 'unit'))).toEqual([0, 1, expect.closeTo(0.2, 6)]);
  });

  it('visits every digit once per epoch, reproducibly from the seed', () => {
    const set = numbered(25);
    const a = new DigitSampler(set, 7);
    const firstEpoch = [...a.nextIndices(10), ...a.nextIndices(10), ...a.nextIndices(5)];
    expect([...firstEpoch].sort((x, y) => x - y)).toEqual(Array.from({ length: 25 }, (_, i) => i));
    expect(a.epochs).toBe(0);
    a.nextIndices(1);
    expect(a.epochs).toBe(1);
    const b = new DigitSampler(set, 7);
    expect([...b.nextIndices(25)]).toEqual(firstEpoch);
    expect([...new DigitSampler(set, 8).nextIndices(25)]).not.toEqual(firstEpoch);
  });

  it('builds float batches with matching labels', () => {
    const sampler = new DigitSampler(numbered(25), 3, 'unit');
    const { images, labels } = sampler.nextBatch(6);
    expect(images.length).toBe(12);
    for (let k = 0; k < 6; k++) {
      const index = Math.round(images[2 * k] * 255);
      expect(labels[k]).toBe(index % 10);
      expect(images[2 * k + 1]).toBe(1);
    }
  });

  it('shapes images as an NHWC tensor', () => {
    const t = imagesTensor(digitsToFloats(digits, 0, 3), 28, 28);
    expect(t.shape).toEqual([3, 28, 28, 1]);
    t.dispose();
  });
});
