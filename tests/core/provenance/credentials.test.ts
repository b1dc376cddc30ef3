import '@abraham/reflection';
import * as x509 from '@peculiar/x509';
import { beforeAll, describe, expect, it } from 'vitest';

import {
  DOCUMENT_SIGNING_EKU,
  LEAF_NAME,
  ROOT_NAME,
  certificatePem,
  createSigningCredentials,
  describeCertificate,
  type SigningCredentials,
} from '../../../src/core/provenance/credentials';

const NOW = new Date('2026-03-01T12:00:00Z');
let credentials: SigningCredentials;
let root: x509.X509Certificate;
let leaf: x509.X509Certificate;

beforeAll(async () => {
  credentials = await createSigningCredentials(NOW);
  root = new x509.X509Certificate(credentials.rootCertificate as Uint8Array<ArrayBuffer>);
  leaf = new x509.X509Certificate(credentials.leafCertificate as Uint8Array<ArrayBuffer>);
});

describe('signing credentials', () => {
  it('keeps both private keys non-extractable ECDSA P-256 signing keys', async () => {
    for (const key of [credentials.rootPrivateKey, credentials.leafPrivateKey]) {
      expect(key.type).toBe('private');
      expect(key.extractable).toBe(false);
      expect(key.usages).toEqual(['sign']);
      expect((key.algorithm as EcKeyAlgorithm).namedCurve).toBe('P-256');
      await expect(crypto.subtle.exportKey('pkcs8', key)).rejects.toThrow();
    }
  });

  it('makes a self-signed root certificate authority', async () => {
    expect(root.subject).toBe(ROOT_NAME);
    expect(root.issuer).toBe(ROOT_NAME);
    expect(await root.isSelfSigned()).toBe(true);
    const basic = root.getExtension(x509.BasicConstraintsExtension)!;
    expect(basic.ca).toBe(true);
    expect(basic.critical).toBe(true);
    const usage = root.getExtension(x509.KeyUsagesExtension)!;
    expect(usage.critical).toBe(true);
    expect(usage.usages & x509.KeyUsageFlags.keyCertSign).toBeTruthy();
    expect(usage.usages & x509.KeyUsageFlags.digitalSignature).toBeFalsy();
    expect(root.getExtension(x509.SubjectKeyIdentifierExtension)).toBeTruthy();
    expect(root.signatureAlgorithm.name).toBe('ECDSA');
  });

  it('makes a leaf signed by the root, fit to sign C2PA claims', async () => {
    expect(leaf.subject).toBe(LEAF_NAME);
    expect(leaf.issuer).toBe(root.subject);
    expect(await leaf.isSelfSigned()).toBe(false);
    // The root's public key verifies the leaf; the leaf's own key does not.
    expect(await leaf.verify({ publicKey: root.publicKey, signatureOnly: true })).toBe(true);
    expect(await leaf.verify({ publicKey: leaf.publicKey, signatureOnly: true })).toBe(false);

    const basic = leaf.getExtension(x509.BasicConstraintsExtension)!;
    expect(basic.ca).toBe(false);
    const usage = leaf.getExtension(x509.KeyUsagesExtension)!;
    expect(usage.critical).toBe(true);
    expect(usage.usages).toBe(x509.KeyUsageFlags.digitalSignature);
    const eku = leaf.getExtension(x509.ExtendedKeyUsageExtension)!;
    expect(eku.usages).toEqual([DOCUMENT_SIGNING_EKU]);
    // The C2PA profile wants an authority key identifier naming the issuer's key.
    const aki = leaf.getExtension(x509.AuthorityKeyIdentifierExtension)!;
    expect(aki.keyId).toBe(root.getExtension(x509.SubjectKeyIdentifierExtension)!.keyId);
    expect(leaf.getExtension(x509.SubjectKeyIdentifierExtension)).toBeTruthy();
  });

  it('sets validity windows around the creation time, the leaf inside the root', () => {
    expect(root.notBefore.getTime()).toBeLessThanOrEqual(NOW.getTime());
    expect(leaf.notBefore.getTime()).toBeLessThanOrEqual(NOW.getTime());
    expect(leaf.notAfter.getTime()).toBeGreaterThan(NOW.getTime() + 365 * 86_400_000);
    expect(leaf.notAfter.getTime()).toBeLessThanOrEqual(root.notAfter.getTime());
    expect(root.serialNumber).not.toBe(leaf.serialNumber);
  });

  it('signs with the leaf key so that the leaf certificate verifies it', async () => {
    const data = new TextEncoder().encode('claim bytes');
    const signature = await crypto.subtle.sign({ name: 'ECDSA', hash: 'SHA-256' }, credentials.leafPrivateKey, data);
    const publicKey = await leaf.publicKey.export({ name: 'ECDSA', namedCurve: 'P-256' }, ['verify']);
    expect(await crypto.subtle.verify({ name: 'ECDSA', hash: 'SHA-256' }, publicKey, signature, data)).toBe(true);
  });

  it('describes certificates in plain fields and writes PEM', async () => {
    const summary = await describeCertificate(credentials.leafCertificate);
    expect(summary.isAuthority).toBe(false);
    expect(summary.keyUsages).toEqual(['digitalSignature']);
    expect(summary.extendedKeyUsages).toEqual([DOCUMENT_SIGNING_EKU]);
    expect(summary.fingerprint).toMatch(/^[0-9a-f]{64}$/);
    const pem = certificatePem(credentials.rootCertificate);
    expect(pem).toMatch(/^-----BEGIN CERTIFICATE-----\r?\n/);
    expect(new x509.X509Certificate(pem).subject).toBe(ROOT_NAME);
  });
});
