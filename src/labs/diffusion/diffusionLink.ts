/**
 * The diffusion lab's set-up as a shareable link, and back: every setting and the sampling
 * view (sampler, sampling steps, the field's step), on core/shared/settingsLink.ts. Only values
 * that differ from the defaults are written. Reading never fails: each refused or unknown
 * parameter becomes a notice naming it, and the rest of the link still applies.
 */
import {
  DEFAULT_DIFFUSION_SETTINGS, emaOn, DIFFUSION_DATASETS, DIFFUSION_LIMITS, DIFFUSION_OBJECTIVES, NOISE_SCHEDULES,
  cloneDiffusionSettings, diffusionSettingsProblems, type DiffusionSettings,
} from '../../core/diffusion/diffusionSettings';
import { SAMPLERS, samplersFor } from '../../core/diffusion/samplerKinds';
import { formatLinkQuery, parseLinkQuery, type LinkSchema, type LinkValues } from '../../core/shared/settingsLink';
import { DEFAULT_SAMPLING_VIEW, type SamplingView } from '../../protocol/diffusion/diffusionProtocol';
import { hashFor } from '../shared/hashRoute';

export const DIFFUSION_LAB_PATH = '/diffusion';

export interface DiffusionLinkState {
  settings: DiffusionSettings;
  view: SamplingView;
  /** Plain-English notices about parameters that were ignored or replaced, each naming its parameter. */
  notices: string[];
}

const L = DIFFUSION_LIMITS;

/** Every parameter of a diffusion lab link, in the order it is written. */
export const DIFFUSION_LINK_SCHEMA: LinkSchema = {
  data: { kind: 'enum', options: DIFFUSION_DATASETS },
  objective: { kind: 'enum', options: DIFFUSION_OBJECTIVES },
  schedule: { kind: 'enum', options: NOISE_SCHEDULES },
  T: { kind: 'number', ...L.timesteps, integer: true },
  hidden: { kind: 'numbers', ...L.width, integer: true, minLength: L.hiddenLayers.min, maxLength: L.hiddenLayers.max },
  emb: { kind: 'number', ...L.timeEmbedding, integer: true },
  batch: { kind: 'number', ...L.batchSize, integer: true },
  ema: { kind: 'boolean' },
  lr: { kind: 'number', ...L.learningRate },
  seed: { kind: 'number', ...L.seed, integer: true },
  sampler: { kind: 'enum', options: SAMPLERS },
  steps: { kind: 'number', min: 1, max: L.timesteps.max, integer: true },
  fieldT: { kind: 'number', min: 1, max: L.timesteps.max, integer: true },
};

function toValues(settings: DiffusionSettings, view: SamplingView): LinkValues {
  return {
    data: settings.dataset, objective: settings.objective, schedule: settings.schedule, T: settings.timesteps, hidden: [...settings.hidden],
    emb: settings.timeEmbedding, batch: settings.batchSize, ema: emaOn(settings), lr: settings.learningRate, seed: settings.seed,
    sampler: view.sampler, steps: view.steps, fieldT: view.fieldStep,
  };
}

const DEFAULTS = toValues(DEFAULT_DIFFUSION_SETTINGS, DEFAULT_SAMPLING_VIEW);

/** The query (without `?`) for this set-up: only what differs from the defaults. */
export function encodeDiffusionLink(settings: DiffusionSettings, view: SamplingView): string {
  return formatLinkQuery(DIFFUSION_LINK_SCHEMA, toValues(settings, view), DEFAULTS);
}

/** The hash (with `#`) that reproduces this set-up. */
export function diffusionLinkHash(settings: DiffusionSettings, view: SamplingView): string {
  return hashFor(DIFFUSION_LAB_PATH, encodeDiffusionLink(settings, view));
}

/** Reads a query; never fails (each refused or unknown parameter is a notice naming it). */
export function readDiffusionLink(query: string): DiffusionLinkState {
  const parsed = parseLinkQuery(DIFFUSION_LINK_SCHEMA, query, DEFAULTS);
  const v = parsed.values;
  const notices = parsed.problems.map((p) => p.message);
  let settings: DiffusionSettings = {
    dataset: v.data as DiffusionSettings['dataset'], objective: v.objective as DiffusionSettings['objective'],
    schedule: v.schedule as DiffusionSettings['schedule'], timesteps: v.T as number, hidden: [...(v.hidden as number[])],
    timeEmbedding: v.emb as number, batchSize: v.batch as number, learningRate: v.lr as number, seed: v.seed as number,
    ema: v.ema as boolean,
  };
  const problems = diffusionSettingsProblems(settings);
  if (problems.length > 0) {
    notices.push(`These settings do not fit together (${problems.join('; ')}); using the defaults instead.`);
    settings = cloneDiffusionSettings(DEFAULT_DIFFUSION_SETTINGS);
  }
  const view: SamplingView = { sampler: v.sampler as SamplingView['sampler'], steps: v.steps as number, fieldStep: v.fieldT as number };
  const samplers = samplersFor(settings.objective);
  if (!samplers.includes(view.sampler)) {
    if (parsed.given.has('sampler')) notices.push(`"sampler=${view.sampler}" does not fit the ${settings.objective} objective; using ${samplers[samplers.length - 1]}.`);
    view.sampler = samplers[samplers.length - 1];
  }
  for (const [name, key] of [['steps', 'steps'], ['fieldT', 'fieldStep']] as const) {
    if (view[key] > settings.timesteps) {
      if (parsed.given.has(name)) notices.push(`"${name}=${view[key]}" is more than T = ${settings.timesteps}; using ${settings.timesteps}.`);
      view[key] = settings.timesteps;
    }
  }
  return { settings, view, notices };
}
