import '@abraham/reflection';
import * as x509 from '@peculiar/x509';
import { beforeAll, describe, expect, it } from 'vitest';

import { createSigningCredentials, type SigningCredentials } from '../../../src/core/provenance/credentials';
import {
  encodeCbor,
  tagSign1,
  padSign1,
  parseSign1,
  protectedHeaderBytes,
  reserveSizeFor,
  signClaim,
} from '../../../src/core/provenance/coseSign1';

let credentials: SigningCredentials;
beforeAll(async () => {
  credentials = await createSigningCredentials();
});

/** CBOR byte-string / text-string header, written by hand as an independent reference. */
function cborHead(major: number, length: number): number[] {
  if (length < 24) return [(major << 5) | length];
  if (length < 0x100) return [(major << 5) | 24, length];
  if (length < 0x10000) return [(major << 5) | 25, length >> 8, length & 0xff];
  return [(major << 5) | 26, (length >>> 24) & 0xff, (length >> 16) & 0xff, (length >> 8) & 0xff, length & 0xff];
}

function handMadeSigStructure(protectedHeader: Uint8Array, payload: Uint8Array): Uint8Array<ArrayBuffer> {
  const context = new TextEncoder().encode('Signature1');
  return new Uint8Array([
    0x84, // array of 4
    ...cborHead(3, context.length), ...context,
    ...cborHead(2, protectedHeader.length), ...protectedHeader,
    0x40, // empty external_aad
    ...cborHead(2, payload.length), ...payload,
  ]);
}

describe('COSE_Sign1 for C2PA claims', () => {
  it('writes the protected header as { 1: -7, 33: leaf DER }', () => {
    const leaf = credentials.leafCertificate;
    const bytes = protectedHeaderBytes([leaf]);
    // a2 (map of 2), 01 26 (alg: -7), 18 21 (33), then the certificate as a byte string.
    expect(Array.from(bytes.slice(0, 5))).toEqual([0xa2, 0x01, 0x26, 0x18, 0x21]);
    const head = cborHead(2, leaf.length);
    expect(Array.from(bytes.slice(5, 5 + head.length))).toEqual(head);
    expect(bytes.slice(5 + head.length)).toEqual(leaf);
  });

  it('signs a claim into a tagged, detached, exactly padded structure that verifies', async () => {
    const claim = encodeCbor(new Map<string, unknown>([['instanceID', 'xmp:iid:test'], ['claim_generator_info', [{ name: 'test' }]]]));
    const chain = [credentials.leafCertificate];
    const reserveSize = reserveSizeFor(chain);
    const cose = await signClaim(claim, { privateKey: credentials.leafPrivateKey, certificateChain: chain, reserveSize });
    expect(cose.length).toBe(reserveSize);
    expect(cose[0]).toBe(0xd2); // tag 18

    const parsed = parseSign1(cose);
    expect(parsed.payload).toBeNull();
    expect(parsed.protectedHeader.get(1)).toBe(-7);
    expect(parsed.protectedHeader.get(33)).toEqual(credentials.leafCertificate);
    expect(parsed.signature.length).toBe(64);
    const pad = parsed.unprotected.get('pad') as Uint8Array;
    expect(pad.every((b) => b === 0)).toBe(true);

    // Verify with the key read from the certificate, over a Sig_structure assembled by hand.
    const leaf = new x509.X509Certificate(credentials.leafCertificate as Uint8Array<ArrayBuffer>);
    const publicKey = await leaf.publicKey.export({ name: 'ECDSA', namedCurve: 'P-256' }, ['verify']);
    const params = { name: 'ECDSA', hash: 'SHA-256' };
    const tbs = handMadeSigStructure(parsed.protectedBytes, claim);
    const signature = parsed.signature as Uint8Array<ArrayBuffer>;
    expect(await crypto.subtle.verify(params, publicKey, signature, tbs)).toBe(true);
    // One changed claim byte and the signature no longer verifies.
    const changed = claim.slice();
    changed[changed.length - 2] ^= 1;
    expect(await crypto.subtle.verify(params, publicKey, signature, handMadeSigStructure(parsed.protectedBytes, changed))).toBe(false);
  });

  it('hits every size in a range exactly, across the padding length boundaries', () => {
    const protectedHeader = protectedHeaderBytes([new Uint8Array(40)]);
    const signature = new Uint8Array(64);
    const bare = tagSign1(encodeCbor([protectedHeader, new Map(), null, signature])).length;
    let hit = 0;
    let refused = 0;
    for (let size = bare + 5; size < bare + 300; size++) {
      try {
        expect(padSign1(protectedHeader, signature, size).length).toBe(size);
        hit++;
      } catch (error) {
        expect(String(error)).toMatch(/cannot be padded/);
        refused++;
      }
    }
    // Only the sizes that fall between two byte-string header lengths are impossible.
    expect(refused).toBeLessThanOrEqual(2);
    expect(hit).toBeGreaterThan(290);
    expect(() => padSign1(protectedHeader, signature, bare)).toThrow(/cannot be padded/);
  });

  it('refuses what is not a COSE_Sign1', () => {
    expect(() => parseSign1(encodeCbor([1, 2, 3]))).toThrow(/tag 18/);
    expect(() => parseSign1(tagSign1(encodeCbor([1, 2])))).toThrow(/four items/);
    expect(() => parseSign1(new Uint8Array([0xd2, 0x84, 0x40]))).toThrow(/does not decode/);
  });
});
