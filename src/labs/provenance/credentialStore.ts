/**
 * Where the lab keeps its signing credentials between visits: IndexedDB, through idb-keyval.
 * CryptoKey objects are structured-cloneable, so the non-extractable private keys are stored as
 * keys, never as bytes; the page can sign with them after a reload but nobody can read them out.
 * Whether the learner trusts the lab's root is kept beside them.
 */
import { createStore, del, get, set, type UseStore } from 'idb-keyval';

import { createSigningCredentials, type SigningCredentials } from '../../core/provenance/credentials';
import type { SoftBindingRecord } from '../../core/provenance/softBinding';

const CREDENTIALS_KEY = 'signing-credentials';
const TRUST_KEY = 'trusts-root';

let store: UseStore | null = null;
const db = () => (store ??= createStore('deepfake-lab-provenance', 'credentials'));

function isCredentials(value: unknown): value is SigningCredentials {
  const v = value as Partial<SigningCredentials> | undefined;
  return !!v && v.leafPrivateKey instanceof CryptoKey && v.rootPrivateKey instanceof CryptoKey
    && v.leafCertificate instanceof Uint8Array && v.rootCertificate instanceof Uint8Array;
}

export interface StoredCredentials {
  credentials: SigningCredentials;
  /** Made just now (nothing usable was stored). */
  fresh: boolean;
  /** Whether the learner had added the root as a trust anchor. */
  trusted: boolean;
}

/** The stored credentials, or new ones (stored at once). A store that cannot be used still yields keys for this visit. */
export async function loadOrCreateCredentials(): Promise<StoredCredentials> {
  try {
    const [stored, trusted] = await Promise.all([get(CREDENTIALS_KEY, db()), get(TRUST_KEY, db())]);
    if (isCredentials(stored)) return { credentials: stored, fresh: false, trusted: trusted === true };
  } catch {
    // Private browsing or storage turned off: keys for this visit only.
  }
  return { credentials: await replaceCredentials(), fresh: true, trusted: false };
}

/** New root and leaf, replacing the stored ones (and forgetting the trust decision, which was about the old root). */
export async function replaceCredentials(): Promise<SigningCredentials> {
  const credentials = await createSigningCredentials();
  try {
    await set(CREDENTIALS_KEY, credentials, db());
    await del(TRUST_KEY, db());
  } catch {
    // Not stored: they last as long as the page.
  }
  return credentials;
}

export async function rememberTrust(trusted: boolean): Promise<void> {
  try {
    await set(TRUST_KEY, trusted, db());
  } catch {
    // Not stored: the choice lasts as long as the page.
  }
}

const SOFT_BINDING_PREFIX = 'soft-binding:';

/** Files a signed, watermarked picture under its mark's number (the lab's own manifest repository). */
export async function rememberSoftBinding(record: SoftBindingRecord): Promise<boolean> {
  try {
    await set(`${SOFT_BINDING_PREFIX}${record.payload}`, record, db());
    return true;
  } catch {
    return false; // Storage turned off: the mark will point nowhere after this page.
  }
}

/** The signed file filed under a mark's number, if this browser has it. */
export async function findSoftBinding(payload: number): Promise<SoftBindingRecord | undefined> {
  try {
    const value = (await get(`${SOFT_BINDING_PREFIX}${payload}`, db())) as Partial<SoftBindingRecord> | undefined;
    if (value && value.payload === payload && value.file instanceof Uint8Array && typeof value.title === 'string'
      && (value.format === 'image/png' || value.format === 'image/jpeg') && typeof value.signedAt === 'string') return value as SoftBindingRecord;
  } catch {
    // Storage turned off: nothing on file.
  }
  return undefined;
}
