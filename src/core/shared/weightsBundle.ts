/**
 * A small binary file for trained weights: named float32 arrays with their
 * shapes, plus JSON metadata (settings, scores, provenance). The shipped
 * checkpoints under models/ use it; loading checks the file and then the
 * names and shapes a model expects, refusing with the reason.
 *
 * Layout, little-endian:
 *   0  4 bytes  magic "DLWB"
 *   4  uint32   version (1 or 2)
 *   8  uint32   header length h in bytes
 *  12  h bytes  UTF-8 JSON { format, metadata, tensors: [{ name, shape[, dtype] }], checksum }
 *      zero padding to a multiple of 4
 *      the tensors' values, one after another in header order, each padded
 *      with zeros to a multiple of 4 bytes
 *
 * Version 1 stores every tensor as float32. Version 2 adds a per-tensor storage
 * type: "float16" (half the size, about 3 significant digits) or "uint8" (whole
 * numbers 0–255, e.g. quantised images). In memory a tensor is always a
 * Float32Array; the storage type only says how it sits in the file. A bundle
 * whose tensors are all float32 is still written as version 1, byte for byte
 * as before.
 */
import { fnv1a } from './checksum';

export const WEIGHTS_MAGIC = 'DLWB';
/** The newest version this app writes and reads (it reads every version up to this one). */
export const WEIGHTS_VERSION = 2;

export const WEIGHT_STORAGES = ['float32', 'float16', 'uint8'] as const;
export type WeightStorage = (typeof WEIGHT_STORAGES)[number];
const BYTES_PER_VALUE: Record<WeightStorage, number> = { float32: 4, float16: 2, uint8: 1 };

export interface NamedWeight {
  name: string;
  shape: number[];
  data: Float32Array;
  /** How the values sit in the file; float32 when absent. float16 rounds them, uint8 takes only whole numbers 0–255. */
  storage?: WeightStorage;
}

export interface WeightsBundle {
  /** What the file holds, e.g. "deepfake-lab/digit-classifier@1"; loaders check it. */
  format: string;
  metadata: Record<string, unknown>;
  weights: NamedWeight[];
}

export interface WeightSpec {
  name: string;
  shape: readonly number[];
}

export class WeightsBundleError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'WeightsBundleError';
  }
}

const sizeOf = (shape: readonly number[]) => shape.reduce((a, b) => a * b, 1);
/** A tensor's bytes in the file: its values, then zeros up to a multiple of 4. */
const paddedBytes = (n: number, storage: WeightStorage) => Math.ceil((n * BYTES_PER_VALUE[storage]) / 4) * 4;

/** The largest finite float16. */
export const FLOAT16_MAX = 65504;

/** IEEE 754 half-precision bits of a (finite, |v| ≤ 65504) number, rounded to nearest, ties to even. */
export function toFloat16Bits(value: number): number {
  const f32 = new Float32Array([value]);
  const bits = new Uint32Array(f32.buffer)[0];
  const sign = (bits >>> 16) & 0x8000;
  const exponent = (bits >>> 23) & 0xff;
  const mantissa = bits & 0x7fffff;
  const e = exponent - 127 + 15;
  if (exponent === 0xff) return sign | 0x7c00 | (mantissa ? 0x200 : 0);
  if (e >= 0x1f) return sign | 0x7c00;
  if (e <= 0) {
    // Subnormal half (or zero): shift the full mantissa (with its hidden bit) into place, rounding.
    if (e < -10) return sign;
    const full = mantissa | 0x800000;
    const shift = 14 - e;
    const half = full >>> shift;
    const rest = full & ((1 << shift) - 1);
    const midway = 1 << (shift - 1);
    return sign | (half + (rest > midway || (rest === midway && (half & 1)) ? 1 : 0));
  }
  const half = (e << 10) | (mantissa >>> 13);
  const rest = mantissa & 0x1fff;
  // A carry out of the mantissa correctly bumps the exponent (up to infinity).
  return sign | (half + (rest > 0x1000 || (rest === 0x1000 && (half & 1)) ? 1 : 0));
}

/** The values exactly as a bundle stores them with `storage` (float16 rounds; float32 and uint8 keep them). */
export function storedValues(data: Float32Array, storage: WeightStorage = 'float32'): Float32Array {
  return storage === 'float16' ? data.map((v) => fromFloat16Bits(toFloat16Bits(v))) : data.slice();
}

export function fromFloat16Bits(bits: number): number {
  const sign = bits & 0x8000 ? -1 : 1;
  const exponent = (bits >>> 10) & 0x1f;
  const mantissa = bits & 0x3ff;
  if (exponent === 0) return sign * mantissa * 2 ** -24;
  if (exponent === 0x1f) return mantissa ? NaN : sign * Infinity;
  return sign * (1 + mantissa / 1024) * 2 ** (exponent - 15);
}
const shapeText = (shape: readonly number[]) => `[${shape.join(', ')}]`;
const validShape = (shape: unknown): shape is number[] =>
  Array.isArray(shape) && shape.every((d) => Number.isInteger(d) && d >= 0 && d <= 2 ** 24);

export function encodeWeightsBundle(bundle: WeightsBundle): Uint8Array {
  const names = new Set<string>();
  for (const w of bundle.weights) {
    if (names.has(w.name)) throw new WeightsBundleError(`Two weights are both named "${w.name}".`);
    names.add(w.name);
    if (!validShape(w.shape) || sizeOf(w.shape) !== w.data.length) {
      throw new WeightsBundleError(`Weight "${w.name}" has ${w.data.length} values, which does not fit its shape ${shapeText(w.shape)}.`);
    }
    if (!w.data.every(Number.isFinite)) throw new WeightsBundleError(`Weight "${w.name}" holds values that are not finite numbers, so training diverged.`);
    const storage = w.storage ?? 'float32';
    if (!WEIGHT_STORAGES.includes(storage)) throw new WeightsBundleError(`Weight "${w.name}" asks for storage "${String(storage)}"; use ${WEIGHT_STORAGES.join(', ')}.`);
    if (storage === 'uint8' && !w.data.every((v) => Number.isInteger(v) && v >= 0 && v <= 255)) {
      throw new WeightsBundleError(`Weight "${w.name}" is stored as uint8 but holds values that are not whole numbers from 0 to 255.`);
    }
    if (storage === 'float16' && !w.data.every((v) => Math.abs(v) <= FLOAT16_MAX)) {
      throw new WeightsBundleError(`Weight "${w.name}" is stored as float16 but holds values beyond ±${FLOAT16_MAX}.`);
    }
  }
  const storageOf = (w: NamedWeight): WeightStorage => w.storage ?? 'float32';
  const total = bundle.weights.reduce((s, w) => s + paddedBytes(w.data.length, storageOf(w)), 0);
  const data = new Uint8Array(total);
  const dataView = new DataView(data.buffer);
  let at = 0;
  for (const w of bundle.weights) {
    const storage = storageOf(w);
    if (storage === 'float32') for (let k = 0; k < w.data.length; k++) dataView.setFloat32(at + k * 4, w.data[k], true);
    else if (storage === 'float16') for (let k = 0; k < w.data.length; k++) dataView.setUint16(at + k * 2, toFloat16Bits(w.data[k]), true);
    else data.set(w.data, at);
    at += paddedBytes(w.data.length, storage);
  }
  const allFloat32 = bundle.weights.every((w) => storageOf(w) === 'float32');
  const header = new TextEncoder().encode(
    JSON.stringify({
      format: bundle.format,
      metadata: bundle.metadata,
      tensors: bundle.weights.map((w) => (storageOf(w) === 'float32' ? { name: w.name, shape: w.shape } : { name: w.name, shape: w.shape, dtype: storageOf(w) })),
      checksum: fnv1a(data),
    }),
  );
  const dataStart = Math.ceil((12 + header.length) / 4) * 4;
  const out = new Uint8Array(dataStart + data.length);
  out.set(new TextEncoder().encode(WEIGHTS_MAGIC), 0);
  const view = new DataView(out.buffer);
  view.setUint32(4, allFloat32 ? 1 : WEIGHTS_VERSION, true);
  view.setUint32(8, header.length, true);
  out.set(header, 12);
  out.set(data, dataStart);
  return out;
}

/** Reads a bundle; with `expectedFormat`, also refuses a file made for something else. */
export function decodeWeightsBundle(bytes: Uint8Array, expectedFormat?: string): WeightsBundle {
  const fail = (why: string): never => {
    throw new WeightsBundleError(`The weights file is unusable: ${why}.`);
  };
  if (bytes.length < 12) fail(`it is only ${bytes.length} bytes long`);
  if (String.fromCharCode(...bytes.subarray(0, 4)) !== WEIGHTS_MAGIC) fail(`it does not start with "${WEIGHTS_MAGIC}", so it is not a weights file`);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const version = view.getUint32(4, true);
  if (version < 1 || version > WEIGHTS_VERSION) fail(`it has format version ${version}, but this app reads versions 1 to ${WEIGHTS_VERSION}`);
  const headerLength = view.getUint32(8, true);
  if (12 + headerLength > bytes.length) fail('it is truncated inside its header');
  let header: { format?: unknown; metadata?: unknown; tensors?: unknown; checksum?: unknown };
  try {
    header = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(12, 12 + headerLength)));
  } catch (e) {
    return fail(`its header is not valid JSON (${(e as Error).message})`);
  }
  const { format, metadata, tensors, checksum } = header;
  if (typeof format !== 'string') return fail('its header does not say what it holds');
  if (expectedFormat !== undefined && format !== expectedFormat) fail(`it holds "${format}", not "${expectedFormat}"`);
  if (typeof metadata !== 'object' || metadata === null || Array.isArray(metadata)) return fail('its metadata is not an object');
  if (!Array.isArray(tensors)) return fail('its header has no list of tensors');
  const dataStart = Math.ceil((12 + headerLength) / 4) * 4;
  const dataView = new DataView(bytes.buffer, bytes.byteOffset + Math.min(dataStart, bytes.length));
  let at = 0;
  const weights: NamedWeight[] = tensors.map((t: { name?: unknown; shape?: unknown; dtype?: unknown }, i) => {
    if (typeof t?.name !== 'string') return fail(`tensor ${i} has no name`);
    if (!validShape(t.shape)) return fail(`tensor "${t.name}" has an invalid shape`);
    const storage = t.dtype ?? 'float32';
    if (!WEIGHT_STORAGES.includes(storage as WeightStorage)) return fail(`tensor "${t.name}" is stored as "${String(storage)}", which this app cannot read`);
    if (storage !== 'float32' && version < 2) fail(`tensor "${t.name}" is stored as ${String(storage)}, which version ${version} files cannot hold`);
    const n = sizeOf(t.shape);
    const kind = storage as WeightStorage;
    if (dataStart + at + paddedBytes(n, kind) > bytes.length) fail(`it is truncated: tensor "${t.name}" ${shapeText(t.shape)} runs past the end of the file`);
    const data = new Float32Array(n);
    if (kind === 'float32') for (let k = 0; k < n; k++) data[k] = dataView.getFloat32(at + k * 4, true);
    else if (kind === 'float16') for (let k = 0; k < n; k++) data[k] = fromFloat16Bits(dataView.getUint16(at + k * 2, true));
    else data.set(bytes.subarray(dataStart + at, dataStart + at + n));
    at += paddedBytes(n, kind);
    if (!data.every(Number.isFinite)) fail(`tensor "${t.name}" holds values that are not finite numbers`);
    return kind === 'float32' ? { name: t.name, shape: [...t.shape], data } : { name: t.name, shape: [...t.shape], data, storage: kind };
  });
  if (dataStart + at !== bytes.length) fail(`it has ${bytes.length - dataStart - at} unexpected bytes after its tensors`);
  if (checksum !== fnv1a(bytes, dataStart)) fail('its checksum does not match, so the contents are corrupted');
  return { format, metadata: metadata as Record<string, unknown>, weights };
}

/**
 * The bundle's weights in the order of `specs`, after checking that the names
 * and shapes are exactly the ones a model needs (no missing, extra or mis-shaped tensor).
 */
export function matchWeights(bundle: WeightsBundle, specs: readonly WeightSpec[]): Float32Array[] {
  const byName = new Map(bundle.weights.map((w) => [w.name, w]));
  const problems: string[] = [];
  for (const spec of specs) {
    const w = byName.get(spec.name);
    if (!w) problems.push(`"${spec.name}" is missing`);
    else if (shapeText(w.shape) !== shapeText(spec.shape)) problems.push(`"${spec.name}" has shape ${shapeText(w.shape)}, expected ${shapeText(spec.shape)}`);
  }
  const wanted = new Set(specs.map((s) => s.name));
  for (const w of bundle.weights) if (!wanted.has(w.name)) problems.push(`"${w.name}" is not part of this model`);
  if (problems.length > 0) throw new WeightsBundleError(`The weights do not fit this ${bundle.format} model: ${problems.join('; ')}.`);
  return specs.map((s) => byName.get(s.name)!.data);
}
