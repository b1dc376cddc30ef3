/// <reference lib="webworker" />
/**
 * The detection lab's module worker: loads the app's own MNIST asset and the shipped digit
 * GANs (fetched on first use), reads the learner's own forger from a file the page passes, owns TF.js and the training loop, and exposes the generic
 * session's calls and the lab's own through comlink. Nothing is fetched from anywhere but
 * the app.
 */
import * as Comlink from 'comlink';
import { PRETRAINED_DIGIT_GAN_URLS } from '../shared/pretrainedDigitGanUrls';
import digitsUrl from 'virtual:mnist-digits';
import classifierUrl from '../../../models/digitClassifier.weights?url';
import diffusionUrl from '../../../models/digitDiffusion.weights?url';
import faceSwapUrl from '../../../models/faceSwap-toy-faces.weights?url';
import { readSwapNetFile, swapNetsOf, type SwapNetFile } from '../../core/autoencoder/swapNetFile';
import { decodeDigitDiffusionCheckpoint, type DigitDiffusionCheckpoint } from '../../core/denoising/digitDiffusionCheckpoint';
import { CLASSIFIER_FORMAT, DigitClassifier } from '../../core/mnist/digitClassifier';
import { decodeWeightsBundle } from '../../core/shared/weightsBundle';
import * as tf from '../../core/shared/tf';
import { fetchDigitAsset } from '../../core/mnist/digitAsset';
import { splitDigits } from '../../core/mnist/digitDataset';
import { registerWasmFastKernels } from '../../core/shared/wasmFastKernels';
import type { DetectionWorkerApi, PretrainedId } from '../../protocol/detection/detectionProtocol';
import { networkSwapper, toyVideoDemo, type ToyVideoDemo } from '../../core/detection/toyVideo';
import { disposeSwapNets } from '../../core/autoencoder/sharedEncoderAutoencoder';
import { createDetectionSession, type DetectionData } from './detectionAdapter';
import { fetchAppFile } from '../shared/fetchBytes';
import { PretrainedCheckpoints } from '../shared/pretrainedCheckpoints';
import { loadOnce } from '../shared/loadOnce';
import { sessionCalls } from '../shared/sessionCalls';
import { initBackend } from '../shared/tfBackend';

const pretrained = new PretrainedCheckpoints(PRETRAINED_DIGIT_GAN_URLS, fetchAppFile);
const checkpoint = (id: PretrainedId) => pretrained.get(id);

const classifiers = new Map<string, Promise<DigitClassifier>>();
/** The digit classifier (the arms race's Inception Score), fetched on first use. */
const classifier = () => loadOnce(classifiers, classifierUrl, async () =>
  DigitClassifier.fromBundle(decodeWeightsBundle(await fetchAppFile(classifierUrl, 'the digit classifier'), CLASSIFIER_FORMAT)));
const diffusionModels = new Map<string, Promise<DigitDiffusionCheckpoint>>();
/** The diffusion lab's digit model, a forger here, fetched on first use. */
const diffusionModel = () => loadOnce(diffusionModels, diffusionUrl, async () =>
  decodeDigitDiffusionCheckpoint(await fetchAppFile(diffusionUrl, 'the diffusion lab\'s digit model')));
const faceSwapModels = new Map<string, Promise<SwapNetFile>>();
/** The face-swap lab's toy-face model, a forger here, fetched on first use. */
const faceSwapModel = () => loadOnce(faceSwapModels, faceSwapUrl, async () =>
  readSwapNetFile(await fetchAppFile(faceSwapUrl, 'the face-swap lab\'s toy-face model')));

const { session, adapter } = createDetectionSession();
let loaded: DetectionData | null = null;

const api: DetectionWorkerApi = {
  ...sessionCalls(session),
  async init(backend) {
    const info = await initBackend(backend);
    if (tf.getBackend() === 'wasm') registerWasmFastKernels();
    if (!loaded) {
      const digits = await fetchDigitAsset(digitsUrl);
      loaded = { heldOutDigits: splitDigits(digits).heldOut, checkpoint, classifier, diffusionModel, faceSwapModel };
      adapter.provide(loaded);
    }
    await session.rebuildOnCurrentBackend();
    return { ...info, realAvailable: loaded.heldOutDigits.count };
  },
  spectra: async () => session.requireModel().spectra,
  loadOwnForger: async (name, bytes) => adapter.loadOwnForger(name, bytes),
  ownForger: async () => adapter.ownForger(),
  judgeGenerator: (generator) => adapter.judgeGenerator(() => session.requireModel(), generator),
  generalisationRow: (trainedOn) => adapter.generalisationRow(() => session.requireModel(), trainedOn),
  quizItems: (generator, seed) => adapter.quizItems(() => session.requireModel(), generator, seed),
  heldOutPictures: async (count) => adapter.heldOutPictures(session.requireModel(), count),
  scorePictures: async (images) => adapter.scorePictures(session.requireModel(), images),
  saliency: async (label, position) => adapter.saliencyOf(session.requireModel(), label, position),
  armsRaceStart: (settings) => adapter.armsRaceStart(settings),
  armsRaceNext: () => adapter.armsRaceNext(),
  toyVideo: async (seed) => {
    // The face-swap lab's model makes the swapped clip, frame by frame.
    const model = await faceSwapModel();
    const nets = swapNetsOf(model);
    let demo: ToyVideoDemo;
    try {
      demo = toyVideoDemo(seed, networkSwapper(nets, model.settings));
    } finally {
      disposeSwapNets(nets);
    }
    return Comlink.transfer(demo, [demo.real.pixels.buffer, demo.swapped.pixels.buffer]);
  },
};

Comlink.expose(api);
