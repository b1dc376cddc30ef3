/**
 * The networks inside a face-swap model file (faceSwapCheckpoint.ts writes the whole file):
 * the settings they were trained with and each network's weights, checked against the
 * shapes those settings give. The face-swap lab reads the rest of the file (timeline,
 * scores); the detection lab needs only this part, to make swaps as fakes.
 */
import * as tf from '../shared/tf';
import { SeededRandom } from '../shared/seededRandom';
import { decodeWeightsBundle, type NamedWeight } from '../shared/weightsBundle';
import { swapSettingsProblems, type FaceSwapSettings } from './faceSwapSettings';
import { createSwapNets, disposeSwapNets, loadSwapWeights, shapeOf, swapParamSpecs, type SwapNetRole, type SwapNets } from './sharedEncoderAutoencoder';

export const FACE_SWAP_CHECKPOINT_FORMAT = 'deepfake-lab/face-swap@1';

export class FaceSwapCheckpointError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'FaceSwapCheckpointError';
  }
}

/** Refuses a model file with the reason. */
export const refuseSwapFile = (why: string): never => {
  throw new FaceSwapCheckpointError(`This face-swap model cannot be loaded: ${why}.`);
};

/** The networks a settings object builds, in order (a shared encoder once). */
function roles(s: FaceSwapSettings): SwapNetRole[] {
  return s.encoder === 'shared' ? ['encoder', 'decoderA', 'decoderB'] : ['encoderA', 'encoderB', 'decoderA', 'decoderB'];
}

export function swapWeightSpecs(s: FaceSwapSettings): { name: string; shape: number[] }[] {
  const shape = shapeOf(s);
  return roles(s).flatMap((r) => swapParamSpecs(r, shape).map((p) => ({ name: p.name, shape: [...p.shape] })));
}

const shapeText = (shape: readonly number[]) => `[${shape.join(', ')}]`;

/** What is wrong with a model's weights for its settings (a missing, misshapen or extra weight), or null. */
export function swapWeightsProblem(settings: FaceSwapSettings, weights: readonly NamedWeight[]): string | null {
  const byName = new Map(weights.map((w) => [w.name, w]));
  const specs = swapWeightSpecs(settings);
  for (const spec of specs) {
    const w = byName.get(spec.name);
    if (!w) return `its weights lack "${spec.name}"`;
    if (shapeText(w.shape) !== shapeText(spec.shape) || w.data.length !== spec.shape.reduce((a, b) => a * b, 1)) return `its weight "${spec.name}" has shape ${shapeText(w.shape)}, but the settings need ${shapeText(spec.shape)}`;
  }
  if (weights.length !== specs.length) return `it has ${weights.length - specs.length} weights that are not part of this model`;
  return null;
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Reads settings from a file's JSON, keeping only the known fields; refuses invalid ones. */
export function swapSettingsFromJson(raw: unknown): FaceSwapSettings {
  if (!isRecord(raw)) return refuseSwapFile('it does not say which settings it was trained with');
  const s = {
    dataset: raw.dataset, identityA: raw.identityA, identityB: raw.identityB, colour: raw.colour, imageSize: raw.imageSize,
    encoder: raw.encoder, latentSize: raw.latentSize, width: raw.width, batchSize: raw.batchSize, schedule: raw.schedule,
    learningRate: raw.learningRate, beta1: raw.beta1, beta2: raw.beta2, ssimWeight: raw.ssimWeight, featurePriority: raw.featurePriority,
    warp: raw.warp, warpStrength: raw.warpStrength, warpGrid: raw.warpGrid, seed: raw.seed,
  } as unknown as FaceSwapSettings;
  const problems = swapSettingsProblems(s);
  if (problems.length > 0) refuseSwapFile(`its settings are invalid: ${problems.join('; ')}`);
  return s;
}

/** A model file's settings and network weights (its timeline and scores are skipped). */
export interface SwapNetFile {
  settings: FaceSwapSettings;
  weights: NamedWeight[];
}

/** Reads and checks the networks of a face-swap model file; throws a WeightsBundleError or FaceSwapCheckpointError giving the reason. */
export function readSwapNetFile(bytes: Uint8Array): SwapNetFile {
  const bundle = decodeWeightsBundle(bytes, FACE_SWAP_CHECKPOINT_FORMAT);
  const settings = swapSettingsFromJson(bundle.metadata.settings);
  const names = new Set(swapWeightSpecs(settings).map((s) => s.name));
  const weights = bundle.weights.filter((w) => names.has(w.name));
  const problem = swapWeightsProblem(settings, weights);
  if (problem) refuseSwapFile(problem);
  return { settings, weights };
}

/** The file's networks as live tensors, ready to encode and decode; the caller disposes them (disposeSwapNets). */
export function swapNetsOf(file: SwapNetFile): SwapNets {
  const nets = createSwapNets(file.settings.encoder, shapeOf(file.settings), new SeededRandom(file.settings.seed));
  const weights = new Map(file.weights.map((w) => [w.name, tf.tensor(w.data, w.shape)]));
  try {
    loadSwapWeights(nets, weights);
    return nets;
  } catch (e) {
    disposeSwapNets(nets);
    throw e;
  } finally {
    for (const t of weights.values()) t.dispose();
  }
}
