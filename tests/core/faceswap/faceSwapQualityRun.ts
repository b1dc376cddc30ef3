/**
 * What the face-swap quality tests share: the app's backend (wasm, single-threaded, with
 * its fast kernels) and a seeded training run of a swap model on its dataset. The toy-face
 * and digit-style runs live in two test files, so that the two run side by side.
 */
import * as tf from '../../../src/core/shared/tf';
import '@tensorflow/tfjs-backend-wasm';
import { registerWasmFastKernels } from '../../../src/core/shared/wasmFastKernels';
import { FaceSwapTrainer } from '../../../src/core/faceswap/faceSwapTrainer';
import type { FaceSwapSettings } from '../../../src/core/faceswap/faceSwapSettings';
import type { SwapDataset } from '../../../src/core/faceswap/swapDatasets';

/** Swaps scored per run. */
export const SCORED = 128;

/** Switches TF.js to the app's backend; returns the backend that runs. */
export async function useAppBackend(): Promise<string> {
  tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', false);
  await tf.setBackend('wasm');
  registerWasmFastKernels();
  return tf.getBackend();
}

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
