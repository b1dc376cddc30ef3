/**
 * The provenance lab's learned-watermark worker: TF.js on the chosen backend, the shared
 * TrainingSession driving the learned mark's adapter, exposed with comlink.
 */
import * as Comlink from 'comlink';
import * as tf from '../../core/shared/tf';
import { registerWasmFastKernels } from '../../core/shared/wasmFastKernels';
import type { LearnedMarkWorkerApi } from '../../protocol/provenance/learnedMarkProtocol';
import { sessionCalls } from '../shared/sessionCalls';
import { initBackend } from '../shared/tfBackend';
import { createLearnedMarkSession } from './learnedMarkAdapter';

const { session, adapter } = createLearnedMarkSession();

const api: LearnedMarkWorkerApi = {
  ...sessionCalls(session),
  async init(backend) {
    const info = await initBackend(backend);
    if (tf.getBackend() === 'wasm') registerWasmFastKernels();
    await session.rebuildOnCurrentBackend();
    return info;
  },
  markChange: async (plane, width, height, bits) => {
    const change = adapter.markChange(session.requireModel(), plane, width, height, bits);
    return Comlink.transfer(change, [change.buffer]);
  },
  readBits: async (plane, width, height, cropped) => adapter.readBits(session.requireModel(), plane, width, height, cropped),
};

Comlink.expose(api);
