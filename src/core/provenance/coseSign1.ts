/**
 * COSE_Sign1 (RFC 9052) as a C2PA claim signature, built by hand around one WebCrypto call.
 *
 * c2pa-web hands its signer the claim's bytes and expects the whole COSE_Sign1 back, exactly
 * `reserveSize` bytes long (the space it reserved in the manifest's c2pa.signature box). What
 * c2pa-rs expects, and what this file builds:
 *
 *   COSE_Sign1 = #6.18([
 *     protected:   bstr .cbor { 1 (alg): -7 (ES256), 33 (x5chain): bstr leaf-certificate-DER },
 *     unprotected: { "pad": bstr of zeros },   -- fills the reserved space exactly
 *     payload:     nil,                        -- detached: the claim lives in its own box
 *     signature:   bstr r||s (64 bytes)
 *   ])
 *
 * The signature covers the Sig_structure ["Signature1", protected, external_aad = h'', claim
 * bytes]. WebCrypto's ECDSA already returns r||s (IEEE P1363), the form COSE uses. The root
 * certificate stays out of x5chain: c2pa-rs refuses a self-signed certificate in the chain, and
 * finds the root among its trust anchors instead.
 *
 * CBOR is written and read with cborg (deterministic, and free of eval, which the app's Content
 * Security Policy forbids). The one tag, 18, is a single byte (0xD2) written before the array.
 */
import { decode, encode } from 'cborg';

import { SIGNATURE_PARAMS } from './credentials';

export const COSE_SIGN1_TAG = 18;
export const COSE_HEADER_ALG = 1;
export const COSE_HEADER_X5CHAIN = 33;
export const COSE_ALG_ES256 = -7;
export const ES256_SIGNATURE_BYTES = 64;

/** CBOR tag 18 (major type 6, value 18) in its one-byte form. */
const COSE_SIGN1_TAG_BYTE = 0xc0 | COSE_SIGN1_TAG;

/** A tagged CBOR value, as decodeCbor returns it. */
export class CborTag {
  constructor(readonly tag: number, readonly value: unknown) {}
}

export function encodeCbor(value: unknown): Uint8Array {
  return encode(value);
}

const TAGS: ((inner: unknown) => unknown)[] = [];
TAGS[COSE_SIGN1_TAG] = (inner) => new CborTag(COSE_SIGN1_TAG, inner);

/** Decodes CBOR with maps as Map (integer keys survive) and tag 18 as a CborTag; other tags are refused. */
export function decodeCbor(bytes: Uint8Array): unknown {
  return decode(bytes, { useMaps: true, tags: TAGS });
}

/** Tag 18 around an encoded value. */
export function tagSign1(encodedArray: Uint8Array): Uint8Array {
  const out = new Uint8Array(encodedArray.length + 1);
  out[0] = COSE_SIGN1_TAG_BYTE;
  out.set(encodedArray, 1);
  return out;
}

/** The protected header's bytes: algorithm and the signer's certificate chain (leaf first). */
export function protectedHeaderBytes(certificateChain: Uint8Array[]): Uint8Array {
  if (certificateChain.length === 0) throw new Error('A COSE signature needs at least the signing certificate in x5chain.');
  const x5chain = certificateChain.length === 1 ? certificateChain[0] : certificateChain;
  return encodeCbor(new Map<number, unknown>([[COSE_HEADER_ALG, COSE_ALG_ES256], [COSE_HEADER_X5CHAIN, x5chain]]));
}

/** The bytes that are actually signed (RFC 9052 §4.4, context "Signature1", no external AAD). */
export function sigStructure(protectedHeader: Uint8Array, payload: Uint8Array): Uint8Array {
  return encodeCbor(['Signature1', protectedHeader, new Uint8Array(0), payload]);
}

function sign1Bytes(protectedHeader: Uint8Array, unprotected: Map<string, Uint8Array>, signature: Uint8Array): Uint8Array {
  return tagSign1(encodeCbor([protectedHeader, unprotected, null, signature]));
}

function byteStringHeaderLength(length: number): number {
  if (length < 24) return 1;
  if (length < 0x100) return 2;
  if (length < 0x10000) return 3;
  return 5;
}

/**
 * Grows the unprotected header's "pad" entry until the whole structure is exactly `size` bytes,
 * as c2pa-rs does for its own signatures.
 */
export function padSign1(protectedHeader: Uint8Array, signature: Uint8Array, size: number): Uint8Array {
  const bare = sign1Bytes(protectedHeader, new Map(), signature).length;
  // Adding { "pad": bstr(n) } costs 4 bytes for the key, the byte string's header, and n.
  for (const header of [1, 2, 3, 5]) {
    const n = size - bare - 4 - header;
    if (n >= 0 && byteStringHeaderLength(n) === header) {
      const padded = sign1Bytes(protectedHeader, new Map([['pad', new Uint8Array(n)]]), signature);
      if (padded.length === size) return padded;
    }
  }
  throw new Error(`The signature (${bare} bytes before padding) cannot be padded to exactly the ${size} bytes reserved for it.`);
}

export interface CoseSignOptions {
  /** The signer's private key (ECDSA P-256). */
  privateKey: CryptoKey;
  /** DER certificates, the signer's first. */
  certificateChain: Uint8Array[];
  /** The exact size c2pa reserved for the signature. */
  reserveSize: number;
}

/** Signs a C2PA claim: returns the complete, padded, tagged COSE_Sign1 with a detached payload. */
export async function signClaim(claim: Uint8Array, options: CoseSignOptions): Promise<Uint8Array> {
  const protectedHeader = protectedHeaderBytes(options.certificateChain);
  const toBeSigned = sigStructure(protectedHeader, claim);
  const signature = new Uint8Array(
    await globalThis.crypto.subtle.sign(SIGNATURE_PARAMS, options.privateKey, toBeSigned as Uint8Array<ArrayBuffer>),
  );
  if (signature.length !== ES256_SIGNATURE_BYTES) throw new Error(`ES256 signatures are 64 bytes; WebCrypto returned ${signature.length}.`);
  return padSign1(protectedHeader, signature, options.reserveSize);
}

/** Room for the COSE framing and the leaf certificate, with plenty to spare for the padding. */
export function reserveSizeFor(certificateChain: Uint8Array[]): number {
  const certificates = certificateChain.reduce((sum, der) => sum + der.length, 0);
  return Math.ceil((certificates + ES256_SIGNATURE_BYTES + 1024) / 256) * 256;
}

export interface ParsedSign1 {
  protectedHeader: Map<number, unknown>;
  protectedBytes: Uint8Array;
  unprotected: Map<unknown, unknown>;
  payload: Uint8Array | null;
  signature: Uint8Array;
}

/** Reads a tagged COSE_Sign1 back (for tests and the inspector); refuses anything else with the reason. */
export function parseSign1(bytes: Uint8Array): ParsedSign1 {
  let value: unknown;
  try {
    value = decodeCbor(bytes);
  } catch (error) {
    throw new Error(`Not a COSE_Sign1: the CBOR does not decode (${error instanceof Error ? error.message : String(error)}).`, { cause: error });
  }
  if (!(value instanceof CborTag) || value.tag !== COSE_SIGN1_TAG) throw new Error('Not a COSE_Sign1: the CBOR tag 18 is missing.');
  const items = value.value as unknown;
  if (!Array.isArray(items) || items.length !== 4) throw new Error('Not a COSE_Sign1: expected an array of four items.');
  const [protectedBytes, unprotected, payload, signature] = items as unknown[];
  if (!(protectedBytes instanceof Uint8Array)) throw new Error('The protected header is not a byte string.');
  if (!(unprotected instanceof Map)) throw new Error('The unprotected header is not a map.');
  if (!(signature instanceof Uint8Array)) throw new Error('The signature is not a byte string.');
  const protectedHeader = decodeCbor(protectedBytes);
  if (!(protectedHeader instanceof Map)) throw new Error('The protected header does not decode to a map.');
  return {
    protectedHeader: protectedHeader as Map<number, unknown>,
    protectedBytes: new Uint8Array(protectedBytes),
    unprotected,
    payload: payload instanceof Uint8Array ? new Uint8Array(payload) : null,
    signature: new Uint8Array(signature),
  };
}
