/**
 * The learned watermark on the training session, driven by hand: the held-out bits rise as it
 * trains, a refused configure changes nothing, tensors stay flat after the first optimiser step,
 * the last healthy weights come back, and a picture the page marks through markChange is read
 * back by readBits (at the trained strength, with the luminance change sized as promised).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import * as tf from '../../../src/core/shared/tf';
import { switchToAppBackend } from '../../core/shared/appBackend';
import { luminance } from '../../../src/core/provenance/picture';
import { toyFacePicture } from '../../../src/core/provenance/provenancePictures';
import { SeededRandom } from '../../../src/core/shared/seededRandom';
import { createLearnedMarkSession } from '../../../src/worker/provenance/learnedMarkAdapter';
import { DEFAULT_LEARNED_MARK_SETTINGS, LEARNED_MARK_BITS } from '../../../src/protocol/provenance/learnedMarkProtocol';
import { FakeClock } from '../shared/sessionTestKit';

const scratch = { kind: 'scratch' } as const;

beforeAll(async () => {
  expect(await switchToAppBackend()).toBe('wasm');
});

describe('the learned watermark on the training session', () => {
  it('learns (the held-out bits rise), keeps tensors flat, restores the last healthy weights and refuses bad settings', async () => {
    const { session, adapter } = createLearnedMarkSession(new FakeClock());
    try {
      await session.configure({ ...DEFAULT_LEARNED_MARK_SETTINGS, warmupSteps: 1000 }, scratch);
      const model = session.requireModel();
      const before = adapter.heldOutBits(model);
      session.step();
      const tensors = tf.memory().numTensors;
      // The steps themselves (a session step also reads the held-out bits back for its frame, which doubles the time).
      for (let s = 1; s < 40; s++) adapter.trainStep(model);
      session.step();
      expect(tf.memory().numTensors).toBe(tensors);
      const after = adapter.heldOutBits(model);
      expect(after.plain).toBeGreaterThan(before.plain + 0.08);
      expect(after.plain).toBeGreaterThan(0.7);
      // A healthy state taken now, then more steps, then put back: the same bits read.
      const kept = adapter.capture(model);
      for (let s = 0; s < 5; s++) session.step();
      kept.restore(model);
      kept.dispose();
      expect(model.mark.steps).toBe(41);
      expect(adapter.heldOutBits(model).plain).toBeCloseTo(after.plain, 6);
      await expect(session.configure({ ...DEFAULT_LEARNED_MARK_SETTINGS, psnr: 10 }, scratch)).rejects.toThrow(/PSNR/);
      expect(session.requireModel()).toBe(model);

      // The page's round trip: a picture's luminance marked, then read back.
      const picture = toyFacePicture(3);
      const plane = luminance(picture);
      const random = new SeededRandom(5);
      const bits = Uint8Array.from({ length: LEARNED_MARK_BITS }, () => (random.next() < 0.5 ? 1 : 0));
      const change = adapter.markChange(model, plane, 128, 128, bits);
      const rms = Math.sqrt(change.reduce((a, d) => a + d * d, 0) / change.length);
      // 38 dB is a root-mean-square change of 255·10^(−38/20) ≈ 3.2 levels.
      expect(rms).toBeCloseTo(255 * 10 ** (-38 / 20), 0);
      const marked = plane.map((v, i) => v + change[i]);
      const read = adapter.readBits(model, marked, 128, 128, false);
      // After 41 steps the mark is young: well above the 16 of 32 that guessing reads, short of all of them.
      expect(read.filter((b, i) => b === bits[i]).length).toBeGreaterThanOrEqual(22);
      expect(() => adapter.readBits(model, new Float32Array(10), 128, 128, false)).toThrow(/128×128 needs 16384 values/);
      // Starting again with other settings builds a second pair beside the first before swapping them.
      await session.configure({ ...DEFAULT_LEARNED_MARK_SETTINGS, psnr: 34 }, scratch);
      expect(session.requireModel()).not.toBe(model);
      expect(session.requireModel().mark.settings.psnr).toBe(34);
    } finally {
      session.dispose();
    }
  });
});
