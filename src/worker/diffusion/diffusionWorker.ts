/// <reference lib="webworker" />
/**
 * The diffusion lab's module worker: owns TF.js and the training loop so the page never waits
 * on training. The API is the generic session's calls plus setView, through comlink; `init`
 * again (another backend) rebuilds the model there, keeping its weights.
 */
import * as Comlink from 'comlink';
import * as tf from '../../core/shared/tf';
import { registerWasmFastKernels } from '../../core/shared/wasmFastKernels';
import type { DiffusionPicture, DiffusionWorkerApi } from '../../protocol/diffusion/diffusionProtocol';
import { createDiffusionSession } from './diffusionAdapter';
import { sessionCalls } from '../shared/sessionCalls';
import { initBackend } from '../shared/tfBackend';

const session = createDiffusionSession();

/** A picture's arrays move to the page instead of being copied. */
const transferred = (p: DiffusionPicture) => Comlink.transfer(p, [p.samples.buffer, p.trajectory.buffer, p.times.buffer, p.field.buffer] as ArrayBuffer[]);

const api: DiffusionWorkerApi = {
  ...sessionCalls(session),
  init: async (backend) => {
    const info = await initBackend(backend);
    // Every dense layer's gradient is a transposed matrix product, slow on wasm without this.
    if (tf.getBackend() === 'wasm') registerWasmFastKernels();
    await session.rebuildOnCurrentBackend();
    return info;
  },
  setView: async (view) => transferred(session.setView(view)),
};

Comlink.expose(api);
