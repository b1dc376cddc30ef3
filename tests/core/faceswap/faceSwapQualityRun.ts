/**
 * What the face-swap quality tests share: a seeded training run of a swap model on its dataset
 * (on the app's backend, tests/core/shared/appBackend.ts). The toy-face and digit-style runs
 * live in two test files, so that the two run side by side.
 */
import { FaceSwapTrainer } from '../../../src/core/faceswap/faceSwapTrainer';
import type { FaceSwapSettings } from '../../../src/core/autoencoder/faceSwapSettings';
import type { SwapDataset } from '../../../src/core/faceswap/swapDatasets';

/** Swaps scored per run. */
export const SCORED = 128;

/** Trains a fresh swap model for `steps` steps on `data`, as the lab's training loop does. */
export function trainSwapModel(settings: FaceSwapSettings, data: SwapDataset, steps: number): { trainer: FaceSwapTrainer; seconds: number } {
  const trainer = new FaceSwapTrainer(settings);
  const started = performance.now();
  for (let i = 0; i < steps; i++) {
    const a = data.nextBatch('a', settings.batchSize);
    const b = data.nextBatch('b', settings.batchSize);
    trainer.step(a.images, b.images, false, { a: a.masks, b: b.masks });
  }
  return { trainer, seconds: (performance.now() - started) / 1000 };
}
