/**
 * A small binary file for trained weights: named float32 arrays with their
 * shapes, plus JSON metadata (settings, scores, provenance). The shipped
 * checkpoints under models/ use it; loading checks the file and then the
 * names and shapes a model expects, refusing with the reason.
 *
 * Layout, little-endian:
 *   0  4 bytes  magic "DLWB"
 *   4  uint32   version (1)
 *   8  uint32   header length h in bytes
 *  12  h bytes  UTF-8 JSON { format, metadata, tensors: [{ name, shape }], checksum }
 *      zero padding to a multiple of 4
 *      the tensors' float32 values, one after another in header order
 */
import { fnv1a } from './checksum';

export const WEIGHTS_MAGIC = 'DLWB';
export const WEIGHTS_VERSION = 1;

export interface NamedWeight {
  name: string;
  shape: number[];
  data: Float32Array;
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
  }
  const total = bundle.weights.reduce((s, w) => s + w.data.length, 0);
  const data = new Uint8Array(total * 4);
  const dataView = new DataView(data.buffer);
  let at = 0;
  for (const w of bundle.weights) for (const v of w.data) dataView.setFloat32((at++) * 4, v, true);
  const header = new TextEncoder().encode(
    JSON.stringify({
      format: bundle.format,
      metadata: bundle.metadata,
      tensors: bundle.weights.map((w) => ({ name: w.name, shape: w.shape })),
      checksum: fnv1a(data),
    }),
  );
  const dataStart = Math.ceil((12 + header.length) / 4) * 4;
  const out = new Uint8Array(dataStart + data.length);
  out.set(new TextEncoder().encode(WEIGHTS_MAGIC), 0);
  const view = new DataView(out.buffer);
  view.setUint32(4, WEIGHTS_VERSION, true);
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
  if (version !== WEIGHTS_VERSION) fail(`it has format version ${version}, but this app reads version ${WEIGHTS_VERSION}`);
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
  const weights: NamedWeight[] = tensors.map((t: { name?: unknown; shape?: unknown }, i) => {
    if (typeof t?.name !== 'string') return fail(`tensor ${i} has no name`);
    if (!validShape(t.shape)) return fail(`tensor "${t.name}" has an invalid shape`);
    const n = sizeOf(t.shape);
    if (dataStart + (at + n) * 4 > bytes.length) fail(`it is truncated: tensor "${t.name}" ${shapeText(t.shape)} runs past the end of the file`);
    const data = new Float32Array(n);
    for (let k = 0; k < n; k++) data[k] = dataView.getFloat32((at + k) * 4, true);
    at += n;
    if (!data.every(Number.isFinite)) fail(`tensor "${t.name}" holds values that are not finite numbers`);
    return { name: t.name, shape: [...t.shape], data };
  });
  if (dataStart + at * 4 !== bytes.length) fail(`it has ${bytes.length - dataStart - at * 4} unexpected bytes after its tensors`);
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
