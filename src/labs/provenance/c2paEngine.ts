/**
 * The lab's C2PA engine: c2pa-rs compiled to WebAssembly (@contentauth/c2pa-web), loaded only
 * when the provenance lab asks for it (the page imports this module with `import()`, so neither
 * the library nor its 8 MB binary is in any other lab's download).
 *
 * - The binary and c2pa-web's worker script are files of this app's own build (Vite `?url`),
 *   fetched from its own origin: no CDN, and the Content Security Policy (worker-src 'self')
 *   holds, since the worker is not made from a blob: URL.
 * - Nothing is fetched at validation time: remote manifests and OCSP revocation checks are off,
 *   and the only trust anchor is the one the learner adds (PEM text, never a URL).
 * - Signing: c2pa-rs builds the manifest (assertions, the c2pa.hash.data hard binding, the claim)
 *   and hands the claim to our signer, which returns a complete COSE_Sign1 (coseSign1.ts) signed
 *   with the leaf key from WebCrypto.
 */
import { createC2pa, type C2paSdk, type ManifestDefinition, type ManifestStore, type Settings, type Signer } from '@contentauth/c2pa-web';
import wasmUrl from '@contentauth/c2pa-web/resources/c2pa.wasm?url';
import workerUrl from '@contentauth/c2pa-web/c2pa_worker?url';

import { reserveSizeFor, signClaim } from '../../core/provenance/coseSign1';
import type { SigningCredentials } from '../../core/provenance/credentials';
import { TRAINED_ALGORITHMIC_MEDIA } from '../../core/provenance/manifestDefinitions';
import type { PictureFormat } from '../../core/provenance/pictureFile';

/**
 * c2pa-web accepts a worker URL only when its protocol is https:, to keep a page from loading
 * its worker over plain http from elsewhere. Ours is a file of this app's own build on the
 * page's own origin; on a secure context that is not https (localhost, 127.0.0.1), the URL
 * is presented as such so the same-origin file is used instead of a blob: worker, which the
 * app's Content Security Policy forbids.
 */
class SameOriginWorkerUrl extends URL {
  override get protocol(): string {
    return 'https:';
  }
}

function workerSource(): URL {
  const url = new URL(workerUrl, window.location.href);
  if (url.origin !== window.location.origin) throw new Error('The C2PA worker script must come from this app\'s own origin.');
  return url.protocol === 'https:' || !window.isSecureContext ? url : new SameOriginWorkerUrl(url.href);
}

/** Validation settings: offline, and trusting only what the learner chose to trust. */
function readerSettings(trustAnchorPem: string | null): Settings {
  const verify = {
    verifyTrust: true,
    verifyAfterReading: true,
    // Not in c2pa-web's typings, passed through to c2pa-rs as remote_manifest_fetch / ocsp_fetch.
    remoteManifestFetch: false,
    ocspFetch: false,
  };
  // An empty anchor list must still replace any default: c2pa-rs ships none, and neither do we.
  return { verify, ...(trustAnchorPem ? { trust: { userAnchors: trustAnchorPem } } : {}) } as Settings;
}

export interface SignRequest {
  definition: ManifestDefinition;
  picture: Uint8Array;
  format: PictureFormat;
  /** For an edit: the signed picture it was made from, carried as the parent ingredient. */
  parent?: { bytes: Uint8Array; format: PictureFormat; title: string };
}

export class C2paEngine {
  private constructor(private readonly sdk: C2paSdk) {}

  static async load(): Promise<C2paEngine> {
    const sdk = await createC2pa({ wasmSrc: wasmUrl, workerSrc: workerSource() });
    return new C2paEngine(sdk);
  }

  /** Signs a picture with the leaf key; returns the picture's bytes with the manifest embedded. */
  async sign(credentials: SigningCredentials, request: SignRequest): Promise<Uint8Array> {
    const builder = await this.sdk.builder.fromDefinition(request.definition);
    try {
      if (request.parent) {
        await builder.setIntent('edit');
        await builder.addIngredientFromBlob(
          { title: request.parent.title, format: request.parent.format, relationship: 'parentOf' },
          request.parent.format,
          new Blob([request.parent.bytes as Uint8Array<ArrayBuffer>], { type: request.parent.format }),
        );
      } else {
        await builder.setIntent({ create: TRAINED_ALGORITHMIC_MEDIA });
      }
      const chain = [credentials.leafCertificate];
      const reserve = reserveSizeFor(chain);
      const signer: Signer = {
        alg: 'es256',
        reserveSize: async () => reserve,
        sign: async (claim, reserveSize) =>
          (await signClaim(claim, { privateKey: credentials.leafPrivateKey, certificateChain: chain, reserveSize })) as Uint8Array<ArrayBuffer>,
      };
      const signed = await builder.sign(signer, request.format, new Blob([request.picture as Uint8Array<ArrayBuffer>], { type: request.format }));
      return new Uint8Array(signed);
    } finally {
      await builder.free();
    }
  }

  /** Reads and validates a file's Content Credentials; null when it carries none. */
  async inspect(bytes: Uint8Array, format: PictureFormat, trustAnchorPem: string | null): Promise<ManifestStore | null> {
    const reader = await this.sdk.reader.fromBlob(format, new Blob([bytes as Uint8Array<ArrayBuffer>], { type: format }), readerSettings(trustAnchorPem));
    if (!reader) return null;
    try {
      return await reader.manifestStore();
    } finally {
      await reader.free();
    }
  }

  dispose(): void {
    this.sdk.dispose();
  }
}
