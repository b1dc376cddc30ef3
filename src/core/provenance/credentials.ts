/**
 * The lab's own signing credentials: a two-certificate chain made on the spot with WebCrypto
 * (ECDSA P-256) and @peculiar/x509.
 *
 * - the root ("Deepfake Lab classroom root") is a certificate authority: CA:true, keyCertSign,
 *   self-signed. It never goes into a signed picture; a learner who decides to trust it adds it
 *   to the validator as a trust anchor.
 * - the leaf ("Deepfake Lab signer") signs the pictures: CA:false, a critical digitalSignature
 *   key usage and the document-signing extended key usage (id-kp-documentSigning,
 *   1.3.6.1.5.5.7.3.36), one of the EKUs c2pa-rs accepts for a claim signer; its authority key
 *   identifier names the root's key, as the C2PA certificate profile requires.
 *
 * Both private keys are made non-extractable: they can sign, they can be stored in IndexedDB
 * (CryptoKey objects are structured-cloneable), but their bytes can never be read out.
 */
// @peculiar/x509 needs the Reflect metadata API (through tsyringe); this small polyfill supplies it.
import '@abraham/reflection';
import * as x509 from '@peculiar/x509';

export const SIGNING_ALGORITHM: EcKeyGenParams = { name: 'ECDSA', namedCurve: 'P-256' };
export const SIGNATURE_PARAMS: EcdsaParams = { name: 'ECDSA', hash: 'SHA-256' };

/** id-kp-documentSigning (RFC 9336), accepted by c2pa-rs for claim signers. */
export const DOCUMENT_SIGNING_EKU = '1.3.6.1.5.5.7.3.36';

export const ROOT_NAME = 'CN=Deepfake Lab classroom root, O=Deepfake Lab (for teaching only)';
export const LEAF_NAME = 'CN=Deepfake Lab signer, O=Deepfake Lab (for teaching only)';

/** How long the made-up certificates stay valid (the validator checks the signing time against it). */
export const ROOT_VALID_DAYS = 3650;
export const LEAF_VALID_DAYS = 730;

export interface SigningCredentials {
  /** The root's private key: non-extractable, used once to sign the leaf. */
  rootPrivateKey: CryptoKey;
  /** The leaf's private key: non-extractable, signs every claim. */
  leafPrivateKey: CryptoKey;
  /** DER bytes of the root certificate (the trust anchor, never embedded in a picture). */
  rootCertificate: Uint8Array;
  /** DER bytes of the leaf certificate (embedded in every signature's x5chain). */
  leafCertificate: Uint8Array;
  /** When these credentials were made (milliseconds since 1970). */
  createdAt: number;
}

function cryptoApi(): Crypto {
  const api = globalThis.crypto;
  if (!api?.subtle) throw new Error('This browser has no WebCrypto (crypto.subtle), which signing needs; open the app over https or localhost.');
  return api;
}

const DAY_MS = 86_400_000;

function randomSerial(api: Crypto): string {
  const bytes = api.getRandomValues(new Uint8Array(16));
  bytes[0] &= 0x7f; // positive
  bytes[0] |= 0x01; // and not starting with a zero byte, so it keeps its 16 bytes
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

/** Makes a fresh root and leaf. `now` is injectable so tests can pin the validity window. */
export async function createSigningCredentials(now: Date = new Date()): Promise<SigningCredentials> {
  const api = cryptoApi();
  const subtle = api.subtle;
  // Private keys non-extractable; WebCrypto public keys are always exportable (the certificates need them).
  const rootKeys = await subtle.generateKey(SIGNING_ALGORITHM, false, ['sign', 'verify']);
  const leafKeys = await subtle.generateKey(SIGNING_ALGORITHM, false, ['sign', 'verify']);
  // Back-date a little, so a clock a few minutes behind does not see a certificate from the future.
  const notBefore = new Date(now.getTime() - 3_600_000);

  const rootSki = await x509.SubjectKeyIdentifierExtension.create(rootKeys.publicKey, false, api);
  const root = await x509.X509CertificateGenerator.createSelfSigned(
    {
      serialNumber: randomSerial(api),
      name: ROOT_NAME,
      notBefore,
      notAfter: new Date(notBefore.getTime() + ROOT_VALID_DAYS * DAY_MS),
      keys: rootKeys,
      signingAlgorithm: SIGNATURE_PARAMS,
      extensions: [
        new x509.BasicConstraintsExtension(true, 0, true),
        new x509.KeyUsagesExtension(x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign, true),
        rootSki,
        await x509.AuthorityKeyIdentifierExtension.create(rootKeys.publicKey, false, api),
      ],
    },
    api,
  );

  const leaf = await x509.X509CertificateGenerator.create(
    {
      serialNumber: randomSerial(api),
      subject: LEAF_NAME,
      issuer: root.subject,
      notBefore,
      notAfter: new Date(notBefore.getTime() + LEAF_VALID_DAYS * DAY_MS),
      publicKey: leafKeys.publicKey,
      signingKey: rootKeys.privateKey,
      signingAlgorithm: SIGNATURE_PARAMS,
      extensions: [
        new x509.BasicConstraintsExtension(false, undefined, true),
        new x509.KeyUsagesExtension(x509.KeyUsageFlags.digitalSignature, true),
        new x509.ExtendedKeyUsageExtension([DOCUMENT_SIGNING_EKU], false),
        await x509.SubjectKeyIdentifierExtension.create(leafKeys.publicKey, false, api),
        new x509.AuthorityKeyIdentifierExtension(rootSki.keyId, false),
      ],
    },
    api,
  );

  return {
    rootPrivateKey: rootKeys.privateKey,
    leafPrivateKey: leafKeys.privateKey,
    rootCertificate: new Uint8Array(root.rawData),
    leafCertificate: new Uint8Array(leaf.rawData),
    createdAt: now.getTime(),
  };
}

/** PEM text of a DER certificate (what the validator takes as a trust anchor). */
export function certificatePem(der: Uint8Array): string {
  return new x509.X509Certificate(der as Uint8Array<ArrayBuffer>).toString('pem');
}

export interface CertificateSummary {
  subject: string;
  issuer: string;
  serialNumber: string;
  notBefore: Date;
  notAfter: Date;
  isAuthority: boolean;
  keyUsages: string[];
  extendedKeyUsages: string[];
  /** Hex SHA-256 of the DER bytes, for the learner to compare. */
  fingerprint: string;
}

const KEY_USAGE_NAMES: [number, string][] = [
  [x509.KeyUsageFlags.digitalSignature, 'digitalSignature'],
  [x509.KeyUsageFlags.nonRepudiation, 'nonRepudiation'],
  [x509.KeyUsageFlags.keyEncipherment, 'keyEncipherment'],
  [x509.KeyUsageFlags.dataEncipherment, 'dataEncipherment'],
  [x509.KeyUsageFlags.keyAgreement, 'keyAgreement'],
  [x509.KeyUsageFlags.keyCertSign, 'keyCertSign'],
  [x509.KeyUsageFlags.cRLSign, 'cRLSign'],
];

/** A plain description of a certificate, for the page and the tests. */
export async function describeCertificate(der: Uint8Array): Promise<CertificateSummary> {
  const cert = new x509.X509Certificate(der as Uint8Array<ArrayBuffer>);
  const basic = cert.getExtension(x509.BasicConstraintsExtension);
  const usage = cert.getExtension(x509.KeyUsagesExtension);
  const eku = cert.getExtension(x509.ExtendedKeyUsageExtension);
  const digest = new Uint8Array(await cryptoApi().subtle.digest('SHA-256', der as Uint8Array<ArrayBuffer>));
  return {
    subject: cert.subject,
    issuer: cert.issuer,
    serialNumber: cert.serialNumber,
    notBefore: cert.notBefore,
    notAfter: cert.notAfter,
    isAuthority: basic?.ca ?? false,
    keyUsages: usage ? KEY_USAGE_NAMES.filter(([flag]) => (usage.usages & flag) !== 0).map(([, name]) => name) : [],
    extendedKeyUsages: eku ? eku.usages.map(String) : [],
    fingerprint: Array.from(digest, (b) => b.toString(16).padStart(2, '0')).join(''),
  };
}
