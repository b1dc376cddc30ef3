import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { fnv1a } from '../../../src/core/shared/checksum';
import {
  DIGIT_ASSET_HEADER_BYTES,
  decodeDigitAsset,
  encodeDigitAsset,
  readDigitAsset,
  type DigitSet,
} from '../../../src/core/mnist/digitAsset';
import { buildDigitAssetFile, loadMnistDigits } from '../../../models/tools/mnistSource';

/** Three 2×3 digits with labels 0, 9, 4 and some ink in each. */
function tinySet(): DigitSet {
  return {
    count: 3,
    rows: 2,
    cols: 3,
    labels: Uint8Array.from([0, 9, 4]),
    pixels: Uint8Array.from([0, 255, 0, 0, 128, 0, 200, 0, 0, 0, 0, 7, 1, 2, 3, 4, 5, 250]),
  };
}

/** Re-seals a hand-edited file with a fresh checksum, so the check under test is the one that fires. */
function reseal(bytes: Uint8Array): Uint8Array {
  new DataView(bytes.buffer).setUint32(20, fnv1a(bytes, DIGIT_ASSET_HEADER_BYTES), true);
  return bytes;
}

describe('digit asset format', () => {
  it('round-trips a set exactly, raw and gzip-compressed', async () => {
    const set = tinySet();
    const bytes = encodeDigitAsset(set);
    expect(bytes.length).toBe(DIGIT_ASSET_HEADER_BYTES + 3 + 18);
    expect(decodeDigitAsset(bytes)).toEqual(set);
    expect(await readDigitAsset(gzipSync(bytes))).toEqual(set);
    expect(await readDigitAsset(bytes)).toEqual(set); // a host that already undid the gzip
  });

  it('refuses to encode a malformed set', () => {
    expect(() => encodeDigitAsset({ ...tinySet(), labels: Uint8Array.from([0, 10, 4]) })).toThrow(/digit 1 has label 10, outside 0–9/);
    expect(() => encodeDigitAsset({ ...tinySet(), count: 4 })).toThrow(/3 labels for 4 digits/);
    expect(() => encodeDigitAsset({ ...tinySet(), pixels: new Uint8Array(17) })).toThrow(/17 pixels, but 3 digits of 2×3 need 18/);
  });

  const good = () => encodeDigitAsset(tinySet());
  const cases: [string, () => Uint8Array, RegExp][] = [
    ['a file shorter than the header', () => good().slice(0, 10), /only 10 bytes long/],
    ['the wrong magic', () => Uint8Array.from([0x50, 0x4b, 3, 4, ...good().slice(4)]), /does not start with "DLDG"/],
    ['still-compressed data', () => gzipSync(good()).slice(), /still gzip-compressed/],
    ['an HTML error page', () => new TextEncoder().encode('<!doctype html><html>Not found</html>'), /looks like an HTML page/],
    ['another version', () => { const b = good(); b[4] = 2; return b; }, /format version 2, but this app reads version 1/],
    ['a truncated file', () => good().slice(0, -1), /truncated: 44 bytes, but 3 digits of 2×3 need 45/],
    ['trailing bytes', () => Uint8Array.from([...good(), 0]), /1 unexpected bytes after the 3 digits/],
    ['a count that does not match the data', () => { const b = good(); b[8] = 2; return b; }, /7 unexpected bytes after the 2 digits its header announces/],
    ['an absurd header', () => { const b = good(); b[12] = 0; return b; }, /claims 3 digits of 0×3 pixels/],
    ['a corrupted byte', () => { const b = good(); b[30] ^= 1; return b; }, /checksum does not match/],
    ['a label outside 0–9', () => { const b = good(); b[DIGIT_ASSET_HEADER_BYTES + 1] = 12; return reseal(b); }, /digit 1 has label 12, outside 0–9/],
    ['a blank digit', () => { const b = good(); b.fill(0, DIGIT_ASSET_HEADER_BYTES + 3, DIGIT_ASSET_HEADER_BYTES + 9); return reseal(b); }, /digit 0 \(label 0\) has no ink/],
  ];
  for (const [what, make, message] of cases) {
    it(`refuses ${what} with a clear message`, () => {
      expect(() => decodeDigitAsset(make())).toThrow(message);
      expect(() => decodeDigitAsset(make())).toThrow(/^The digit data file is unusable: /);
    });
  }

  it('refuses broken gzip data', async () => {
    const broken = gzipSync(good()).slice(0, 20);
    await expect(readDigitAsset(broken)).rejects.toThrow(/not valid gzip data/);
  });
});

describe('the MNIST asset built from the mnist package', () => {
  it('decodes to the 10,000 labelled 28×28 digits of the package', async () => {
    const file = buildDigitAssetFile();
    expect(file.length).toBeLessThan(2_000_000); // ~1.6 MB gzip-compressed, from 7.85 MB raw
    const set = await readDigitAsset(file);
    const source = loadMnistDigits();
    // Buffer comparison: a deep toEqual over 7.8 million bytes takes minutes.
    expect(Buffer.from(set.pixels).equals(Buffer.from(source.pixels))).toBe(true);
    expect(Buffer.from(set.labels).equals(Buffer.from(source.labels))).toBe(true);
    expect([set.count, set.rows, set.cols]).toEqual([10_000, 28, 28]);
    const perClass = Array.from({ length: 10 }, (_, d) => set.labels.filter((l) => l === d).length);
    expect(perClass).toEqual([1001, 1127, 991, 1032, 980, 863, 1014, 1070, 944, 978]);
    // Grey levels span the full byte range; MNIST is mostly paper (mean ink ≈ 13%).
    let min = 255, max = 0, sum = 0;
    for (const p of set.pixels) {
      min = Math.min(min, p);
      max = Math.max(max, p);
      sum += p;
    }
    expect([min, max]).toEqual([0, 255]);
    expect(sum / set.pixels.length / 255).toBeGreaterThan(0.1);
    expect(sum / set.pixels.length / 255).toBeLessThan(0.16);
  });

  it('is byte-for-byte reproducible', () => {
    expect(fnv1a(buildDigitAssetFile())).toBe(fnv1a(buildDigitAssetFile()));
  });
});
