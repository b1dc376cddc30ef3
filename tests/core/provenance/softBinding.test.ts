/**
 * Soft binding: a picture marked with the lab's key and a number gets its signed file back from
 * the store after its credentials are gone (also after a lossy re-save); an unmarked picture, a
 * number not on file, or a file that still has credentials never triggers a lookup that answers.
 */
import { describe, expect, it } from 'vitest';
import { boxBlur, gaussianNoise } from '../../../src/core/provenance/imageAttacks';
import { psnr } from '../../../src/core/provenance/imageQuality';
import { toyFacePicture } from '../../../src/core/provenance/provenancePictures';
import { markForSoftBinding, recoverByWatermark, softBindingPayload, type SoftBindingRecord } from '../../../src/core/provenance/softBinding';
import { createPicture } from '../../../src/core/provenance/picture';

function storeWith(records: SoftBindingRecord[]) {
  const map = new Map(records.map((r) => [r.payload, r]));
  const asked: number[] = [];
  return { asked, lookup: async (payload: number) => { asked.push(payload); return map.get(payload); } };
}

const record = (payload: number, title: string): SoftBindingRecord => ({ payload, title, file: new Uint8Array([1, 2, 3]), format: 'image/png', signedAt: '2026-01-01T00:00:00Z' });

describe('soft binding', () => {
  it('finds the signed file from the mark of a picture whose credentials were stripped, even after noise and blur', async () => {
    const payload = softBindingPayload(0xdeadbeef);
    const original = toyFacePicture(7);
    const marked = markForSoftBinding(original, payload);
    expect(psnr(original, marked)).toBeGreaterThan(37);
    const store = storeWith([record(payload, 'toy-face-7.png'), record(12345, 'another.png')]);
    for (const picture of [marked, gaussianNoise(marked, 2, 3), boxBlur(marked, 1)]) {
      const outcome = await recoverByWatermark(picture, false, store.lookup);
      expect(outcome.kind).toBe('recovered');
      if (outcome.kind === 'recovered') expect(outcome.record.title).toBe('toy-face-7.png');
    }
    expect(store.asked).toEqual([payload, payload, payload]);
  });

  it('does not look up a file that has credentials, an unmarked picture, or a number not on file', async () => {
    const store = storeWith([record(99, 'other.png')]);
    const marked = markForSoftBinding(toyFacePicture(8), 4242);
    expect((await recoverByWatermark(marked, true, store.lookup)).kind).toBe('credentials');
    expect((await recoverByWatermark(toyFacePicture(8), false, store.lookup)).kind).toBe('no-mark');
    const unknown = await recoverByWatermark(marked, false, store.lookup);
    expect(unknown).toMatchObject({ kind: 'unknown', payload: 4242 });
    expect(store.asked).toEqual([4242]);
    const odd = await recoverByWatermark(createPicture(13, 10), false, store.lookup);
    expect(odd.kind).toBe('unsearchable');
  });

  it('refuses a number that is not 32 bits, and never hands out 0', () => {
    expect(softBindingPayload(0)).toBe(1);
    expect(() => softBindingPayload(2 ** 32)).toThrow(/whole number from 0 to 4,294,967,295/);
    expect(() => softBindingPayload(1.5)).toThrow(/got 1.5/);
  });
});
