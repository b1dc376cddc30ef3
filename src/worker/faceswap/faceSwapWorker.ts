/// <reference lib="webworker" />
/**
 * The face-swap lab's module worker: owns TF.js and the training loop and
 * exposes the session through comlink. The MNIST digits load only when the
 * digit-styles dataset is first chosen; the judges and pretrained models
 * (shippedFaceSwapFiles.ts) on first use. Nothing is fetched from anywhere but the app.
 */
import * as Comlink from 'comlink';
import digitsUrl from 'virtual:mnist-digits';
import digitClassifierUrl from '../../../models/digitClassifier.weights?url';
import * as tf from '../../core/shared/tf';
import { fetchDigitAsset, type DigitSet } from '../../core/mnist/digitAsset';
import { registerWasmFastKernels } from '../../core/shared/wasmFastKernels';
import { decodeFaceSwapCheckpoint } from '../../core/faceswap/faceSwapCheckpoint';
import type { FaceSwapSettings, SwapDatasetKind } from '../../core/faceswap/faceSwapSettings';
import type { SwapJudges } from '../../core/faceswap/swapJudges';
import type { BackendChoice, FaceSwapStatus, FaceSwapWorkerApi, FaceSwapWorkerInfo } from '../../protocol/faceswap/faceSwapProtocol';
import { shippedJudgeUrls, shippedPretrainedUrls } from '../../protocol/faceswap/shippedFaceSwapFiles';
import { FaceSwapAssets } from './faceSwapAssets';
import { FaceSwapSession, type SwapResources } from './faceSwapSession';
import { initBackend } from '../shared/tfBackend';

let session: FaceSwapSession | null = null;
let forward: Parameters<FaceSwapSession['subscribe']> | null = null;
let digits: Promise<DigitSet> | null = null;
/** The status the page last heard, so a failed load can put it back. */
let lastStatus: FaceSwapStatus = { kind: 'idle' };

async function fetchBytes(url: string, what: string): Promise<Uint8Array> {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`Could not load ${what}: the app's server answered ${response.status}.`);
  return new Uint8Array(await response.arrayBuffer());
}

const assets = new FaceSwapAssets({ judges: shippedJudgeUrls(), digitClassifier: digitClassifierUrl, pretrained: shippedPretrainedUrls() }, fetchBytes);

function requireSession(): FaceSwapSession {
  if (!session) throw new Error('The face-swap worker has not started yet.');
  return session;
}

function tellStatus(status: FaceSwapStatus): void {
  forward?.[1](status);
}

function subscribeSession(s: FaceSwapSession): void {
  if (forward) s.subscribe(forward[0], tellStatus);
}

/** The MNIST digits, fetched once, the first time the digit-styles dataset is chosen. */
function loadDigits(): Promise<DigitSet> {
  if (!digits) {
    tellStatus({ kind: 'loading', message: 'Loading the handwritten digits…' });
    digits = fetchDigitAsset(digitsUrl);
    digits.catch(() => (digits = null));
  }
  return digits;
}

/** The judges of a dataset, or null when this build has none (or they fail to load): the lab then trains without scores. */
function loadJudges(kind: SwapDatasetKind): Promise<SwapJudges | null> {
  return assets.judges(kind).catch(() => null);
}

async function resourcesFor(settings: FaceSwapSettings): Promise<SwapResources> {
  const [set, judges] = await Promise.all([settings.dataset === 'digitStyles' ? loadDigits() : Promise.resolve(undefined), loadJudges(settings.dataset)]);
  return { digits: set, judges };
}

const api: FaceSwapWorkerApi = {
  async init(backend: BackendChoice): Promise<FaceSwapWorkerInfo> {
    const info = await initBackend(backend);
    if (tf.getBackend() === 'wasm') registerWasmFastKernels();
    session?.dispose();
    session = new FaceSwapSession();
    subscribeSession(session);
    return info;
  },
  subscribe(onFrame, onStatus) {
    forward = [onFrame, (status) => {
      lastStatus = status;
      onStatus(status);
    }];
    if (session) subscribeSession(session);
  },
  async configure(settings, pretrained) {
    requireSession();
    const before = lastStatus;
    try {
      const [resources, checkpoint] = await Promise.all([resourcesFor(settings), pretrained === null ? null : assets.pretrained(pretrained)]);
      // Checked against the settings before anything changes: a misfit leaves the current model as it was.
      if (checkpoint === null || pretrained === null) {
        requireSession().configure(settings, resources);
        return null;
      }
      return requireSession().configurePretrained(settings, checkpoint, pretrained, resources);
    } catch (error) {
      if (lastStatus.kind === 'loading') tellStatus(before);
      throw error;
    }
  },
  play: () => requireSession().play(),
  pause: () => requireSession().pause(),
  step: async () => requireSession().step(),
  setSpeed: (speed) => requireSession().setSpeed(speed),
  scoreNow: async () => requireSession().scoreNow(),
  puppet: async (factors) => requireSession().puppet(factors),
  puppetDigit: async (index) => requireSession().puppetDigit(index),
  projectCodes: async (count) => requireSession().projectCodes(count),
  exportModel: async () => {
    const bytes = requireSession().exportModel();
    return Comlink.transfer(bytes, [bytes.buffer]);
  },
  async loadModel(bytes, settings) {
    requireSession();
    const before = lastStatus;
    try {
      // Read fully first: a file that is not a face-swap model is refused before anything loads.
      const checkpoint = decodeFaceSwapCheckpoint(bytes);
      const chosen = settings ?? checkpoint.settings;
      const resources = await resourcesFor(chosen);
      return { ...requireSession().loadModel(checkpoint, chosen, resources), settings: chosen };
    } catch (error) {
      if (lastStatus.kind === 'loading') tellStatus(before);
      throw error;
    }
  },
};

Comlink.expose(api);
