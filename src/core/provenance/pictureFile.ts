/**
 * The picture files the provenance lab signs and inspects: which format a file is (from its
 * first bytes, never its name), PNG chunks read and written with their CRCs checked, and the
 * C2PA manifest's place in each format:
 *
 * - PNG: one `caBX` chunk holding the JUMBF manifest store (c2pa-rs puts it after IHDR);
 * - JPEG: APP11 (0xFFEB) segments holding JUMBF ("JP" common identifier).
 *
 * Everything here works on bytes only; a file that is not what it claims is refused with a
 * specific reason (ProvenanceFileError).
 */

export class ProvenanceFileError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ProvenanceFileError';
  }
}

export type PictureFormat = 'image/png' | 'image/jpeg';

/** Files larger than this are refused before any parsing (the lab's pictures are a few kilobytes). */
export const MAX_PICTURE_BYTES = 20 * 1024 * 1024;

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
export const MANIFEST_CHUNK = 'caBX';

function startsWith(bytes: Uint8Array, prefix: number[], at = 0): boolean {
  return bytes.length >= at + prefix.length && prefix.every((b, i) => bytes[at + i] === b);
}

function ascii(bytes: Uint8Array, from: number, to: number): string {
  return String.fromCharCode(...bytes.subarray(from, to));
}

/** What a file that is not a PNG or JPEG picture most likely is, for the refusal message. */
function otherKind(bytes: Uint8Array): string {
  if (startsWith(bytes, [0x25, 0x50, 0x44, 0x46])) return 'a PDF document';
  if (startsWith(bytes, [0x47, 0x49, 0x46, 0x38])) return 'a GIF picture';
  if (startsWith(bytes, [0x52, 0x49, 0x46, 0x46]) && ascii(bytes, 8, 12) === 'WEBP') return 'a WebP picture';
  if (startsWith(bytes, [0x50, 0x4b, 0x03, 0x04])) return 'a ZIP archive (or an office document)';
  if (ascii(bytes, 4, 8) === 'ftyp') return 'an MP4/HEIC/AVIF file';
  if (startsWith(bytes, [0x42, 0x4d])) return 'a BMP picture';
  const sample = bytes.subarray(0, Math.min(bytes.length, 512));
  if (sample.every((b) => b === 0x09 || b === 0x0a || b === 0x0d || (b >= 0x20 && b < 0x7f) || b >= 0x80)) return 'a text file';
  return 'not a picture format the lab knows';
}

/** The file's format from its first bytes; refuses empty, oversized and non-PNG/JPEG files with the reason. */
export function sniffPicture(bytes: Uint8Array): PictureFormat {
  if (bytes.length === 0) throw new ProvenanceFileError('The file is empty.');
  if (bytes.length > MAX_PICTURE_BYTES) {
    throw new ProvenanceFileError(`The file is ${(bytes.length / 1048576).toFixed(1)} MB; the lab inspects pictures up to ${MAX_PICTURE_BYTES / 1048576} MB.`);
  }
  if (startsWith(bytes, PNG_SIGNATURE)) return 'image/png';
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) return 'image/jpeg';
  throw new ProvenanceFileError(`This is not a PNG or JPEG picture (it looks like ${otherKind(bytes)}); the lab reads Content Credentials in PNG and JPEG files.`);
}

// --- PNG chunks ---------------------------------------------------------------

let crcTable: Uint32Array | null = null;

/** CRC-32 (ISO 3309, as PNG uses it). */
export function crc32(bytes: Uint8Array, from = 0, to = bytes.length): number {
  if (!crcTable) {
    crcTable = new Uint32Array(256);
    for (let n = 0; n < 256; n++) {
      let c = n;
      for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
      crcTable[n] = c >>> 0;
    }
  }
  let c = 0xffffffff;
  for (let i = from; i < to; i++) c = crcTable[(c ^ bytes[i]) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

export interface PngChunk {
  type: string;
  data: Uint8Array;
}

/** Reads every chunk, checking lengths, CRCs, IHDR first and IEND last. */
export function readPngChunks(bytes: Uint8Array): PngChunk[] {
  if (!startsWith(bytes, PNG_SIGNATURE)) throw new ProvenanceFileError('This is not a PNG file: its first eight bytes are not the PNG signature.');
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const chunks: PngChunk[] = [];
  let at = PNG_SIGNATURE.length;
  while (at < bytes.length) {
    if (at + 12 > bytes.length) throw new ProvenanceFileError(`The PNG file is cut short: ${bytes.length - at} stray bytes after chunk ${chunks.length}.`);
    const length = view.getUint32(at);
    const type = ascii(bytes, at + 4, at + 8);
    if (!/^[A-Za-z]{4}$/.test(type)) throw new ProvenanceFileError(`The PNG file is damaged: chunk ${chunks.length + 1} has no valid type.`);
    const end = at + 12 + length;
    if (end > bytes.length) throw new ProvenanceFileError(`The PNG file is cut short: its ${type} chunk claims ${length} bytes but the file ends first.`);
    const stored = view.getUint32(at + 8 + length);
    if (crc32(bytes, at + 4, at + 8 + length) !== stored) throw new ProvenanceFileError(`The PNG file is damaged: the checksum of its ${type} chunk is wrong.`);
    chunks.push({ type, data: bytes.slice(at + 8, at + 8 + length) });
    at = end;
    if (type === 'IEND') break;
  }
  if (chunks[0]?.type !== 'IHDR') throw new ProvenanceFileError('The PNG file is damaged: it does not start with an IHDR chunk.');
  if (chunks[chunks.length - 1].type !== 'IEND') throw new ProvenanceFileError('The PNG file is cut short: it has no IEND chunk.');
  return chunks;
}

export function writePngChunks(chunks: PngChunk[]): Uint8Array {
  const size = PNG_SIGNATURE.length + chunks.reduce((sum, c) => sum + 12 + c.data.length, 0);
  const out = new Uint8Array(size);
  const view = new DataView(out.buffer);
  out.set(PNG_SIGNATURE, 0);
  let at = PNG_SIGNATURE.length;
  for (const chunk of chunks) {
    view.setUint32(at, chunk.data.length);
    for (let i = 0; i < 4; i++) out[at + 4 + i] = chunk.type.charCodeAt(i);
    out.set(chunk.data, at + 8);
    view.setUint32(at + 8 + chunk.data.length, crc32(out, at + 4, at + 8 + chunk.data.length));
    at += 12 + chunk.data.length;
  }
  return out;
}

/** Width and height from the IHDR chunk. */
export function pngSize(bytes: Uint8Array): { width: number; height: number } {
  const ihdr = readPngChunks(bytes)[0].data;
  const view = new DataView(ihdr.buffer, ihdr.byteOffset, ihdr.byteLength);
  return { width: view.getUint32(0), height: view.getUint32(4) };
}

// --- JPEG segments ---------------------------------------------------------------

interface JpegSegment {
  marker: number;
  /** Whole segment: marker, length and payload. */
  start: number;
  end: number;
}

/** The marker segments before the compressed picture data (start of scan). */
function jpegHeaderSegments(bytes: Uint8Array): { segments: JpegSegment[]; scanStart: number } {
  if (!startsWith(bytes, [0xff, 0xd8])) throw new ProvenanceFileError('This is not a JPEG file: it does not start with the JPEG start-of-image marker.');
  const segments: JpegSegment[] = [];
  let at = 2;
  while (at + 4 <= bytes.length) {
    if (bytes[at] !== 0xff) throw new ProvenanceFileError(`The JPEG file is damaged: expected a marker at byte ${at}.`);
    const marker = bytes[at + 1];
    if (marker === 0xda) return { segments, scanStart: at };
    const length = (bytes[at + 2] << 8) | bytes[at + 3];
    if (length < 2 || at + 2 + length > bytes.length) throw new ProvenanceFileError(`The JPEG file is cut short: a segment at byte ${at} runs past the end.`);
    segments.push({ marker, start: at, end: at + 2 + length });
    at += 2 + length;
  }
  throw new ProvenanceFileError('The JPEG file is cut short: it has no picture data (no start-of-scan marker).');
}

function isJumbfSegment(bytes: Uint8Array, segment: JpegSegment): boolean {
  return segment.marker === 0xeb && bytes[segment.start + 4] === 0x4a && bytes[segment.start + 5] === 0x50; // APP11 "JP"
}

// --- The manifest store in either format ---------------------------------------------------

/** Whether the file carries a C2PA manifest store at all (PNG caBX chunk or JPEG APP11 JUMBF). */
export function hasManifestStore(bytes: Uint8Array): boolean {
  const format = sniffPicture(bytes);
  if (format === 'image/png') return readPngChunks(bytes).some((c) => c.type === MANIFEST_CHUNK);
  const { segments } = jpegHeaderSegments(bytes);
  return segments.some((s) => isJumbfSegment(bytes, s));
}

/** Checks the file's structure (chunks, CRCs, segments); throws with the reason when it is malformed. */
export function checkPictureStructure(bytes: Uint8Array): PictureFormat {
  const format = sniffPicture(bytes);
  if (format === 'image/png') readPngChunks(bytes);
  else jpegHeaderSegments(bytes);
  return format;
}

/** The same picture with its Content Credentials removed (and nothing else changed). */
export function stripManifestStore(bytes: Uint8Array): Uint8Array {
  const format = sniffPicture(bytes);
  if (format === 'image/png') return writePngChunks(readPngChunks(bytes).filter((c) => c.type !== MANIFEST_CHUNK));
  const { segments } = jpegHeaderSegments(bytes);
  const drop = segments.filter((s) => isJumbfSegment(bytes, s));
  const parts: Uint8Array[] = [];
  let at = 0;
  for (const s of drop) {
    parts.push(bytes.subarray(at, s.start));
    at = s.end;
  }
  parts.push(bytes.subarray(at));
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let w = 0;
  for (const p of parts) {
    out.set(p, w);
    w += p.length;
  }
  return out;
}

/** The PNG's manifest store (the caBX chunk's JUMBF bytes), or null. */
export function pngManifestStore(png: Uint8Array): Uint8Array | null {
  return readPngChunks(png).find((c) => c.type === MANIFEST_CHUNK)?.data ?? null;
}

/** Rewrites the PNG's manifest store through `edit`, keeping every chunk's CRC right. */
export function editPngManifestStore(png: Uint8Array, edit: (store: Uint8Array) => Uint8Array): Uint8Array {
  const chunks = readPngChunks(png);
  const chunk = chunks.find((c) => c.type === MANIFEST_CHUNK);
  if (!chunk) throw new ProvenanceFileError('This PNG carries no Content Credentials to change.');
  chunk.data = edit(chunk.data.slice());
  return writePngChunks(chunks);
}

/**
 * Puts `signed`'s manifest store into another PNG (right after IHDR, where c2pa places it),
 * replacing any it had: a picture whose pixels changed but which still carries the old credentials.
 */
export function transplantPngManifestStore(signed: Uint8Array, target: Uint8Array): Uint8Array {
  const store = pngManifestStore(signed);
  if (!store) throw new ProvenanceFileError('The signed PNG carries no Content Credentials to move.');
  const chunks = readPngChunks(target).filter((c) => c.type !== MANIFEST_CHUNK);
  chunks.splice(1, 0, { type: MANIFEST_CHUNK, data: store });
  return writePngChunks(chunks);
}
