import { describe, expect, it } from 'vitest';
import {
  FLOAT16_MAX, decodeWeightsBundle, encodeWeightsBundle, fromFloat16Bits, matchWeights, storedValues, toFloat16Bits, type WeightsBundle,
} from '../../../src/core/shared/weightsBundle';

function bundle(): WeightsBundle {
  return {
    format: 'test/model@1',
    metadata: { seed: 3, note: 'Fréchet ✓', nested: { steps: [1, 2] } },
    weights: [
      { name: 'dense/kernel', shape: [2, 3], data: Float32Array.of(1, -2, 3.5, 1e-30, -0, 6) },
      { name: 'dense/bias', shape: [3], data: Float32Array.of(0.1, 0.2, 0.3) },
      { name: 'scalar', shape: [], data: Float32Array.of(42) },
    ],
  };
}

describe('weights bundle', () => {
  it('round-trips names, shapes, exact float32 values and metadata', () => {
    const bytes = encodeWeightsBundle(bundle());
    expect(bytes.length % 4).toBe(0);
    expect(decodeWeightsBundle(bytes, 'test/model@1')).toEqual(bundle());
    // Reads from a view into a larger buffer at an odd offset too.
    const shifted = new Uint8Array(bytes.length + 3);
    shifted.set(bytes, 3);
    expect(decodeWeightsBundle(shifted.subarray(3))).toEqual(bundle());
  });

  it('refuses to write weights that cannot be read back', () => {
    const b = bundle();
    b.weights[1].data[0] = NaN;
    expect(() => encodeWeightsBundle(b)).toThrow(/"dense\/bias" holds values that are not finite/);
    const twice = bundle();
    twice.weights[2].name = 'dense/bias';
    expect(() => encodeWeightsBundle(twice)).toThrow(/both named "dense\/bias"/);
    const misfit = bundle();
    misfit.weights[0].shape = [3, 3];
    expect(() => encodeWeightsBundle(misfit)).toThrow(/"dense\/kernel" has 6 values, which does not fit its shape \[3, 3\]/);
  });

  const good = () => encodeWeightsBundle(bundle());
  const headerLength = () => new DataView(good().buffer).getUint32(8, true);
  const cases: [string, () => Uint8Array, RegExp][] = [
    ['a tiny file', () => good().slice(0, 5), /only 5 bytes long/],
    ['another kind of file', () => new TextEncoder().encode('{"weights": []}'), /does not start with "DLWB"/],
    ['another version', () => { const b = good(); b[4] = 9; return b; }, /format version 9, but this app reads versions 1 to 2/],
    ['a file cut in its header', () => good().slice(0, 30), /truncated inside its header/],
    ['a file cut in its data', () => good().slice(0, -4), /tensor "scalar" \[\] runs past the end/],
    ['trailing bytes', () => Uint8Array.from([...good(), 0, 0, 0, 0]), /4 unexpected bytes after its tensors/],
    ['a damaged header', () => { const b = good(); b[12] = 0x5b; b[13] = 0x5b; return b; }, /header is not valid JSON/],
    ['a corrupted value', () => { const b = good(); b[b.length - 6] ^= 0x01; return b; }, /checksum does not match/],
    ['a non-finite value', () => { const b = good(); const v = new DataView(b.buffer); v.setFloat32(b.length - 4, Infinity, true); return b; }, /"scalar" holds values that are not finite/],
  ];
  for (const [what, make, message] of cases) {
    it(`refuses ${what}`, () => {
      expect(headerLength()).toBeGreaterThan(20);
      expect(() => decodeWeightsBundle(make())).toThrow(message);
    });
  }

  it('refuses a file made for another model', () => {
    expect(() => decodeWeightsBundle(good(), 'deepfake-lab/digit-classifier@1')).toThrow(/holds "test\/model@1", not "deepfake-lab\/digit-classifier@1"/);
  });

  it('matches weights to a model by name and shape, in the model’s order', () => {
    const spec = [
      { name: 'scalar', shape: [] },
      { name: 'dense/kernel', shape: [2, 3] },
      { name: 'dense/bias', shape: [3] },
    ];
    const [s, k, b] = matchWeights(bundle(), spec);
    expect([s[0], k[2], b[1]]).toEqual([42, 3.5, Math.fround(0.2)]);
  });

  it('lists every mismatch with its reason', () => {
    const spec = [
      { name: 'dense/kernel', shape: [3, 2] },
      { name: 'dense/bias', shape: [3] },
      { name: 'output/bias', shape: [1] },
    ];
    expect(() => matchWeights(bundle(), spec)).toThrow(
      'The weights do not fit this test/model@1 model: "dense/kernel" has shape [2, 3], expected [3, 2]; "output/bias" is missing; "scalar" is not part of this model.',
    );
  });

  describe('compact storage (version 2)', () => {
    const compact = (): WeightsBundle => ({
      format: 'test/compact@1',
      metadata: {},
      weights: [
        { name: 'image', shape: [3], data: Float32Array.of(0, 128, 255), storage: 'uint8' },
        { name: 'half', shape: [5], data: Float32Array.of(1, -0.5, 0.333251953125, 65504, 2 ** -24), storage: 'float16' },
        { name: 'full', shape: [2], data: Float32Array.of(0.1, -7) },
      ],
    });

    it('stores uint8 and float16 tensors in fewer bytes and reads them back as the same numbers', () => {
      const bytes = encodeWeightsBundle(compact());
      expect(bytes.length % 4).toBe(0);
      expect(new DataView(bytes.buffer).getUint32(4, true)).toBe(2);
      // Every value above is exactly representable in its storage, so the round trip is exact.
      expect(decodeWeightsBundle(bytes, 'test/compact@1')).toEqual(compact());
      const dataBytes = (b: Uint8Array) => b.length - Math.ceil((12 + new DataView(b.buffer).getUint32(8, true)) / 4) * 4;
      const allFloat32 = encodeWeightsBundle({ ...compact(), weights: compact().weights.map(({ name, shape, data }) => ({ name, shape, data })) });
      // 3 bytes + 1 of padding, 10 + 2 of padding, then 8: against 40 bytes as float32.
      expect(dataBytes(bytes)).toBe(24);
      expect(dataBytes(allFloat32)).toBe(40);
    });

    it('writes float32-only bundles as version 1, byte for byte as before', () => {
      expect(new DataView(encodeWeightsBundle(bundle()).buffer).getUint32(4, true)).toBe(1);
    });

    it('rounds float16 to nearest (ties to even), keeps subnormals, and agrees with storedValues', () => {
      expect(fromFloat16Bits(toFloat16Bits(1 + 2 ** -11))).toBe(1); // a tie: rounds to the even neighbour
      expect(fromFloat16Bits(toFloat16Bits(1 + 3 * 2 ** -11))).toBe(1 + 2 ** -9);
      expect(fromFloat16Bits(toFloat16Bits(1 + 2 ** -11 + 2 ** -20))).toBe(1 + 2 ** -10);
      expect(fromFloat16Bits(toFloat16Bits(3 * 2 ** -25))).toBe(2 ** -23); // subnormal tie → even
      expect(fromFloat16Bits(toFloat16Bits(2 ** -26))).toBe(0);
      expect(fromFloat16Bits(toFloat16Bits(-1234.5678))).toBe(-1235);
      expect(toFloat16Bits(-0)).toBe(0x8000);
      const values = Float32Array.from({ length: 200 }, (_, i) => Math.sin(i) * 10 ** ((i % 9) - 4));
      const decoded = decodeWeightsBundle(encodeWeightsBundle({ format: 'f', metadata: {}, weights: [{ name: 'w', shape: [200], data: values, storage: 'float16' }] }));
      expect(decoded.weights[0].data).toEqual(storedValues(values, 'float16'));
      values.forEach((v, i) => expect(Math.abs(decoded.weights[0].data[i] - v)).toBeLessThanOrEqual(Math.max(Math.abs(v) * 2 ** -11, 2 ** -25)));
    });

    it('refuses values its storage cannot hold', () => {
      const b = compact();
      b.weights[0].data[1] = 12.5;
      expect(() => encodeWeightsBundle(b)).toThrow(/"image" is stored as uint8 but holds values that are not whole numbers from 0 to 255/);
      const big = compact();
      big.weights[1].data[0] = FLOAT16_MAX * 2;
      expect(() => encodeWeightsBundle(big)).toThrow(/"half" is stored as float16 but holds values beyond/);
    });

    it('refuses an unknown storage type, a compact tensor in a version 1 file, and a file cut inside padding', () => {
      const bytes = encodeWeightsBundle(compact());
      const text = new TextDecoder().decode(bytes);
      const withType = (from: string, to: string) => {
        const at = text.indexOf(from);
        const b = bytes.slice();
        b.set(new TextEncoder().encode(to), at);
        return b;
      };
      expect(() => decodeWeightsBundle(withType('"uint8"', '"uint9"'))).toThrow(/"image" is stored as "uint9", which this app cannot read/);
      const v1 = bytes.slice();
      v1[4] = 1;
      expect(() => decodeWeightsBundle(v1)).toThrow(/"image" is stored as uint8, which version 1 files cannot hold/);
      // The last tensor is float32: cut into the uint8 tensor's padding instead by dropping the rest.
      const headerLength = new DataView(bytes.buffer).getUint32(8, true);
      const dataStart = Math.ceil((12 + headerLength) / 4) * 4;
      expect(() => decodeWeightsBundle(bytes.slice(0, dataStart + 3))).toThrow(/tensor "image" \[3\] runs past the end/);
    });
  });
});
