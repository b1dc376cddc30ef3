/**
 * BCH(63, 36) with its CRC-4: every codeword is a multiple of the generator; every pattern
 * of up to 5 bit errors is corrected (all of 1 and 2 errors, many random ones of 3–5); with
 * 6–12 errors the payload is reported unreadable, not read wrongly, in at least 99% of words.
 */
import { describe, expect, it } from 'vitest';
import {
  CODE_LENGTH, CORRECTABLE_ERRORS, GENERATOR, bchDecode, bchEncode, decodePayload, encodePayload,
} from '../../../src/core/provenance/errorCorrection';
import { SeededRandom } from '../../../src/core/shared/seededRandom';

/** Remainder of a binary polynomial (lowest degree first) divided by g, by long division. */
function remainder(word: ArrayLike<number>, g: readonly number[]): number[] {
  const r = Array.from(word);
  for (let d = r.length - 1; d >= g.length - 1; d--) if (r[d]) for (let j = 0; j < g.length; j++) r[d - (g.length - 1) + j] ^= g[j];
  return r.slice(0, g.length - 1);
}

function withErrors(word: Uint8Array, positions: number[]): Uint8Array {
  const out = word.slice();
  for (const p of positions) out[p] ^= 1;
  return out;
}

function randomPositions(rng: SeededRandom, count: number): number[] {
  const all = Array.from({ length: CODE_LENGTH }, (_, i) => i);
  for (let i = 0; i < count; i++) {
    const j = i + rng.int(CODE_LENGTH - i);
    [all[i], all[j]] = [all[j], all[i]];
  }
  return all.slice(0, count);
}

describe('BCH(63, 36)', () => {
  it('has a degree-27 generator that divides x⁶³ − 1, and codewords that are its multiples', () => {
    expect(GENERATOR.length).toBe(28);
    const x63minus1 = new Array(64).fill(0);
    x63minus1[0] = 1;
    x63minus1[63] = 1;
    expect(remainder(x63minus1, GENERATOR).every((b) => b === 0)).toBe(true);
    const rng = new SeededRandom(1);
    for (let t = 0; t < 50; t++) {
      const message = Array.from({ length: 36 }, () => rng.int(2));
      const word = bchEncode(message);
      expect(remainder(word, GENERATOR).every((b) => b === 0)).toBe(true);
      expect(Array.from(word.slice(27))).toEqual(message);
    }
  });

  it('corrects every single and double error, and random triple to quintuple errors', () => {
    const word = encodePayload(0xdeadbeef);
    for (let i = 0; i < CODE_LENGTH; i++) {
      for (let j = i; j < CODE_LENGTH; j++) {
        const decoded = decodePayload(withErrors(word, i === j ? [i] : [i, j]));
        if (!decoded.ok || decoded.payload !== 0xdeadbeef) throw new Error(`errors at ${i}, ${j} not corrected`);
      }
    }
    const rng = new SeededRandom(2);
    for (let t = 0; t < 900; t++) {
      const payload = Math.floor(rng.next() * 2 ** 32);
      const count = 3 + (t % (CORRECTABLE_ERRORS - 2));
      const decoded = decodePayload(withErrors(encodePayload(payload), randomPositions(rng, count)));
      expect(decoded).toEqual({ ok: true, payload, correctedBits: count });
    }
  });

  it('reports more than 5 errors as unreadable in at least 99% of words', () => {
    const rng = new SeededRandom(3);
    let refused = 0;
    let wrong = 0;
    const trials = 3000;
    for (let t = 0; t < trials; t++) {
      const payload = Math.floor(rng.next() * 2 ** 32);
      const count = CORRECTABLE_ERRORS + 1 + (t % 7); // 6–12 errors
      const decoded = decodePayload(withErrors(encodePayload(payload), randomPositions(rng, count)));
      if (!decoded.ok) refused++;
      else {
        // The code cannot correct these: a decoded payload can only be a different one.
        expect(decoded.payload).not.toBe(payload);
        wrong++;
      }
    }
    expect(refused + wrong).toBe(trials);
    expect(refused / trials).toBeGreaterThanOrEqual(0.99);
    // The BCH decoder alone (without the CRC) miscorrects more often: the CRC earns its bits.
    let bchWrong = 0;
    for (let t = 0; t < 1000; t++) {
      const word = bchEncode(Array.from({ length: 36 }, () => rng.int(2)));
      if (bchDecode(withErrors(word, randomPositions(rng, 6 + (t % 7)))).ok) bchWrong++;
    }
    expect(bchWrong / 1000).toBeGreaterThan(wrong / trials);
  });

  it('refuses bad input with a clear message', () => {
    expect(() => encodePayload(-1)).toThrow(/0 to 4294967295/);
    expect(() => encodePayload(2 ** 32)).toThrow(/32 bits/);
    expect(() => decodePayload(new Uint8Array(62))).toThrow(/63 bits/);
    expect(() => bchDecode(new Uint8Array(63).fill(2))).toThrow(/0s and 1s/);
  });
});
