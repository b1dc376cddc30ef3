/// <reference lib="webworker" />
/**
 * The adversarial lab's module worker: owns TF.js and the training loop so the
 * page never waits on training. The API is the generic session's calls, through comlink;
 * `init` again (another backend) rebuilds the model there, keeping its weights.
 */
import * as Comlink from 'comlink';
import type { AdversarialWorkerApi } from '../../protocol/adversarial/adversarialProtocol';
import { createAdversarialSession } from './adversarialAdapter';
import { registerWasmFastKernels } from '../../core/shared/wasmFastKernels';
import { sessionCalls } from '../shared/sessionCalls';
import { initBackend } from '../shared/tfBackend';

const session = createAdversarialSession();

const api: AdversarialWorkerApi = {
  ...sessionCalls(session),
  init: async (backend) => {
    const info = await initBackend(backend);
    // The dense layers' gradients multiply transposed matrices: wasm's slow path, replaced.
    registerWasmFastKernels();
    await session.rebuildOnCurrentBackend();
    return info;
  },
};

Comlink.expose(api);
