/**
 * A trained digit diffusion model as a file (core/shared/weightsBundle.ts): the U-Net's weights,
 * its settings, the sampling defaults it was measured with, its training timeline (loss, and the
 * Inception Score and Fréchet distance of fresh samples along the way) and its final figures.
 * Loading checks the format, the settings, every weight's name and shape and the timeline,
 * refusing with the reason.
 */
import { decodeWeightsBundle, encodeWeightsBundle, matchWeights, WeightsBundleError, type WeightStorage } from '../shared/weightsBundle';
import { digitDiffusionSettingsProblems, digitUnetSpecs, type DigitDiffusionSettings } from './digitUnet';
import { DIGIT_SAMPLERS, type DigitSamplerKind } from './digitDiffusionSampler';
import type { DigitDiffusionWeights } from './digitDiffusionTrainer';

export const DIGIT_DIFFUSION_FORMAT = 'deepfake-lab/digit-diffusion@1';

export interface DigitDiffusionTimelinePoint {
  step: number;
  /** Mean training loss over the steps since the previous point (NaN at step 0). */
  loss: number;
  /** Scores of fresh samples at this step (null where not measured). */
  inceptionScore: number | null;
  frechetDistance: number | null;
}

export interface DigitDiffusionFigures {
  inceptionScore: number;
  frechetDistance: number;
  /** Share of samples the classifier reads as the class asked for. */
  classAgreement: number;
  samples: number;
  sampler: DigitSamplerKind;
  samplingSteps: number;
  guidance: number;
  realBaseline: { inceptionScore: number; frechetDistance: number };
}

export interface DigitDiffusionCheckpoint extends DigitDiffusionWeights {
  settings: DigitDiffusionSettings;
  trainedSeconds: number;
  /** The sampler settings the page opens with. */
  sampling: { sampler: DigitSamplerKind; steps: number; guidance: number };
  timeline: DigitDiffusionTimelinePoint[];
  figures: DigitDiffusionFigures | null;
  /** How the file was made (script, data, schedule), for the record. */
  training?: Record<string, unknown>;
}

const finiteOrNull = (v: unknown) => (typeof v === 'number' && Number.isFinite(v) ? v : null);

export function encodeDigitDiffusionCheckpoint(c: DigitDiffusionCheckpoint, storage: WeightStorage = 'float32'): Uint8Array {
  return encodeWeightsBundle({
    format: DIGIT_DIFFUSION_FORMAT,
    metadata: {
      settings: { ...c.settings, widths: [...c.settings.widths] },
      steps: c.steps,
      trainedSeconds: c.trainedSeconds,
      sampling: c.sampling,
      // JSON has no NaN: a missing loss is written as null.
      timeline: c.timeline.map((p) => ({ ...p, loss: finiteOrNull(p.loss) })),
      figures: c.figures,
      training: c.training ?? {},
    },
    weights: c.weights.map((w) => ({ ...w, storage })),
  });
}

export function decodeDigitDiffusionCheckpoint(bytes: Uint8Array): DigitDiffusionCheckpoint {
  const bundle = decodeWeightsBundle(bytes, DIGIT_DIFFUSION_FORMAT);
  const m = bundle.metadata as Partial<Record<'settings' | 'steps' | 'trainedSeconds' | 'sampling' | 'timeline' | 'figures' | 'training', unknown>>;
  const fail = (why: string): never => {
    throw new WeightsBundleError(`The digit diffusion model file is unusable: ${why}.`);
  };
  if (typeof m.settings !== 'object' || m.settings === null) fail('it holds no settings');
  const settings = m.settings as DigitDiffusionSettings;
  const problems = digitDiffusionSettingsProblems(settings);
  if (problems.length > 0) fail(`its settings are not valid (${problems.join('; ')})`);
  if (typeof m.steps !== 'number' || !Number.isInteger(m.steps) || m.steps < 0) fail('it does not say how many steps it trained');
  const sampling = m.sampling as DigitDiffusionCheckpoint['sampling'] | undefined;
  if (!sampling || !DIGIT_SAMPLERS.includes(sampling.sampler) || !Number.isInteger(sampling.steps) || sampling.steps < 1 || sampling.steps > settings.timesteps
    || !(typeof sampling.guidance === 'number' && sampling.guidance >= 0)) fail('its sampling settings are missing or out of range');
  if (!Array.isArray(m.timeline)) fail('it has no training timeline');
  const timeline = (m.timeline as Record<string, unknown>[]).map((p, i) => {
    if (typeof p !== 'object' || p === null || typeof p.step !== 'number' || !Number.isInteger(p.step) || p.step < 0) return fail(`timeline point ${i} has no step`);
    return { step: p.step, loss: finiteOrNull(p.loss) ?? NaN, inceptionScore: finiteOrNull(p.inceptionScore), frechetDistance: finiteOrNull(p.frechetDistance) };
  });
  const specs = digitUnetSpecs(settings);
  const data = matchWeights(bundle, specs);
  return {
    settings: { ...settings, widths: [...settings.widths] as [number, number, number] },
    steps: m.steps as number,
    trainedSeconds: typeof m.trainedSeconds === 'number' && m.trainedSeconds >= 0 ? m.trainedSeconds : 0,
    sampling: { sampler: sampling!.sampler, steps: sampling!.steps, guidance: sampling!.guidance },
    timeline,
    figures: (m.figures ?? null) as DigitDiffusionFigures | null,
    training: (m.training ?? {}) as Record<string, unknown>,
    weights: specs.map((spec, i) => ({ name: spec.name, shape: [...spec.shape], data: data[i] })),
  };
}
