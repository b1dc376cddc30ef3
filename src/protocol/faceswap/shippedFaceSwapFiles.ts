/**
 * Which of the face-swap lab's model files this build ships, and their URLs.
 * The files (models/faceSwap-*.weights, models/faceSwapJudges-*.weights) are
 * trained offline and may be absent from a build: a glob finds the ones that
 * exist, so the lab works from scratch without them and lists each pretrained
 * model once its file is there. Only URLs are bundled (the files are fetched
 * on first use, from the app's own origin); the page and the worker both read this.
 */
import type { SwapDatasetKind } from '../../core/autoencoder/faceSwapSettings';
import { PRETRAINED_FACE_SWAPS, type PretrainedFaceSwap } from '../../core/autoencoder/pretrainedFaceSwaps';

const FILES = import.meta.glob<string>('../../../models/faceSwap*.weights', { query: '?url', import: 'default', eager: true });

/** The URL of models/<name>, or null when the build does not ship it. */
export function shippedFileUrl(name: string): string | null {
  return FILES[`../../../models/${name}`] ?? null;
}

/** The pretrained models whose files this build ships, in PRETRAINED_FACE_SWAPS order. */
export const SHIPPED_PRETRAINED: readonly PretrainedFaceSwap[] = PRETRAINED_FACE_SWAPS.filter((m) => shippedFileUrl(m.file) !== null);

/** Pretrained model id → URL, for the shipped ones. */
export function shippedPretrainedUrls(): Record<string, string> {
  return Object.fromEntries(SHIPPED_PRETRAINED.map((m) => [m.id, shippedFileUrl(m.file)!]));
}

/** The judges' files that ship, by dataset ('' for none: loading them then fails with a clear reason, and scores stay empty). */
export function shippedJudgeUrls(): Record<SwapDatasetKind, string> {
  return {
    toyFaces: shippedFileUrl('faceSwapJudges-toyFaces.weights') ?? '',
    digitStyles: shippedFileUrl('faceSwapJudges-digitStyles.weights') ?? '',
  };
}
