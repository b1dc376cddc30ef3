/**
 * The preview grid the face-swap tools show while they train: a few fixed
 * pictures of each identity, each beside its own reconstruction and its swap.
 *
 *   A | A→A (decoder A) | A→B (decoder B: the swap)
 *   B | B→B (decoder B) | B→A (decoder A: the swap)
 *
 * The same evaluation pictures every time (never trained on), so the grid
 * shows the model changing, not the data. Pixels in [0, 1] for display.
 */
import type { FaceSwapTrainer } from './faceSwapTrainer';
import type { Side } from '../autoencoder/sharedEncoderAutoencoder';
import type { SwapDataset } from './swapDatasets';

export const PREVIEW_ROWS = ['a', 'aToA', 'aToB', 'b', 'bToB', 'bToA'] as const;
export type PreviewRow = (typeof PREVIEW_ROWS)[number];

/** Pictures per row of the live preview. */
export const PREVIEW_COUNT = 6;

export interface SwapPreview {
  count: number;
  imageSize: number;
  channels: 1 | 3;
  /** Each row: count·s·s·C values in [0, 1], channels last. */
  rows: Record<PreviewRow, Float32Array>;
}

/** The first `count` evaluation pictures of each side, n·s·s·C values in [-1, 1]. */
export function previewSources(dataset: SwapDataset, count = PREVIEW_COUNT): Record<Side, Float32Array> {
  return { a: dataset.evaluationSet('a', count).images, b: dataset.evaluationSet('b', count).images };
}

const toUnit = (images: Float32Array): Float32Array => images.map((v) => Math.min(1, Math.max(0, (v + 1) / 2)));

export function makeSwapPreview(trainer: FaceSwapTrainer, sources: Record<Side, Float32Array>): SwapPreview {
  const { imageSize, channels } = trainer.shape;
  const count = sources.a.length / (imageSize * imageSize * channels);
  if (!Number.isInteger(count) || sources.b.length !== sources.a.length) throw new Error('preview sources need the same whole number of pictures per side');
  return {
    count,
    imageSize,
    channels,
    rows: {
      a: toUnit(sources.a),
      aToA: toUnit(trainer.reconstruct('a', sources.a)),
      aToB: toUnit(trainer.swap('a', sources.a)),
      b: toUnit(sources.b),
      bToB: toUnit(trainer.reconstruct('b', sources.b)),
      bToA: toUnit(trainer.swap('b', sources.b)),
    },
  };
}
