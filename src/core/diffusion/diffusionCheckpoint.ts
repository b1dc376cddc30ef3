/**
 * A trained diffusion model as a file (core/shared/weightsBundle.ts): the denoiser's weights
 * (and their moving average, when the settings keep one), the settings it was trained with and its step count. Loading checks the file, the settings
 * and every weight's name and shape, refusing with the reason.
 */
import { decodeWeightsBundle, encodeWeightsBundle, matchWeights, WeightsBundleError } from '../shared/weightsBundle';
import { cloneDiffusionSettings, diffusionSettingsProblems, type DiffusionSettings } from './diffusionSettings';
import { denoiserSpecs } from './denoiser';
import type { DiffusionWeights } from './diffusionTrainer';

export const DIFFUSION_FORMAT = 'deepfake-lab/diffusion@1';
/** The weights' moving average, when the model keeps one, is stored beside them under these names. */
export const AVERAGE_PREFIX = 'average/';

export interface DiffusionCheckpoint extends DiffusionWeights {
  settings: DiffusionSettings;
  /** Seconds of training behind the weights. */
  trainedSeconds: number;
}

export function encodeDiffusionCheckpoint(c: DiffusionCheckpoint): Uint8Array {
  return encodeWeightsBundle({
    format: DIFFUSION_FORMAT,
    metadata: { settings: cloneDiffusionSettings(c.settings), steps: c.steps, trainedSeconds: c.trainedSeconds },
    weights: [...c.weights, ...(c.average ?? []).map((w) => ({ ...w, name: AVERAGE_PREFIX + w.name }))],
  });
}

export function decodeDiffusionCheckpoint(bytes: Uint8Array): DiffusionCheckpoint {
  const bundle = decodeWeightsBundle(bytes, DIFFUSION_FORMAT);
  const { settings, steps, trainedSeconds } = bundle.metadata as { settings?: DiffusionSettings; steps?: unknown; trainedSeconds?: unknown };
  if (typeof settings !== 'object' || settings === null) throw new WeightsBundleError('The diffusion model file holds no settings.');
  const problems = diffusionSettingsProblems(settings);
  if (problems.length > 0) throw new WeightsBundleError(`The diffusion model file's settings are not valid: ${problems.join('; ')}.`);
  if (typeof steps !== 'number' || !Number.isInteger(steps) || steps < 0) throw new WeightsBundleError('The diffusion model file does not say how many steps it trained.');
  const specs = denoiserSpecs(settings);
  const hasAverage = bundle.weights.some((w) => w.name.startsWith(AVERAGE_PREFIX));
  const averageSpecs = hasAverage ? specs.map((spec) => ({ ...spec, name: AVERAGE_PREFIX + spec.name })) : [];
  const data = matchWeights(bundle, [...specs, ...averageSpecs]);
  const checkpoint: DiffusionCheckpoint = {
    settings: cloneDiffusionSettings(settings),
    steps,
    trainedSeconds: typeof trainedSeconds === 'number' && trainedSeconds >= 0 ? trainedSeconds : 0,
    weights: specs.map((spec, i) => ({ name: spec.name, shape: [...spec.shape], data: data[i] })),
  };
  if (hasAverage) checkpoint.average = specs.map((spec, i) => ({ name: spec.name, shape: [...spec.shape], data: data[specs.length + i] }));
  return checkpoint;
}
