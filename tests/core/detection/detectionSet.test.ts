/** Labelled picture sets: real then fake, a seeded split that keeps each label's share, and refusals. */
import { describe, expect, it } from 'vitest';
import { FAKE, REAL, checkDetectionSet, labelledSet, pickPictures, splitDetectionSet } from '../../../src/core/detection/detectionSet';

/** Picture i of 2×2 holds the value i everywhere, so we can follow it. */
const pictures = (from: number, count: number) => Float32Array.from({ length: count * 4 }, (_, k) => from + Math.floor(k / 4));

describe('labelledSet and splitDetectionSet', () => {
  it('puts real pictures (label 0) before fakes (label 1)', () => {
    const set = labelledSet(pictures(0, 3), pictures(3, 2), 2, 2);
    expect(set.count).toBe(5);
    expect([...set.labels]).toEqual([REAL, REAL, REAL, FAKE, FAKE]);
    expect([...pickPictures(set, [4, 0]).images]).toEqual([4, 4, 4, 4, 0, 0, 0, 0]);
  });

  it('holds out the asked share of each label, every picture exactly once, the same for the same seed', () => {
    const set = labelledSet(pictures(0, 40), pictures(40, 20), 2, 2);
    const { train, heldOut } = splitDetectionSet(set, 0.25, 9);
    expect(heldOut.labels.filter((l) => l === REAL).length).toBe(10);
    expect(heldOut.labels.filter((l) => l === FAKE).length).toBe(5);
    const ids = (s: typeof train) => Array.from({ length: s.count }, (_, i) => s.images[4 * i]);
    expect([...ids(train), ...ids(heldOut)].sort((a, b) => a - b)).toEqual(Array.from({ length: 60 }, (_, i) => i));
    for (const s of [train, heldOut]) for (let i = 0; i < s.count; i++) expect(s.labels[i]).toBe(s.images[4 * i] < 40 ? REAL : FAKE);
    expect(splitDetectionSet(set, 0.25, 9)).toEqual({ train, heldOut });
    expect(ids(splitDetectionSet(set, 0.25, 10).heldOut)).not.toEqual(ids(heldOut));
  });

  it('refuses malformed sets with the reason', () => {
    expect(() => labelledSet(new Float32Array(5), new Float32Array(4), 2, 2)).toThrow(/must each be whole 2×2 pictures/);
    expect(() => checkDetectionSet({ count: 2, height: 2, width: 2, images: new Float32Array(8), labels: new Uint8Array(1) })).toThrow(/2 pictures need 2 labels, not 1/);
    expect(() => checkDetectionSet({ count: 1, height: 2, width: 2, images: Float32Array.of(0, Infinity, 0, 0), labels: new Uint8Array(1) })).toThrow(/pixel 1 of picture 0 is not a finite number/);
    expect(() => splitDetectionSet(labelledSet(pictures(0, 2), pictures(2, 2), 2, 2), 1, 1)).toThrow(/between 0 and 1/);
    expect(() => splitDetectionSet(labelledSet(pictures(0, 1), pictures(1, 1), 2, 2), 0.1, 1)).toThrow(/too few to split/);
  });
});
