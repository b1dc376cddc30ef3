import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import * as tf from '../../../src/core/shared/tf';
import '@tensorflow/tfjs-backend-wasm';
import { registerWasmFastKernels } from '../../../src/core/shared/wasmFastKernels';
import { DigitClassifier, predictedClasses } from '../../../src/core/mnist/digitClassifier';
import { digitsToFloats, pickDigits, splitDigits } from '../../../src/core/mnist/digitDataset';
import { decodeWeightsBundle } from '../../../src/core/shared/weightsBundle';
import {
  cropImages, digitSlant, dilate, padImages, skeletonize, strokeThickness, styleDigit, upsampledMask,
} from '../../../src/core/faceswap/digitStyles';
import { loadMnistDigits } from '../../../models/tools/mnistSource';

const { heldOut } = splitDigits(loadMnistDigits());
// Every 3rd held-out digit: about 500, all classes (the set is stored class by class).
const sample = pickDigits(heldOut, Array.from({ length: Math.floor(heldOut.count / 3) }, (_, i) => i * 3));
const original = digitsToFloats(sample, 0, sample.count);
const styled = (style: 'thin' | 'thick') => {
  const out = new Float32Array(original.length);
  for (let i = 0; i < sample.count; i++) styleDigit(original.subarray(i * 784, (i + 1) * 784), 28, style, out, i * 784);
  return out;
};
const thin = styled('thin');
const thick = styled('thick');
const perDigit = (images: Float32Array, f: (image: Float32Array, side: number) => number) =>
  Array.from({ length: images.length / 784 }, (_, i) => f(images.subarray(i * 784, (i + 1) * 784), 28));
const median = (v: number[]) => [...v].sort((a, b) => a - b)[v.length >> 1];

/** A side×side picture in [-1, 1] with ink where `on(x, y)`. */
function drawn(side: number, on: (x: number, y: number) => boolean): Float32Array {
  return Float32Array.from({ length: side * side }, (_, p) => (on(p % side, Math.floor(p / side)) ? 1 : -1));
}

describe('morphology', () => {
  it('thins a thick bar to a one-pixel, connected line', () => {
    const w = 20;
    const bar = Uint8Array.from({ length: w * w }, (_, p) => (p % w >= 3 && p % w < 17 && Math.floor(p / w) >= 8 && Math.floor(p / w) < 13 ? 1 : 0));
    const skeleton = skeletonize(bar, w, w);
    const count = skeleton.reduce((a, b) => a + b, 0);
    expect(count).toBeGreaterThan(8);
    // At most one skeleton pixel in any column, and the pixels form one 8-connected chain.
    for (let x = 0; x < w; x++) expect(Array.from({ length: w }, (_, y) => skeleton[y * w + x]).reduce((a, b) => a + b, 0)).toBeLessThanOrEqual(1);
    const seen = new Set<number>();
    const stack = [skeleton.indexOf(1)];
    while (stack.length) {
      const p = stack.pop()!;
      if (seen.has(p)) continue;
      seen.add(p);
      for (let dy = -1; dy <= 1; dy++) for (let dx = -1; dx <= 1; dx++) {
        const q = p + dy * w + dx;
        if (Math.abs((q % w) - (p % w)) <= 1 && q >= 0 && q < w * w && skeleton[q]) stack.push(q);
      }
    }
    expect(seen.size).toBe(count);
  });

  it('dilates a point into a disc', () => {
    const dot = new Uint8Array(81);
    dot[40] = 1;
    expect(dilate(dot, 9, 9, 2).reduce((a, b) => a + b, 0)).toBe(13);
    expect(dilate(dot, 9, 9, 1).reduce((a, b) => a + b, 0)).toBe(5);
  });

  it('measures the width of strokes drawn at known widths', () => {
    for (const width of [1.5, 3, 5]) {
      // A vertical and a horizontal stroke of the given width (in pixels), 16 pixels long.
      const picture = drawn(28, (x, y) => (Math.abs(x + 0.5 - 9) < width / 2 && y >= 6 && y < 22) || (Math.abs(y + 0.5 - 20) < width / 2 && x >= 12 && x < 26));
      const measured = strokeThickness(picture, 28);
      expect(measured, `width ${width}`).toBeGreaterThan(width * 0.7);
      expect(measured, `width ${width}`).toBeLessThan(width * 1.35 + 0.3);
    }
    expect(strokeThickness(new Float32Array(784).fill(-1), 28)).toBeNaN();
  });

  it('measures slant as horizontal shear, whatever the stroke width', () => {
    for (const shear of [-0.3, 0, 0.25]) {
      for (const width of [2, 5]) {
        // A bar leaning right by `shear` pixels per pixel of height (y down: the top is further right).
        const bar = drawn(28, (x, y) => y >= 4 && y < 24 && Math.abs(x + 0.5 - (14 - shear * (y + 0.5 - 14))) < width / 2);
        expect(digitSlant(bar, 28)).toBeCloseTo(shear, 1);
      }
    }
  });

  it('pads and crops back to the same pictures', () => {
    const padded = padImages(original.subarray(0, 3 * 784), 28, 32);
    expect(padded.length).toBe(3 * 1024);
    expect(padded[0]).toBe(-1);
    expect(padded[2 * 32 + 2]).toBe(original[0]);
    expect(cropImages(padded, 32, 28)).toEqual(original.subarray(0, 3 * 784));
    expect(() => padImages(original.subarray(0, 784), 28, 31)).toThrow(/cannot centre/);
  });
});

describe('thin and thick digit styles on MNIST', () => {
  let classifier: DigitClassifier;

  beforeAll(async () => {
    tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', false);
    expect(await tf.setBackend('wasm')).toBe(true);
    registerWasmFastKernels();
    classifier = DigitClassifier.fromBundle(decodeWeightsBundle(readFileSync(resolve(import.meta.dirname, '../../../models/digitClassifier.weights'))));
  });

  it('thins and thickens the strokes: measured thickness moves in the expected direction for nearly every digit', () => {
    const before = perDigit(original, strokeThickness);
    const thinned = perDigit(thin, strokeThickness);
    const thickened = perDigit(thick, strokeThickness);
    const fraction = (test: (i: number) => boolean) => before.filter((_, i) => test(i)).length / before.length;
    expect(fraction((i) => thinned[i] < before[i])).toBeGreaterThan(0.9);
    expect(fraction((i) => thickened[i] > before[i])).toBeGreaterThan(0.97);
    expect(fraction((i) => thickened[i] > thinned[i] + 1.5)).toBeGreaterThan(0.97);
    // Thin strokes all come out about the same width; thick ones at least twice as wide.
    expect(median(thinned)).toBeLessThan(1.8);
    expect(median(thickened)).toBeGreaterThan(2 * median(thinned));
    expect(median(before)).toBeGreaterThan(median(thinned));
    expect(median(before)).toBeLessThan(median(thickened));
  });

  it('keeps the ink in [-1, 1] and the slant of each digit', () => {
    for (const images of [thin, thick]) {
      expect(images.reduce((m, v) => Math.min(m, v), Infinity)).toBeGreaterThanOrEqual(-1);
      expect(images.reduce((m, v) => Math.max(m, v), -Infinity)).toBeLessThanOrEqual(1);
    }
    const slant = perDigit(original, digitSlant);
    const correlation = (a: number[], b: number[]) => {
      const ma = a.reduce((s, v) => s + v, 0) / a.length;
      const mb = b.reduce((s, v) => s + v, 0) / b.length;
      const cov = a.reduce((s, v, i) => s + (v - ma) * (b[i] - mb), 0);
      return cov / Math.sqrt(a.reduce((s, v) => s + (v - ma) ** 2, 0) * b.reduce((s, v) => s + (v - mb) ** 2, 0));
    };
    expect(correlation(slant, perDigit(thin, digitSlant))).toBeGreaterThan(0.9);
    expect(correlation(slant, perDigit(thick, digitSlant))).toBeGreaterThan(0.9);
  });

  it('keeps the digits recognisable by the project\'s digit classifier', () => {
    const accuracy = (images: Float32Array) => {
      const predicted = predictedClasses(classifier.evaluate(images).probabilities);
      return predicted.filter((c, i) => c === sample.labels[i]).length / sample.count;
    };
    const plain = accuracy(original);
    expect(plain).toBeGreaterThan(0.97);
    expect(accuracy(thin)).toBeGreaterThan(0.93);
    expect(accuracy(thick)).toBeGreaterThan(0.93);
  });

  it('styles a digit the same way every time', () => {
    const one = original.subarray(0, 784);
    expect(styleDigit(one, 28, 'thin')).toEqual(thin.subarray(0, 784));
    expect(upsampledMask(one, 28).length).toBe(56 * 56);
  });
});
