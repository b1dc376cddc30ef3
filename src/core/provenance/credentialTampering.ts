/**
 * Deliberate damage to a signed PNG, each kind breaking a different link of the chain the
 * validator checks:
 *
 * - manifest text changed: a few characters of a text inside the manifest (a model name, an
 *   edit description) replaced by others of the same length, CRCs fixed so the file stays a
 *   well-formed PNG. The assertion's hash in the claim, or the claim's signature, no longer fits.
 * - signature swapped: the 64-byte ES256 signature of the active manifest replaced by the one
 *   from another signed picture. The certificate is still ours, but it never signed this claim.
 * - (one pixel changed, manifest stripped and re-encoded as JPEG need a picture encoder and
 *   happen in the page; stripping is `stripManifestStore` in pictureFile.ts.)
 */
import { ES256_SIGNATURE_BYTES } from './coseSign1';
import { editPngManifestStore, pngManifestStore, ProvenanceFileError } from './pictureFile';

function indexOfBytes(haystack: Uint8Array, needle: Uint8Array, from = 0): number {
  outer: for (let i = from; i <= haystack.length - needle.length; i++) {
    for (let j = 0; j < needle.length; j++) if (haystack[i + j] !== needle[j]) continue outer;
    return i;
  }
  return -1;
}

function lastIndexOfBytes(haystack: Uint8Array, needle: Uint8Array): number {
  for (let i = haystack.length - needle.length; i >= 0; i--) {
    let hit = true;
    for (let j = 0; j < needle.length && hit; j++) hit = haystack[i + j] === needle[j];
    if (hit) return i;
  }
  return -1;
}

/** Replaces the last occurrence of `find` in the manifest store by `replace` (same length in UTF-8). */
export function replaceManifestText(png: Uint8Array, find: string, replace: string): Uint8Array {
  const from = new TextEncoder().encode(find);
  const to = new TextEncoder().encode(replace);
  if (from.length !== to.length) throw new Error(`The replacement must be as long as the text it replaces (${from.length} bytes, got ${to.length}).`);
  return editPngManifestStore(png, (store) => {
    const at = lastIndexOfBytes(store, from);
    if (at < 0) throw new ProvenanceFileError(`The manifest does not contain the text "${find}".`);
    store.set(to, at);
    return store;
  });
}

/**
 * Where the active manifest's signature sits in the manifest store: the COSE_Sign1 ends with
 * `null` (detached payload) then a 64-byte byte string (0xF6 0x58 0x40 …). The active manifest
 * is the last in the store, so the last such pattern is its signature.
 */
export function signatureOffset(store: Uint8Array): number {
  const marker = new Uint8Array([0xf6, 0x58, ES256_SIGNATURE_BYTES]);
  const at = lastIndexOfBytes(store, marker);
  if (at < 0 || at + 3 + ES256_SIGNATURE_BYTES > store.length) throw new ProvenanceFileError('No ES256 signature was found in this manifest.');
  return at + 3;
}

/** The active manifest's 64-byte signature. */
export function manifestSignature(png: Uint8Array): Uint8Array {
  const store = pngManifestStore(png);
  if (!store) throw new ProvenanceFileError('This PNG carries no Content Credentials.');
  const at = signatureOffset(store);
  return store.slice(at, at + ES256_SIGNATURE_BYTES);
}

/** `target` with its active manifest's signature replaced by `donor`'s. */
export function swapSignature(target: Uint8Array, donor: Uint8Array): Uint8Array {
  const signature = manifestSignature(donor);
  return editPngManifestStore(target, (store) => {
    const at = signatureOffset(store);
    if (indexOfBytes(store.subarray(at, at + ES256_SIGNATURE_BYTES), signature) === 0) throw new Error('Both pictures carry the same signature; swap in one from another picture.');
    store.set(signature, at);
    return store;
  });
}
