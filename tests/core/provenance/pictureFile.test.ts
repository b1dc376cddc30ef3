import { deflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';

import {
  MANIFEST_CHUNK,
  ProvenanceFileError,
  checkPictureStructure,
  crc32,
  hasManifestStore,
  pngManifestStore,
  pngSize,
  readPngChunks,
  sniffPicture,
  stripManifestStore,
  transplantPngManifestStore,
  writePngChunks,
} from '../../../src/core/provenance/pictureFile';
import { manifestSignature, replaceManifestText, signatureOffset, swapSignature } from '../../../src/core/provenance/credentialTampering';

/** A real (decodable) 4×3 grey PNG, written with Node's zlib as an independent encoder. */
function greyPng(width: number, height: number, shade: number): Uint8Array {
  const raw = new Uint8Array((width + 1) * height);
  for (let y = 0; y < height; y++) raw.fill(shade, y * (width + 1) + 1, (y + 1) * (width + 1));
  const ihdr = new Uint8Array(13);
  const view = new DataView(ihdr.buffer);
  view.setUint32(0, width);
  view.setUint32(4, height);
  ihdr.set([8, 0, 0, 0, 0], 8); // 8-bit greyscale
  return writePngChunks([
    { type: 'IHDR', data: ihdr },
    { type: 'IDAT', data: new Uint8Array(deflateSync(raw)) },
    { type: 'IEND', data: new Uint8Array(0) },
  ]);
}

/** A stand-in manifest store: text, then a COSE tail (null, 64-byte byte string). */
function fakeStore(text: string, signatureByte: number): Uint8Array {
  const head = new TextEncoder().encode(`jumb c2pa ${text} `);
  return new Uint8Array([...head, 0xf6, 0x58, 0x40, ...new Array(64).fill(signatureByte)]);
}

function withStore(png: Uint8Array, store: Uint8Array): Uint8Array {
  const chunks = readPngChunks(png);
  chunks.splice(1, 0, { type: MANIFEST_CHUNK, data: store });
  return writePngChunks(chunks);
}

describe('picture files', () => {
  it('computes the PNG CRC-32 of the standard check string', () => {
    expect(crc32(new TextEncoder().encode('123456789'))).toBe(0xcbf43926);
  });

  it('tells PNG from JPEG by their first bytes and refuses the rest with what they look like', () => {
    const png = greyPng(4, 3, 200);
    expect(sniffPicture(png)).toBe('image/png');
    expect(sniffPicture(new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 0, 16]))).toBe('image/jpeg');
    expect(() => sniffPicture(new Uint8Array())).toThrow('The file is empty.');
    expect(() => sniffPicture(new TextEncoder().encode('%PDF-1.7\n'))).toThrow(/looks like a PDF document/);
    expect(() => sniffPicture(new TextEncoder().encode('hello, world\n'))).toThrow(/looks like a text file/);
    expect(() => sniffPicture(new Uint8Array([0x47, 0x49, 0x46, 0x38, 0x39, 0x61]))).toThrow(/GIF/);
    expect(() => sniffPicture(new Uint8Array([0, 1, 2, 250, 3]))).toThrow(ProvenanceFileError);
  });

  it('reads and writes PNG chunks unchanged, and refuses damaged files with the reason', () => {
    const png = greyPng(4, 3, 200);
    expect(writePngChunks(readPngChunks(png))).toEqual(png);
    expect(pngSize(png)).toEqual({ width: 4, height: 3 });
    expect(checkPictureStructure(png)).toBe('image/png');
    expect(() => readPngChunks(png.subarray(0, png.length - 5))).toThrow(/cut short/);
    const flipped = png.slice();
    flipped[8 + 25 + 8 + 2] ^= 0xff; // inside IDAT's data (after the signature, IHDR, and IDAT's length and type)
    expect(() => readPngChunks(flipped)).toThrow(/checksum of its IDAT chunk is wrong/);
  });

  it('finds, strips and moves the manifest store, leaving the picture chunks as they were', () => {
    const plain = greyPng(4, 3, 200);
    const signed = withStore(plain, fakeStore('Digit forger', 7));
    expect(hasManifestStore(plain)).toBe(false);
    expect(hasManifestStore(signed)).toBe(true);
    expect(stripManifestStore(signed)).toEqual(plain);

    const other = greyPng(4, 3, 90);
    const moved = transplantPngManifestStore(signed, other);
    const chunks = readPngChunks(moved);
    expect(chunks.map((c) => c.type)).toEqual(['IHDR', MANIFEST_CHUNK, 'IDAT', 'IEND']);
    expect(pngManifestStore(moved)).toEqual(pngManifestStore(signed));
    expect(chunks[2].data).toEqual(readPngChunks(other)[1].data);
  });

  it('strips a JPEG\'s APP11 JUMBF segments and nothing else', () => {
    const app0 = [0xff, 0xe0, 0, 6, 0x4a, 0x46, 0x49, 0x46];
    const app11 = [0xff, 0xeb, 0, 8, 0x4a, 0x50, 0, 1, 2, 3];
    const scan = [0xff, 0xda, 0, 2, 9, 9, 0xff, 0xd9];
    const jpeg = new Uint8Array([0xff, 0xd8, ...app0, ...app11, ...scan]);
    expect(hasManifestStore(jpeg)).toBe(true);
    const stripped = stripManifestStore(jpeg);
    expect(Array.from(stripped)).toEqual([0xff, 0xd8, ...app0, ...scan]);
    expect(hasManifestStore(stripped)).toBe(false);
  });
});

describe('deliberate tampering', () => {
  it('changes manifest text in place, keeping the file a valid PNG', () => {
    const signed = withStore(greyPng(4, 3, 200), fakeStore('Digit forger', 7));
    const changed = replaceManifestText(signed, 'Digit forger', 'Digit f0rger');
    expect(changed.length).toBe(signed.length);
    expect(new TextDecoder().decode(pngManifestStore(changed)!)).toContain('Digit f0rger');
    expect(() => readPngChunks(changed)).not.toThrow();
    expect(() => replaceManifestText(signed, 'Digit forger', 'short')).toThrow(/as long as/);
    expect(() => replaceManifestText(signed, 'absent', 'ABSENT')).toThrow(/does not contain/);
  });

  it('swaps in another picture\'s signature, found at the end of the COSE structure', () => {
    const a = withStore(greyPng(4, 3, 200), fakeStore('picture A', 7));
    const b = withStore(greyPng(4, 3, 90), fakeStore('picture B', 9));
    expect(signatureOffset(pngManifestStore(a)!)).toBe(pngManifestStore(a)!.length - 64);
    const swapped = swapSignature(a, b);
    expect(manifestSignature(swapped)).toEqual(new Uint8Array(64).fill(9));
    expect(new TextDecoder().decode(pngManifestStore(swapped)!)).toContain('picture A');
    expect(() => swapSignature(a, a)).toThrow(/same signature/);
  });
});
