/**
 * The app's backend for a Node test, as the labs' workers run it in the browser: wasm,
 * single-threaded, with the fast kernels (the training scripts' selectWasmBackend).
 */
import * as tf from '../../../src/core/shared/tf';
import { selectWasmBackend } from '../../../models/trainClassifier';

/** Switches TF.js to the app's backend; returns the backend that runs. */
export async function switchToAppBackend(): Promise<string> {
  await selectWasmBackend();
  return tf.getBackend();
}
