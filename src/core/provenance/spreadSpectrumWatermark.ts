/**
 * An invisible, keyed spread-spectrum watermark in the 8×8 block DCT of a picture's
 * luminance (the idea of Cox, Kilian, Leighton and Shamoon, 1997), carrying a 32-bit
 * payload protected by BCH(63, 36) (errorCorrection.ts), read back blind: the detector
 * needs the key, not the original picture.
 *
 * The key (any text) seeds a random shuffle of every low-to-mid-frequency DCT coefficient
 * of the picture (the "band") and a random ±1 chip for each. A share of the shuffled
 * coefficients forms the *pilot*, which always carries the same pattern and tells whether
 * the mark is there; the rest are dealt into 63 groups, one per coded bit.
 *
 * Reading weighs each coefficient by how flat its block is (busy blocks, edges, carry far
 * more picture than mark): a group's reading is r = Σ chipᵢ·wᵢ·Xᵢ.
 * Embedding (informed, "improved spread spectrum", Malvar and Florêncio 2003): for each
 * group the picture's own reading is measured and the group's chips are added, in
 * proportion to the weights, with whatever amplitude brings r to strength × Σ wᵢ in the
 * bit's direction (the pilot's is +), cancelling a share (hostRejection) of the picture's
 * own reading, so the content interferes less with its mark. Rounding to 8 bits and
 * clipping are measured and corrected over a few passes. With masking on, busy blocks
 * (edges, texture) take more of the change and flat ones less.
 * Only the luminance changes: the same amount is added to R, G and B, so JPEG's colour
 * channels are untouched.
 *
 * Detection: the pilot statistic T = Σ chipᵢ·aᵢ / √(Σ aᵢ²), aᵢ = wᵢ·Yᵢ, over the pilot's n coefficients
 * (√n times the normalised correlation). For a picture that does not carry the mark of
 * this key, the chips are independent fair ±1 signs whatever the picture is, so by
 * Hoeffding's inequality P(T ≥ τ) ≤ exp(−τ²/2): τ = √(2 ln(1/p)) keeps the false-positive
 * rate at most p (4.29 for 10⁻⁴), for any picture, without assuming a distribution.
 * Searching K placements (a cropped picture) multiplies the chances by K, so the
 * threshold becomes √(2 ln(K/p)). Each bit is the sign of its group's correlation; BCH
 * then corrects up to 5 wrong bits and its CRC refuses a word with more.
 */
import { BLOCK, forwardBlockDct, forwardBlockDctAt, inverseBlockDct } from './blockDct';
import { CODE_LENGTH, PAYLOAD_BITS, PAYLOAD_POSITIONS, checkPayload, decodePayload, encodePayload, payloadToBits } from './errorCorrection';
import { addLuminance, checkPicture, luminance, type RgbaPicture } from './picture';
import { SeededRandom } from '../shared/seededRandom';

/** JPEG's zig-zag order of the 8×8 coefficients, as (u, v) = (row, column). */
export const ZIGZAG: readonly (readonly [number, number])[] = (() => {
  const order: [number, number][] = [];
  for (let s = 0; s < 2 * BLOCK - 1; s++) {
    const diagonal: [number, number][] = [];
    for (let u = Math.max(0, s - BLOCK + 1); u <= Math.min(s, BLOCK - 1); u++) diagonal.push([u, s - u]);
    order.push(...(s % 2 === 1 ? diagonal : diagonal.reverse()));
  }
  return order;
})();

export interface WatermarkOptions {
  /** How far each coefficient of a flat block is nudged, in 8-bit luminance levels: higher is more robust and more visible. */
  strength: number;
  /** Zig-zag positions (1 = the first AC coefficient … 63) that carry the mark. */
  bandFirst: number;
  bandLast: number;
  /** Share of the band's coefficients that carry the pilot (the presence test); the rest carry the 63 coded bits. */
  pilotFraction: number;
  /** Give busy blocks more of the change and flat blocks less. */
  masking: boolean;
  /**
   * How much of the picture's own correlation with a group's chips is cancelled (0 = plain
   * spread spectrum, 1 = fully): a group the picture already pushes the right way past the
   * strength is left as it is.
   */
  hostRejection: number;
  /**
   * Weigh each coefficient by floor / (its block's busyness + floor) when reading, and put the
   * change where the weight is: busy blocks (edges) carry much more picture than mark.
   * Busyness is the root-mean-square of the block's 63 AC coefficients. 0 = no weighting.
   */
  weightFloor: number;
  /** The false-positive rate the detection threshold is set for. */
  falsePositiveRate: number;
}

export const DEFAULT_WATERMARK_OPTIONS: Readonly<WatermarkOptions> = {
  strength: 5,
  bandFirst: 1,
  bandLast: 5,
  pilotFraction: 0.3,
  masking: false,
  hostRejection: 0.3,
  weightFloor: 2,
  falsePositiveRate: 1e-4,
};

export const STRENGTH_LIMITS = { min: 0.5, max: 40 };
/** Passes that measure and correct what rounding and clipping took from each group's correlation. */
const EMBED_PASSES = 4;

export function watermarkOptionsProblems(options: WatermarkOptions): string[] {
  const problems: string[] = [];
  const { strength, bandFirst, bandLast, pilotFraction, falsePositiveRate } = options;
  if (!(strength >= STRENGTH_LIMITS.min && strength <= STRENGTH_LIMITS.max)) problems.push(`the strength must be ${STRENGTH_LIMITS.min}–${STRENGTH_LIMITS.max} levels (got ${strength})`);
  if (!Number.isInteger(bandFirst) || !Number.isInteger(bandLast) || bandFirst < 1 || bandLast > 63 || bandFirst > bandLast) {
    problems.push(`the band must be whole zig-zag positions with 1 ≤ first ≤ last ≤ 63 (got ${bandFirst}–${bandLast})`);
  }
  if (!(pilotFraction >= 0.05 && pilotFraction <= 0.8)) problems.push(`the pilot's share must be 0.05–0.8 (got ${pilotFraction})`);
  if (!(options.hostRejection >= 0 && options.hostRejection <= 1)) problems.push(`the host rejection must be 0–1 (got ${options.hostRejection})`);
  if (!(options.weightFloor >= 0 && options.weightFloor <= 1000)) problems.push(`the weight floor must be 0–1000 (got ${options.weightFloor})`);
  if (!(falsePositiveRate > 0 && falsePositiveRate < 0.5)) problems.push(`the false-positive rate must be between 0 and 0.5 (got ${falsePositiveRate})`);
  return problems;
}

function resolveOptions(options: Partial<WatermarkOptions>): WatermarkOptions {
  const full = { ...DEFAULT_WATERMARK_OPTIONS, ...options };
  const problems = watermarkOptionsProblems(full);
  if (problems.length > 0) throw new RangeError(`Bad watermark settings: ${problems.join('; ')}.`);
  return full;
}

/** A key's 32-bit seed: FNV-1a of its UTF-8 bytes. */
export function keySeed(key: string): number {
  if (typeof key !== 'string' || key.length === 0) throw new RangeError('The watermark key must be some text (it is empty).');
  if (key.length > 200) throw new RangeError(`The watermark key is at most 200 characters (got ${key.length}).`);
  let h = 0x811c9dc5;
  for (const byte of new TextEncoder().encode(key)) h = Math.imul(h ^ byte, 0x01000193);
  return h >>> 0;
}

/** Where a key puts its pilot and its 63 bit groups in a width×height picture's coefficient plane. */
export interface WatermarkLayout {
  width: number;
  height: number;
  /** Coefficient plane indices and chips of the pilot. */
  pilotSlots: Int32Array;
  pilotChips: Int8Array;
  /** Per coded bit: its slots and chips. */
  bitSlots: Int32Array[];
  bitChips: Int8Array[];
}

export function watermarkLayout(key: string, width: number, height: number, options: Partial<WatermarkOptions> = {}): WatermarkLayout {
  const { bandFirst, bandLast, pilotFraction } = resolveOptions(options);
  if (width % BLOCK !== 0 || height % BLOCK !== 0 || width < 32 || height < 32) {
    throw new RangeError(`A picture to mark must be at least 32×32 with sides that are multiples of ${BLOCK} (got ${width}×${height}).`);
  }
  const band = ZIGZAG.slice(bandFirst, bandLast + 1);
  const slots: number[] = [];
  for (let by = 0; by < height; by += BLOCK) {
    for (let bx = 0; bx < width; bx += BLOCK) {
      for (const [u, v] of band) slots.push((by + u) * width + bx + v);
    }
  }
  const rng = new SeededRandom(keySeed(key));
  for (let i = slots.length - 1; i > 0; i--) {
    const j = rng.int(i + 1);
    [slots[i], slots[j]] = [slots[j], slots[i]];
  }
  const chips = Int8Array.from(slots, () => (rng.next() < 0.5 ? -1 : 1));
  const pilotCount = Math.round(slots.length * pilotFraction);
  const perBit = Math.floor((slots.length - pilotCount) / CODE_LENGTH);
  if (perBit < 4) throw new RangeError(`The picture is too small for the mark: ${slots.length} coefficients leave ${perBit} per coded bit (at least 4 needed).`);
  const bitSlots: Int32Array[] = [];
  const bitChips: Int8Array[] = [];
  for (let b = 0; b < CODE_LENGTH; b++) {
    const from = pilotCount + b * perBit;
    bitSlots.push(Int32Array.from(slots.slice(from, from + perBit)));
    bitChips.push(chips.slice(from, from + perBit));
  }
  return { width, height, pilotSlots: Int32Array.from(slots.slice(0, pilotCount)), pilotChips: chips.slice(0, pilotCount), bitSlots, bitChips };
}

/** Per-coefficient weight from its block's activity (root-mean-square of the block's AC coefficients), mean about 1, within 0.4–2.5. */
function maskingWeights(coefficients: Float32Array, width: number, height: number): Float32Array {
  const blocksX = width / BLOCK;
  const activity = new Float32Array((width / BLOCK) * (height / BLOCK));
  for (let by = 0; by < height / BLOCK; by++) {
    for (let bx = 0; bx < blocksX; bx++) {
      let s = 0;
      for (let u = 0; u < BLOCK; u++) for (let v = 0; v < BLOCK; v++) if (u + v > 0) s += coefficients[(by * BLOCK + u) * width + bx * BLOCK + v] ** 2;
      activity[by * blocksX + bx] = Math.sqrt(s / 63);
    }
  }
  const mean = activity.reduce((a, b) => a + b, 0) / activity.length;
  const weights = new Float32Array(width * height);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const a = activity[Math.floor(y / BLOCK) * blocksX + Math.floor(x / BLOCK)];
      weights[y * width + x] = Math.min(2.5, Math.max(0.4, Math.sqrt((a + 2) / (mean + 2))));
    }
  }
  return weights;
}

export interface EmbedResult {
  picture: RgbaPicture;
  /** The 63 coded bits that were embedded. */
  codeword: Uint8Array;
}

/** Marks a picture (sides multiples of 8, at least 32) with a 32-bit payload under a key. */
export function embedWatermark(picture: RgbaPicture, key: string, payload: number, options: Partial<WatermarkOptions> = {}): EmbedResult {
  checkPicture(picture);
  checkPayload(payload);
  const opts = resolveOptions(options);
  const { width, height } = picture;
  const layout = watermarkLayout(key, width, height, opts);
  const codeword = encodePayload(payload);
  const original = forwardBlockDct(luminance(picture), width, height);
  const blocksX = width / BLOCK;
  const blocksY = height / BLOCK;
  const mask = opts.masking ? maskingWeights(original, width, height) : null;
  const groups = [
    { slots: layout.pilotSlots, chips: layout.pilotChips, sign: 1, target: 0 },
    ...layout.bitSlots.map((slots, b) => ({ slots, chips: layout.bitChips[b], sign: codeword[b] ? 1 : -1, target: 0 })),
  ];
  // The detector reads each group as Σ chip·weight·coefficient. Its final value: the picture's
  // own, plus what it takes to reach strength × Σ weight (as if every coefficient moved by the strength).
  let weights = blockWeights(original, blocksX, blocksY, opts.weightFloor);
  for (const group of groups) {
    let r = 0;
    let weightSum = 0;
    for (let i = 0; i < group.slots.length; i++) {
      const w = slotWeight(weights, width, group.slots[i]);
      r += group.chips[i] * w * original[group.slots[i]];
      weightSum += w;
    }
    const a = opts.strength * weightSum;
    group.target = r + group.sign * Math.max(0, a - opts.hostRejection * group.sign * r);
  }
  const change = new Float32Array(width * height); // in the coefficient domain
  let marked = picture;
  let coefficients = original;
  for (let pass = 0; pass < EMBED_PASSES; pass++) {
    for (const { slots, chips, target } of groups) {
      // Adding δ·chip·w·m to each coefficient moves the reading by δ·Σ w²·m: the change goes where the detector listens.
      let r = 0;
      let gainSum = 0;
      for (let i = 0; i < slots.length; i++) {
        const w = slotWeight(weights, width, slots[i]);
        r += chips[i] * w * coefficients[slots[i]];
        gainSum += w * w * (mask ? mask[slots[i]] : 1);
      }
      const step = (target - r) / gainSum;
      for (let i = 0; i < slots.length; i++) change[slots[i]] += step * chips[i] * slotWeight(weights, width, slots[i]) * (mask ? mask[slots[i]] : 1);
    }
    marked = addLuminance(picture, inverseBlockDct(change, width, height));
    coefficients = forwardBlockDct(luminance(marked), width, height);
    weights = blockWeights(coefficients, blocksX, blocksY, opts.weightFloor);
  }
  return { picture: marked, codeword };
}

export interface WatermarkDetection {
  /** The pilot's statistic (√n × normalised correlation) and the threshold it must reach. */
  statistic: number;
  threshold: number;
  /** The same as a normalised correlation (−1…1) and its threshold. */
  correlation: number;
  correlationThreshold: number;
  /** True when the pilot's statistic reaches the threshold: this key's mark is present. */
  detected: boolean;
  /** The payload when the 63 bits decode (at most 5 wrong), else null with the reason. */
  payload: number | null;
  decodeProblem: string | null;
  correctedBits: number;
  /** Each coded bit's weighted reading, Σ chip·weight·coefficient / n (sign = bit), and the hard bits. */
  soft: Float32Array;
  bits: Uint8Array;
  /** The payload's 32 bits as read: after correction when decoding worked, else straight from the systematic positions. */
  payloadBits: Uint8Array;
  /** Where the picture sat in the marked picture (non-zero only for a cropped picture), and how many placements were tried. */
  offset: { x: number; y: number };
  placementsTried: number;
}

/** √(2 ln(K / p)): the Hoeffding threshold for a false-positive rate p over K tried placements. */
export function detectionThreshold(falsePositiveRate: number, placements = 1): number {
  if (!(falsePositiveRate > 0 && falsePositiveRate < 1) || !(placements >= 1)) throw new RangeError('The false-positive rate must be in (0, 1) and the placements at least 1.');
  return Math.sqrt(2 * Math.log(placements / falsePositiveRate));
}

/** Reads coefficient (plane index of the marked picture) from a picture placed at an offset; NaN when its block is not all inside. */
type CoefficientReader = (slot: number) => number;

/**
 * Per block of a coefficient plane (blocksX × blocksY, row-major): floor / (rms of the block's
 * 63 AC coefficients + floor), so a flat block weighs about 1 and a busy one little; all 1 when
 * floor is 0. A function of the picture alone, so it leaves the false-positive bound intact.
 */
export function blockWeights(coefficients: Float32Array, blocksX: number, blocksY: number, floor: number): Float32Array {
  const weights = new Float32Array(blocksX * blocksY).fill(1);
  if (floor <= 0) return weights;
  const width = blocksX * BLOCK;
  for (let by = 0; by < blocksY; by++) {
    for (let bx = 0; bx < blocksX; bx++) {
      let s = 0;
      for (let u = 0; u < BLOCK; u++) {
        const row = (by * BLOCK + u) * width + bx * BLOCK;
        for (let v = u === 0 ? 1 : 0; v < BLOCK; v++) s += coefficients[row + v] ** 2;
      }
      weights[by * blocksX + bx] = floor / (Math.sqrt(s / 63) + floor);
    }
  }
  return weights;
}

/** The weight of each coefficient-plane position: its block's weight. */
function slotWeight(weights: Float32Array, width: number, slot: number): number {
  const y = Math.floor(slot / width);
  return weights[Math.floor(y / BLOCK) * (width / BLOCK) + Math.floor((slot - y * width) / BLOCK)];
}

function pilotStatistic(layout: WatermarkLayout, read: CoefficientReader): { statistic: number; count: number } {
  let num = 0;
  let energy = 0;
  let count = 0;
  for (let i = 0; i < layout.pilotSlots.length; i++) {
    const a = read(layout.pilotSlots[i]);
    if (Number.isNaN(a)) continue;
    num += layout.pilotChips[i] * a;
    energy += a * a;
    count++;
  }
  return { statistic: energy > 0 ? num / Math.sqrt(energy) : 0, count };
}

function readBits(layout: WatermarkLayout, read: CoefficientReader): Float32Array {
  const soft = new Float32Array(CODE_LENGTH);
  for (let b = 0; b < CODE_LENGTH; b++) {
    let s = 0;
    let n = 0;
    const slots = layout.bitSlots[b];
    for (let i = 0; i < slots.length; i++) {
      const a = read(slots[i]);
      if (Number.isNaN(a)) continue;
      s += layout.bitChips[b][i] * a;
      n++;
    }
    soft[b] = n > 0 ? s / n : 0;
  }
  return soft;
}

function finish(layout: WatermarkLayout, read: CoefficientReader, statistic: number, count: number, threshold: number, offset: { x: number; y: number }, placementsTried: number): WatermarkDetection {
  const soft = readBits(layout, read);
  const bits = Uint8Array.from(soft, (s) => (s > 0 ? 1 : 0));
  const decoded = decodePayload(bits);
  const payloadBits = decoded.ok ? payloadToBits(decoded.payload) : Uint8Array.from(PAYLOAD_POSITIONS, (p) => bits[p]);
  const root = Math.sqrt(Math.max(1, count));
  return {
    statistic,
    threshold,
    correlation: statistic / root,
    correlationThreshold: threshold / root,
    detected: statistic >= threshold,
    payload: decoded.ok ? decoded.payload : null,
    decodeProblem: decoded.ok ? null : decoded.reason,
    correctedBits: decoded.ok ? decoded.correctedBits : 0,
    soft,
    bits,
    payloadBits,
    offset,
    placementsTried,
  };
}

export interface DetectOptions extends Partial<WatermarkOptions> {
  /** The size of the picture as it was marked; a smaller picture is taken as a crop of it and every placement is tried. Defaults to the picture's own size. */
  markedWidth?: number;
  markedHeight?: number;
}

/** Looks for this key's mark in a picture (blind: no original needed). */
export function detectWatermark(picture: RgbaPicture, key: string, options: DetectOptions = {}): WatermarkDetection {
  checkPicture(picture);
  const opts = resolveOptions(options);
  const W = options.markedWidth ?? picture.width;
  const H = options.markedHeight ?? picture.height;
  if (picture.width > W || picture.height > H) {
    throw new RangeError(`The picture (${picture.width}×${picture.height}) is larger than the marked picture (${W}×${H}); resize it back first.`);
  }
  const layout = watermarkLayout(key, W, H, opts);
  const plane = luminance(picture);
  if (picture.width === W && picture.height === H) {
    const coefficients = forwardBlockDct(plane, W, H);
    const weights = blockWeights(coefficients, W / BLOCK, H / BLOCK, opts.weightFloor);
    const read = (slot: number) => coefficients[slot] * slotWeight(weights, W, slot);
    const { statistic, count } = pilotStatistic(layout, read);
    return finish(layout, read, statistic, count, detectionThreshold(opts.falsePositiveRate), { x: 0, y: 0 }, 1);
  }
  return detectCropped(picture.width, picture.height, plane, layout, opts);
}

/** A crop: every placement (x, y) of the picture inside the marked one is tried; the grid's phase is (−x mod 8, −y mod 8). */
function detectCropped(w: number, h: number, plane: Float32Array, layout: WatermarkLayout, opts: WatermarkOptions): WatermarkDetection {
  const { falsePositiveRate } = opts;
  const { width: W, height: H } = layout;
  if (w < 2 * BLOCK || h < 2 * BLOCK) throw new RangeError(`A cropped picture must be at least ${2 * BLOCK}×${2 * BLOCK} to be searched (got ${w}×${h}).`);
  const phases = new Map<number, { coefficients: Float32Array; blocksX: number; blocksY: number; weights: Float32Array }>();
  const phase = (x0: number, y0: number) => {
    const id = y0 * BLOCK + x0;
    let p = phases.get(id);
    if (!p) {
      const at = forwardBlockDctAt(plane, w, h, x0, y0);
      p = { ...at, weights: blockWeights(at.coefficients, at.blocksX, at.blocksY, opts.weightFloor) };
      phases.set(id, p);
    }
    return p;
  };
  const readerAt = (ox: number, oy: number): CoefficientReader => {
    const x0 = (BLOCK - (ox % BLOCK)) % BLOCK;
    const y0 = (BLOCK - (oy % BLOCK)) % BLOCK;
    const { coefficients, blocksX, blocksY, weights } = phase(x0, y0);
    const cw = blocksX * BLOCK;
    return (slot: number) => {
      const y = Math.floor(slot / W);
      const x = slot - y * W;
      const cbx = (x - (x % BLOCK) - ox - x0) / BLOCK;
      const cby = (y - (y % BLOCK) - oy - y0) / BLOCK;
      if (cbx < 0 || cby < 0 || cbx >= blocksX || cby >= blocksY) return NaN;
      return coefficients[(cby * BLOCK + (y % BLOCK)) * cw + cbx * BLOCK + (x % BLOCK)] * weights[cby * blocksX + cbx];
    };
  };
  const placements = (W - w + 1) * (H - h + 1);
  let best = { statistic: -Infinity, count: 0, x: 0, y: 0 };
  for (let oy = 0; oy <= H - h; oy++) {
    for (let ox = 0; ox <= W - w; ox++) {
      const s = pilotStatistic(layout, readerAt(ox, oy));
      if (s.statistic > best.statistic) best = { ...s, x: ox, y: oy };
    }
  }
  return finish(layout, readerAt(best.x, best.y), best.statistic, best.count, detectionThreshold(falsePositiveRate, placements), { x: best.x, y: best.y }, placements);
}

/** Fraction of the payload's 32 bits read correctly. */
export function payloadBitAccuracy(detection: WatermarkDetection, payload: number): number {
  const truth = payloadToBits(payload);
  let right = 0;
  for (let i = 0; i < PAYLOAD_BITS; i++) if (truth[i] === detection.payloadBits[i]) right++;
  return right / PAYLOAD_BITS;
}

/** A payload from text: a whole number 0–4294967295 as typed, otherwise the FNV-1a hash of the text. */
export function payloadFromText(text: string): number {
  const trimmed = text.trim();
  if (trimmed.length === 0) throw new RangeError('The payload is empty: type a number (0–4294967295) or some text.');
  if (/^\d+$/.test(trimmed)) {
    const n = Number(trimmed);
    checkPayload(n);
    return n;
  }
  return keySeed(trimmed);
}
