/**
 * The provenance lab's regeneration worker: loads the face-swap lab's shipped toy-face model on
 * first use (TF.js on the fastest backend) and redraws pictures with it, for the regeneration attack.
 */
import * as Comlink from 'comlink';
import faceSwapUrl from '../../../models/faceSwap-toy-faces.weights?url';
import { readSwapNetFile, swapNetsOf, type SwapNetFile } from '../../core/autoencoder/swapNetFile';
import type { SwapNets } from '../../core/autoencoder/sharedEncoderAutoencoder';
import { regenerateFace } from '../../core/provenance/regeneration';
import * as tf from '../../core/shared/tf';
import { registerWasmFastKernels } from '../../core/shared/wasmFastKernels';
import type { RegenerationWorkerApi } from '../../protocol/provenance/regenerationProtocol';
import { fetchAppFile } from '../shared/fetchBytes';
import { loadOnce } from '../shared/loadOnce';
import { initBackend } from '../shared/tfBackend';

const models = new Map<string, Promise<{ file: SwapNetFile; nets: SwapNets }>>();

const loaded = () => loadOnce(models, faceSwapUrl, async () => {
  await initBackend('auto');
  if (tf.getBackend() === 'wasm') registerWasmFastKernels();
  const file = readSwapNetFile(await fetchAppFile(faceSwapUrl, 'the face-swap lab\'s toy-face model'));
  return { file, nets: swapNetsOf(file) };
});

const api: RegenerationWorkerApi = {
  async regenerate(data, width, height, identity) {
    const { file, nets } = await loaded();
    const out = regenerateFace(nets, file, { width, height, data }, identity).data;
    return Comlink.transfer(out, [out.buffer]);
  },
};

Comlink.expose(api);
