/// <reference lib="webworker" />
/**
 * The voice lab's module worker: owns TF.js and the training loop, and exposes the generic
 * session's calls and the lab's own (sound, puppet) through comlink. The pretrained models
 * (shippedVoiceFiles.ts) are fetched on first use from the app itself, nothing from elsewhere.
 */
import * as Comlink from 'comlink';
import * as tf from '../../core/shared/tf';
import { registerWasmFastKernels } from '../../core/shared/wasmFastKernels';
import { decodeVoiceCheckpoint, type VoiceCheckpoint } from '../../core/voice/voiceCheckpoint';
import type { VoiceWorkerApi } from '../../protocol/voice/voiceProtocol';
import { shippedVoiceUrls } from '../../protocol/voice/shippedVoiceFiles';
import { fetchAppFile } from '../shared/fetchBytes';
import { sessionCalls } from '../shared/sessionCalls';
import { initBackend } from '../shared/tfBackend';
import { loadOnce } from '../shared/loadOnce';
import { VoiceLab } from './voiceAdapter';

const urls = shippedVoiceUrls();
const cache = new Map<string, Promise<VoiceCheckpoint>>();

const lab = new VoiceLab({
  pretrained(id) {
    const url = Object.hasOwn(urls, id) ? urls[id] : undefined;
    if (!url) return Promise.reject(new Error(`This build does not ship the pretrained voice model "${id}".`));
    return loadOnce(cache, id, () => fetchAppFile(url, `the pretrained voice model "${id}"`).then(decodeVoiceCheckpoint));
  },
});

/** Sound moves to the page instead of being copied. */
const moved = (x: Float32Array) => Comlink.transfer(x, [x.buffer as ArrayBuffer]);

const api: VoiceWorkerApi = {
  ...sessionCalls(lab.session),
  async init(backend) {
    const info = await initBackend(backend);
    if (tf.getBackend() === 'wasm') registerWasmFastKernels();
    await lab.session.rebuildOnCurrentBackend();
    return info;
  },
  realSound: async (which) => moved(lab.realSound(which)),
  resynthesise: async (logMagnitude, length) => moved(lab.resynthesise(logMagnitude, length)),
  convertedSound: async (logMagnitude, length, keepMelody) => moved(lab.convertedSound(logMagnitude, length, keepMelody)),
  puppet: async (voice) => lab.puppet(voice),
  // Sound in the results is copied (a few clips); the progress callbacks arrive as comlink proxies.
  trainVoiceLock: (request, progress) => lab.security.trainVoiceLock(request, progress && ((p) => void progress(p))),
  trainCloneDetector: (request, progress) => lab.security.trainCloneDetector(request, progress && ((p) => void progress(p))),
  dealQuiz: (seed, progress) => lab.security.dealQuiz(seed, progress && ((p) => void progress(p))),
};

Comlink.expose(api);
