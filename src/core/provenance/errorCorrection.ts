/**
 * Error correction for the watermark's 32-bit payload: a binary BCH(63, 36) code,
 * which corrects any 5 bit errors among its 63 bits (designed distance 11), with a
 * 4-bit CRC in its 4 spare message bits so that a word with more errors than the code
 * can correct is reported as unreadable rather than read wrongly (in all but about
 * 1 in 300 such words; see the tests).
 *
 * The code lives in GF(2⁶) built on the primitive polynomial x⁶ + x + 1; its generator
 * is the product of the minimal polynomials of α, α³, α⁵, α⁷ and α⁹ (degree 27).
 * Encoding is systematic: bits 0–26 are the parity, bits 27–62 the message (the
 * 32 payload bits, most significant first, then the CRC). Decoding computes the 10
 * syndromes, finds the error locator with Berlekamp–Massey and its roots by a Chien
 * search; a locator whose roots are not all in the code's 63 positions means more than
 * 5 errors.
 */
export const CODE_LENGTH = 63;
export const MESSAGE_BITS = 36;
export const PARITY_BITS = CODE_LENGTH - MESSAGE_BITS;
export const CORRECTABLE_ERRORS = 5;
export const PAYLOAD_BITS = 32;
export const CRC_BITS = MESSAGE_BITS - PAYLOAD_BITS;

const FIELD_ORDER = 63;
const EXP = new Uint8Array(2 * FIELD_ORDER);
const LOG = new Int16Array(64).fill(-1);
(() => {
  let x = 1;
  for (let i = 0; i < FIELD_ORDER; i++) {
    EXP[i] = x;
    EXP[i + FIELD_ORDER] = x;
    LOG[x] = i;
    x <<= 1;
    if (x & 0x40) x ^= 0x43; // x⁶ = x + 1
  }
})();

function gfMul(a: number, b: number): number {
  return a === 0 || b === 0 ? 0 : EXP[LOG[a] + LOG[b]];
}
function gfDiv(a: number, b: number): number {
  if (b === 0) throw new RangeError('Division by zero in GF(64).');
  return a === 0 ? 0 : EXP[(LOG[a] - LOG[b] + FIELD_ORDER) % FIELD_ORDER];
}
function gfPow(i: number): number {
  return EXP[((i % FIELD_ORDER) + FIELD_ORDER) % FIELD_ORDER];
}

/** Coefficients (lowest degree first) of the minimal polynomial of αⁱ over GF(2). */
function minimalPolynomial(i: number): number[] {
  const coset: number[] = [];
  for (let c = i % FIELD_ORDER; !coset.includes(c); c = (c * 2) % FIELD_ORDER) coset.push(c);
  let poly = [1]; // in GF(64)
  for (const c of coset) {
    // poly · (x + α^c)
    const next = new Array<number>(poly.length + 1).fill(0);
    for (let d = 0; d < poly.length; d++) {
      next[d + 1] ^= poly[d];
      next[d] ^= gfMul(poly[d], gfPow(c));
    }
    poly = next;
  }
  if (poly.some((c) => c > 1)) throw new Error(`The minimal polynomial of α^${i} is not binary.`);
  return poly;
}

function binaryPolyMul(a: number[], b: number[]): number[] {
  const out = new Array<number>(a.length + b.length - 1).fill(0);
  for (let i = 0; i < a.length; i++) if (a[i]) for (let j = 0; j < b.length; j++) out[i + j] ^= b[j];
  return out;
}

/** The generator polynomial g(x), lowest degree first (28 coefficients, degree 27). */
export const GENERATOR: readonly number[] = (() => {
  let g = [1];
  const seen = new Set<string>();
  for (let i = 1; i <= 2 * CORRECTABLE_ERRORS; i += 2) {
    const m = minimalPolynomial(i);
    const key = m.join('');
    if (seen.has(key)) continue;
    seen.add(key);
    g = binaryPolyMul(g, m);
  }
  if (g.length - 1 !== PARITY_BITS) throw new Error(`The BCH generator has degree ${g.length - 1}, expected ${PARITY_BITS}.`);
  return g;
})();

function checkBits(bits: ArrayLike<number>, length: number, what: string): void {
  if (bits.length !== length) throw new RangeError(`${what} must be ${length} bits long (got ${bits.length}).`);
  for (let i = 0; i < length; i++) {
    if (bits[i] !== 0 && bits[i] !== 1) throw new RangeError(`${what} must hold only 0s and 1s (bit ${i} is ${bits[i]}).`);
  }
}

/** The 63-bit codeword of a 36-bit message (systematic: message in bits 27–62). */
export function bchEncode(message: ArrayLike<number>): Uint8Array {
  checkBits(message, MESSAGE_BITS, 'A BCH message');
  const word = new Uint8Array(CODE_LENGTH);
  for (let i = 0; i < MESSAGE_BITS; i++) word[PARITY_BITS + i] = message[i];
  // Remainder of m(x)·x²⁷ divided by g(x).
  const rem = Uint8Array.from(word);
  for (let d = CODE_LENGTH - 1; d >= PARITY_BITS; d--) {
    if (!rem[d]) continue;
    for (let j = 0; j <= PARITY_BITS; j++) rem[d - PARITY_BITS + j] ^= GENERATOR[j];
  }
  for (let i = 0; i < PARITY_BITS; i++) word[i] = rem[i];
  return word;
}

export type BchDecoded =
  | { ok: true; message: Uint8Array; codeword: Uint8Array; corrected: number[] }
  | { ok: false; reason: string };

/** Syndromes S₁ … S₂ₜ of a received word. */
function syndromes(word: ArrayLike<number>): number[] {
  const s: number[] = [];
  for (let j = 1; j <= 2 * CORRECTABLE_ERRORS; j++) {
    let v = 0;
    for (let i = 0; i < CODE_LENGTH; i++) if (word[i]) v ^= gfPow(i * j);
    s.push(v);
  }
  return s;
}

/** Berlekamp–Massey: the shortest error locator Λ(x) (lowest degree first) generating the syndromes. */
function errorLocator(s: number[]): number[] {
  let lambda = [1];
  let previous = [1];
  let length = 0;
  let shift = 1;
  let previousDiscrepancy = 1;
  for (let n = 0; n < s.length; n++) {
    let d = s[n];
    for (let i = 1; i <= length; i++) d ^= gfMul(lambda[i] ?? 0, s[n - i]);
    if (d === 0) {
      shift++;
      continue;
    }
    const factor = gfDiv(d, previousDiscrepancy);
    const next = lambda.slice();
    for (let i = 0; i < previous.length; i++) {
      while (next.length <= i + shift) next.push(0);
      next[i + shift] ^= gfMul(factor, previous[i]);
    }
    if (2 * length <= n) {
      previous = lambda;
      length = n + 1 - length;
      previousDiscrepancy = d;
      shift = 1;
    } else {
      shift++;
    }
    lambda = next;
  }
  while (lambda.length > 1 && lambda[lambda.length - 1] === 0) lambda.pop();
  return lambda;
}

/** Corrects up to 5 bit errors; with more, almost always reports failure (see the file's comment). */
export function bchDecode(received: ArrayLike<number>): BchDecoded {
  checkBits(received, CODE_LENGTH, 'A BCH word');
  const word = Uint8Array.from(received as ArrayLike<number>);
  const s = syndromes(word);
  const corrected: number[] = [];
  if (s.some((v) => v !== 0)) {
    const lambda = errorLocator(s);
    const degree = lambda.length - 1;
    if (degree > CORRECTABLE_ERRORS) return { ok: false, reason: `more than ${CORRECTABLE_ERRORS} bit errors, too many to correct` };
    // Chien search: position i is in error when Λ(α⁻ⁱ) = 0.
    for (let i = 0; i < CODE_LENGTH; i++) {
      let v = 0;
      for (let k = 0; k <= degree; k++) v ^= gfMul(lambda[k], gfPow(-i * k));
      if (v === 0) corrected.push(i);
    }
    if (corrected.length !== degree) {
      return { ok: false, reason: `more than ${CORRECTABLE_ERRORS} bit errors, too many to correct` };
    }
    for (const i of corrected) word[i] ^= 1;
    if (syndromes(word).some((v) => v !== 0)) return { ok: false, reason: `more than ${CORRECTABLE_ERRORS} bit errors, too many to correct` };
  }
  return { ok: true, message: word.slice(PARITY_BITS), codeword: word, corrected };
}

/** CRC-4 (polynomial x⁴ + x + 1, initial value 0) of a bit string, most significant bit first. */
export function crc4(bits: ArrayLike<number>): number[] {
  let reg = 0;
  for (let i = 0; i < bits.length; i++) {
    const top = ((reg >> 3) & 1) ^ bits[i];
    reg = (reg << 1) & 0xf;
    if (top) reg ^= 0x3;
  }
  return [(reg >> 3) & 1, (reg >> 2) & 1, (reg >> 1) & 1, reg & 1];
}

export function checkPayload(payload: number): void {
  if (!Number.isInteger(payload) || payload < 0 || payload > 0xffffffff) {
    throw new RangeError(`The payload must be a whole number from 0 to 4294967295 (32 bits); got ${payload}.`);
  }
}

/** The payload's 32 bits, most significant first. */
export function payloadToBits(payload: number): Uint8Array {
  checkPayload(payload);
  const bits = new Uint8Array(PAYLOAD_BITS);
  for (let i = 0; i < PAYLOAD_BITS; i++) bits[i] = Math.floor(payload / 2 ** (PAYLOAD_BITS - 1 - i)) % 2;
  return bits;
}

export function bitsToPayload(bits: ArrayLike<number>): number {
  let v = 0;
  for (let i = 0; i < PAYLOAD_BITS; i++) v = v * 2 + (bits[i] ? 1 : 0);
  return v;
}

/** The 63 bits that carry a 32-bit payload: BCH(63, 36) of the payload and its CRC-4. */
export function encodePayload(payload: number): Uint8Array {
  const bits = payloadToBits(payload);
  return bchEncode([...bits, ...crc4(bits)]);
}

export type PayloadDecoded =
  | { ok: true; payload: number; correctedBits: number }
  | { ok: false; reason: string };

/** Reads the payload back from 63 received bits, correcting up to 5 errors. */
export function decodePayload(received: ArrayLike<number>): PayloadDecoded {
  const decoded = bchDecode(received);
  if (!decoded.ok) return decoded;
  const payloadBits = decoded.message.subarray(0, PAYLOAD_BITS);
  const crc = crc4(payloadBits);
  for (let i = 0; i < CRC_BITS; i++) {
    if (crc[i] !== decoded.message[PAYLOAD_BITS + i]) return { ok: false, reason: 'the corrected word fails its CRC check (more than 5 bit errors)' };
  }
  return { ok: true, payload: bitsToPayload(payloadBits), correctedBits: decoded.corrected.length };
}

/** Where the payload's own 32 bits sit among the 63 (systematic code): useful for reading bits when decoding fails. */
export const PAYLOAD_POSITIONS: readonly number[] = Array.from({ length: PAYLOAD_BITS }, (_, i) => PARITY_BITS + i);
