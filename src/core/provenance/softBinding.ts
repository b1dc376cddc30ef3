/**
 * Soft binding: the C2PA answer to stripped credentials. When the lab signs a picture it also
 * hides a 32-bit number in its pixels (the classic spread-spectrum watermark, under the lab's
 * own key) and files the signed file under that number in its local store. A picture that
 * arrives with no credentials is searched for the mark; if the number it carries is on file,
 * the manifest comes back from the store (C2PA calls such a store a manifest repository).
 * Pure logic: the store is passed in as a lookup function, so it can be IndexedDB in the page
 * and a Map in the tests.
 */
import { detectWatermark, embedWatermark, type WatermarkDetection } from './spreadSpectrumWatermark';
import type { RgbaPicture } from './picture';

/** The key the lab marks its own signed pictures with (a manifest repository's mark key). */
export const SOFT_BINDING_KEY = 'Deepfake Lab manifest repository';
/** Strength of the soft-binding mark: the panel's default, which survives a JPEG re-save at quality 75 or so. */
export const SOFT_BINDING_STRENGTH = 5;

/** What the store keeps under a mark's number: the signed file, so its manifest can be shown and checked again. */
export interface SoftBindingRecord {
  payload: number;
  /** The file name the picture was signed under. */
  title: string;
  /** The whole signed file (picture + manifest store). */
  file: Uint8Array;
  format: 'image/png' | 'image/jpeg';
  /** ISO time the lab signed it. */
  signedAt: string;
}

export type SoftBindingLookup = (payload: number) => Promise<SoftBindingRecord | undefined>;

export type SoftBindingOutcome =
  /** The file carries credentials of its own: nothing to recover. */
  | { kind: 'credentials' }
  /** The picture cannot carry this mark (not whole 8×8 blocks, or too small), so it was not searched. */
  | { kind: 'unsearchable'; reason: string }
  /** No mark of the lab's key in the pixels. */
  | { kind: 'no-mark'; detection: WatermarkDetection }
  /** A mark is there but its number cannot be read (too damaged). */
  | { kind: 'unreadable'; detection: WatermarkDetection }
  /** A readable mark whose number is not in this store (signed elsewhere, or the store was cleared). */
  | { kind: 'unknown'; payload: number; detection: WatermarkDetection }
  /** The mark points to a manifest on file. */
  | { kind: 'recovered'; record: SoftBindingRecord; detection: WatermarkDetection };

/** A fresh mark number from 32 random bits (0 is kept out so "no number" is never confused with one). */
export function softBindingPayload(randomWord: number): number {
  if (!Number.isInteger(randomWord) || randomWord < 0 || randomWord > 0xffffffff) {
    throw new RangeError(`A soft-binding number is a whole number from 0 to 4,294,967,295 (got ${randomWord}).`);
  }
  return randomWord === 0 ? 1 : randomWord;
}

/** Marks a picture with the lab's soft-binding key and this number. */
export function markForSoftBinding(picture: RgbaPicture, payload: number): RgbaPicture {
  return embedWatermark(picture, SOFT_BINDING_KEY, softBindingPayload(payload), { strength: SOFT_BINDING_STRENGTH }).picture;
}

/**
 * What a picture's pixels say about its lost credentials. A file with credentials is left
 * alone (its own manifest is the answer); otherwise the mark is looked for, and only a mark
 * the detector is confident of (false alarm under 1 in 10,000) with a readable number is
 * looked up: a number that merely happens to decode from an unmarked picture is never used.
 */
export async function recoverByWatermark(picture: RgbaPicture, hasCredentials: boolean, lookup: SoftBindingLookup): Promise<SoftBindingOutcome> {
  if (hasCredentials) return { kind: 'credentials' };
  let detection: WatermarkDetection;
  try {
    detection = detectWatermark(picture, SOFT_BINDING_KEY, { strength: SOFT_BINDING_STRENGTH });
  } catch (error) {
    return { kind: 'unsearchable', reason: error instanceof Error ? error.message : String(error) };
  }
  if (!detection.detected) return { kind: 'no-mark', detection };
  if (detection.payload === null) return { kind: 'unreadable', detection };
  const record = await lookup(detection.payload);
  if (!record || record.payload !== detection.payload) return { kind: 'unknown', payload: detection.payload, detection };
  return { kind: 'recovered', record, detection };
}
