/**
 * Picks and initialises the TF.js backend inside the worker. TF.js silently
 * falls back when a backend fails, so the result is always read back from
 * tf.getBackend() and any difference from the request is reported.
 */
import * as tf from '../../core/shared/tf';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
// The .wasm binaries are bundled as assets and served by the app itself: no CDN.
import wasmPlainUrl from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm?url';
import wasmSimdUrl from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-simd.wasm?url';
import wasmThreadedUrl from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-threaded-simd.wasm?url';
import type { BackendChoice, WorkerInfo } from '../../protocol/shared/sessionProtocol';

setWasmPaths({
  'tfjs-backend-wasm.wasm': wasmPlainUrl,
  'tfjs-backend-wasm-simd.wasm': wasmSimdUrl,
  'tfjs-backend-wasm-threaded-simd.wasm': wasmThreadedUrl,
});
// Threaded wasm needs cross-origin isolation and broke in minified builds; single-thread SIMD is as fast here.
tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', false);

/** Fastest first for tiny models on a CPU-only machine (WebGL is software-rendered there). */
const AUTO_ORDER = ['wasm', 'webgl', 'cpu'] as const;

export async function initBackend(choice: BackendChoice): Promise<WorkerInfo> {
  const candidates = choice === 'auto' ? [...AUTO_ORDER] : [choice, ...AUTO_ORDER.filter((b) => b !== choice)];
  const failures: string[] = [];
  for (const name of candidates) {
    let ok = false;
    try {
      ok = await tf.setBackend(name);
      await tf.ready();
    } catch (error) {
      failures.push(`${name} (${error instanceof Error ? error.message : String(error)})`);
      continue;
    }
    if (ok && tf.getBackend() === name) {
      const backendNote = choice !== 'auto' && name !== choice
        ? `The ${choice} backend could not start (${failures.join('; ') || 'unavailable'}); running on ${name} instead.`
        : null;
      return { backend: name, backendNote };
    }
    failures.push(`${name} (failed to initialise)`);
  }
  throw new Error(`No TensorFlow.js backend could start: ${failures.join('; ')}`);
}
