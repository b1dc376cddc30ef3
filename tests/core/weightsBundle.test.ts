import { describe, expect, it } from 'vitest';
import { decodeWeightsBundle, encodeWeightsBundle, matchWeights, type WeightsBundle } from '../../src/core/weightsBundle';

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
    ['another version', () => { const b = good(); b[4] = 9; return b; }, /format version 9/],
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
});
