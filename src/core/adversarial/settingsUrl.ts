/**
 * Every setting of the adversarial lab, plus which plot layers are visible,
 * as a URL query, so a lecturer can share a link to an exact experiment.
 * Decoding never fails: each bad parameter is named in a notice and replaced
 * by its default, and everything else still applies. Single values are read by
 * the shared link codec (core/shared/settingsLink.ts), as in the other labs.
 */
import {
  ACTIVATIONS, DATASET_KINDS, DEFAULT_SETTINGS, GRID_MODE_COUNTS, LIMITS, LOSS_KINDS, NOISE_KINDS, OPTIMIZER_KINDS,
  cloneSettings, settingsProblems, type DatasetKind, type GanSettings, type NetworkSettings,
} from '../pointGan/ganSettings';
import { findPreset } from './ganPresets';
import { readLinkValue, type LinkField } from '../shared/settingsLink';

export interface LayerVisibility {
  real: boolean;
  fake: boolean;
  heatmap: boolean;
  arrows: boolean;
  manifold: boolean;
  /** The averaged generator's points (drawn only while its weights are averaged). */
  averaged: boolean;
}

export const LAYER_NAMES = ['real', 'fake', 'heatmap', 'arrows', 'manifold', 'averaged'] as const satisfies readonly (keyof LayerVisibility)[];

export const DEFAULT_LAYERS: LayerVisibility = { real: true, fake: true, heatmap: true, arrows: true, manifold: true, averaged: true };

/** Whether the settings average the generator's weights (the `averaged` layer has something to show). */
export function averagesGenerator(s: GanSettings): boolean {
  return (s.generatorAverage ?? 0) > 0;
}

/**
 * The layers a link lists: `averaged` only while the average is on, so links without it
 * read as before; when the link leaves it out and the average is off, it keeps its default.
 */
function layersInLink(settings: GanSettings): readonly (keyof LayerVisibility)[] {
  return averagesGenerator(settings) ? LAYER_NAMES : LAYER_NAMES.filter((l) => l !== 'averaged');
}

/**
 * The cluster count and spread σ each dataset starts with, whether chosen in
 * the lab or named in a link without them: the ones that show it at its best.
 * (Datasets without clusters ignore `modes`; blobs always have two.)
 */
export const DATASET_DEFAULTS: Readonly<Record<DatasetKind, { readonly modes: number; readonly sigma: number }>> = {
  ring: { modes: DEFAULT_SETTINGS.modes, sigma: DEFAULT_SETTINGS.sigma },
  // The benchmark grid of the GAN literature: 25 modes at {−4, −2, 0, 2, 4}², σ 0.05.
  grid: { modes: 25, sigma: 0.05 },
  // Centres 2.2 apart: σ 0.2 makes round blobs that still stay separate.
  blobs: { modes: 2, sigma: 0.2 },
  moons: { modes: DEFAULT_SETTINGS.modes, sigma: 0.05 },
  spiral: { modes: DEFAULT_SETTINGS.modes, sigma: 0.03 },
  line: { modes: DEFAULT_SETTINGS.modes, sigma: 0.03 },
  custom: { modes: DEFAULT_SETTINGS.modes, sigma: DEFAULT_SETTINGS.sigma },
};

/** When a shared link asks for a grid with an unusable mode count: the benchmark 5×5 grid. */
export const GRID_FALLBACK_MODES = DATASET_DEFAULTS.grid.modes;

/** The default settings with the cluster count and σ of this dataset. */
export function defaultsForDataset(dataset: DatasetKind): GanSettings {
  return { ...cloneSettings(DEFAULT_SETTINGS), dataset, ...DATASET_DEFAULTS[dataset] };
}

/** The largest multiple of `packing` not above `batchSize`, kept within the batch limits. */
export function batchForPacking(batchSize: number, packing: number): number {
  const rounded = Math.floor(batchSize / packing) * packing;
  if (rounded >= LIMITS.batchSize.min) return rounded;
  return Math.ceil(LIMITS.batchSize.min / packing) * packing;
}

type Limit = { readonly min: number; readonly max: number };

/** One query parameter: how to read it from and write it into a settings object. */
interface Field {
  read(s: GanSettings): string;
  /** Applies the raw value, or returns why it cannot (the default stays). */
  apply(s: GanSettings, raw: string): string | null;
  /** Written only when this holds (settings added later, left out while off so older links stay the same). */
  writtenWhen?(s: GanSettings): boolean;
}

function numberField(get: (s: GanSettings) => number, set: (s: GanSettings, v: number) => void, limit: Limit, integer: boolean): Field {
  return {
    read: (s) => String(get(s)),
    apply(s, raw) {
      const read = readLinkValue({ kind: 'number', min: limit.min, max: limit.max, integer }, raw);
      if ('why' in read) return read.why;
      set(s, read.value as number);
      return null;
    },
  };
}

/** A setting that is off at 0 or absent: 0 removes it, and it is written only when on. */
function optionalField(key: 'generatorAverage' | 'learningRateDecay', limit: Limit, integer: boolean): Field {
  return {
    ...numberField((s) => s[key] ?? 0, (s, v) => {
      if (v > 0) s[key] = v;
      else delete s[key];
    }, limit, integer),
    writtenWhen: (s) => (s[key] ?? 0) > 0,
  };
}

function choiceField<T extends string>(get: (s: GanSettings) => T, set: (s: GanSettings, v: T) => void, options: readonly T[]): Field {
  return {
    read: (s) => get(s),
    apply(s, raw) {
      const field: LinkField = { kind: 'enum', options };
      const read = readLinkValue(field, raw);
      if ('why' in read) return read.why;
      set(s, read.value as T);
      return null;
    },
  };
}

function hiddenField(net: (s: GanSettings) => NetworkSettings): Field {
  return {
    read: (s) => net(s).hidden.join(','),
    apply(s, raw) {
      // An empty value means no hidden layer at all.
      const parts = raw === '' ? [] : raw.split(',').map((p) => p.trim());
      if (parts.length > LIMITS.hiddenLayers.max) return `has more than ${LIMITS.hiddenLayers.max} hidden layers`;
      const units = parts.map((p) => (p === '' ? NaN : Number(p)));
      if (units.some((u) => !Number.isInteger(u) || u < LIMITS.units.min || u > LIMITS.units.max)) {
        return `is not a list of layer sizes (whole numbers from ${LIMITS.units.min} to ${LIMITS.units.max}, separated by commas)`;
      }
      net(s).hidden = units;
      return null;
    },
  };
}

function networkFields(prefix: 'g' | 'd', net: (s: GanSettings) => NetworkSettings): Record<string, Field> {
  return {
    [`${prefix}Hidden`]: hiddenField(net),
    [`${prefix}Act`]: choiceField((s) => net(s).activation, (s, v) => { net(s).activation = v; }, ACTIVATIONS),
    [`${prefix}Opt`]: choiceField((s) => net(s).optimizer, (s, v) => { net(s).optimizer = v; }, OPTIMIZER_KINDS),
    [`${prefix}Lr`]: numberField((s) => net(s).learningRate, (s, v) => { net(s).learningRate = v; }, LIMITS.learningRate, false),
    [`${prefix}Mom`]: numberField((s) => net(s).momentum, (s, v) => { net(s).momentum = v; }, LIMITS.momentum, false),
    [`${prefix}B1`]: numberField((s) => net(s).beta1, (s, v) => { net(s).beta1 = v; }, LIMITS.beta, false),
    [`${prefix}B2`]: numberField((s) => net(s).beta2, (s, v) => { net(s).beta2 = v; }, LIMITS.beta, false),
  };
}

/** Parameter name → field, in the order they are written. */
const FIELDS: Record<string, Field> = {
  dataset: choiceField((s) => s.dataset, (s, v) => { s.dataset = v; }, DATASET_KINDS),
  modes: numberField((s) => s.modes, (s, v) => { s.modes = v; }, LIMITS.modes, true),
  sigma: numberField((s) => s.sigma, (s, v) => { s.sigma = v; }, LIMITS.sigma, false),
  seed: numberField((s) => s.seed, (s, v) => { s.seed = v; }, LIMITS.seed, true),
  noiseDim: numberField((s) => s.noiseDim, (s, v) => { s.noiseDim = v; }, LIMITS.noiseDim, true),
  noise: choiceField((s) => s.noiseKind, (s, v) => { s.noiseKind = v; }, NOISE_KINDS),
  loss: choiceField((s) => s.loss, (s, v) => { s.loss = v; }, LOSS_KINDS),
  gp: numberField((s) => s.gpWeight, (s, v) => { s.gpWeight = v; }, LIMITS.gpWeight, false),
  realLabel: numberField((s) => s.realLabel, (s, v) => { s.realLabel = v; }, LIMITS.realLabel, false),
  pack: numberField((s) => s.packing, (s, v) => { s.packing = v; }, LIMITS.packing, true),
  dSteps: numberField((s) => s.dSteps, (s, v) => { s.dSteps = v; }, LIMITS.dSteps, true),
  batch: numberField((s) => s.batchSize, (s, v) => { s.batchSize = v; }, LIMITS.batchSize, true),
  gAvg: optionalField('generatorAverage', LIMITS.generatorAverage, false),
  lrDecay: optionalField('learningRateDecay', LIMITS.learningRateDecay, true),
  ...networkFields('g', (s) => s.generator),
  ...networkFields('d', (s) => s.discriminator),
};

const LAYERS_PARAM = 'layers';
const PRESET_PARAM = 'preset';

// Commas and colons are legal in a query; leaving them unescaped keeps `gHidden=64,64` readable.
const encodeValue = (v: string) => encodeURIComponent(v).replace(/%2C/gi, ',');

/** The query string (without a leading `?`) holding every setting, the visible layers and the preset. */
export function encodeSettingsQuery(settings: GanSettings, layers: LayerVisibility, presetId: string | null = null): string {
  // Off, the generator's average and the learning-rate decay are left out, so links made before they existed stay the same.
  const fields = Object.entries(FIELDS).filter(([, field]) => field.writtenWhen?.(settings) ?? true);
  const pairs = fields.map(([name, field]) => `${name}=${encodeValue(field.read(settings))}`);
  pairs.push(`${LAYERS_PARAM}=${layersInLink(settings).filter((l) => layers[l]).join(',')}`);
  if (presetId) pairs.push(`${PRESET_PARAM}=${encodeValue(presetId)}`);
  return pairs.join('&');
}

export interface DecodedSettings {
  settings: GanSettings;
  layers: LayerVisibility;
  presetId: string | null;
  /** One plain-English line per parameter that was ignored or replaced. */
  notices: string[];
}

function readLayers(raw: string, notices: Notice[]): LayerVisibility {
  const layers: LayerVisibility = { real: false, fake: false, heatmap: false, arrows: false, manifold: false, averaged: false };
  for (const name of raw.split(',').map((n) => n.trim()).filter((n) => n !== '')) {
    if ((LAYER_NAMES as readonly string[]).includes(name)) layers[name as keyof LayerVisibility] = true;
    else notices.push(`"${LAYERS_PARAM}" names an unknown layer "${name}"; the layers are ${LAYER_NAMES.join(', ')}. It was ignored.`);
  }
  return layers;
}

/** A parameter whose value was refused; worded at the end, once the value used instead is final. */
interface Refused {
  name: string;
  raw: string;
  why: string;
}
type Notice = string | Refused;

/**
 * Reads a query (with or without `?`). Missing parameters take their defaults,
 * and never cause a notice: `modes` and `sigma` default to the named dataset's own.
 */
export function decodeSettingsQuery(query: string): DecodedSettings {
  const params = new URLSearchParams(query);
  // The dataset decides the defaults of the others, wherever it stands in the link.
  const datasetRaw = params.get('dataset')?.trim() ?? '';
  const dataset = (DATASET_KINDS as readonly string[]).includes(datasetRaw) ? (datasetRaw as DatasetKind) : DEFAULT_SETTINGS.dataset;
  const defaults = defaultsForDataset(dataset);
  const settings = cloneSettings(defaults);
  let layers: LayerVisibility = { ...DEFAULT_LAYERS };
  let presetId: string | null = null;
  const notices: Notice[] = [];
  const given = new Set<string>();
  const seen = new Set<string>();
  for (const [name, rawValue] of params) {
    const raw = rawValue.trim();
    if (seen.has(name)) {
      notices.push(`"${name}" appears more than once in the link; only its first value is used.`);
      continue;
    }
    seen.add(name);
    if (name === LAYERS_PARAM) {
      layers = readLayers(raw, notices);
    } else if (name === PRESET_PARAM) {
      if (raw === '') continue;
      if (findPreset(raw)) presetId = raw;
      else notices.push(`"${PRESET_PARAM}=${raw}" is not a preset this lab knows; it was ignored.`);
    } else if (Object.hasOwn(FIELDS, name)) {
      const why = FIELDS[name].apply(settings, raw);
      if (why) notices.push({ name, raw, why });
      else given.add(name);
    } else {
      notices.push(`"${name}" is not a setting this lab knows; it was ignored.`);
    }
  }
  fixCombinations(settings, defaults, params, given, notices);
  // A link that lists no `averaged` layer while the average is off says nothing about it.
  if (!averagesGenerator(settings)) layers.averaged = DEFAULT_LAYERS.averaged;
  const text = notices.map((n) => (typeof n === 'string' ? n : refusedText(n, settings, defaults)));
  // A safety net should the settings table gain a rule this codec does not know yet.
  const remaining = settingsProblems(settings);
  if (remaining.length > 0) {
    text.push(`These settings do not fit together (${remaining.join('; ')}); using all the defaults instead.`);
    return { settings: cloneSettings(DEFAULT_SETTINGS), layers, presetId, notices: text };
  }
  return { settings, layers, presetId, notices: text };
}

function refusedText(n: Refused, settings: GanSettings, defaults: GanSettings): string {
  const field = FIELDS[n.name];
  const used = field.read(settings);
  const shown = used || '(no hidden layer)';
  return `"${n.name}=${n.raw}" ${n.why}; using ${used === field.read(defaults) ? 'the default ' : ''}${shown}.`;
}

/**
 * Each value is valid alone but some combinations are not. A value the link
 * wrote is refused (with the others still applied); one it left out is fitted
 * to the rest without a word.
 */
function fixCombinations(settings: GanSettings, defaults: GanSettings, params: URLSearchParams, given: Set<string>, notices: Notice[]): void {
  if (settings.dataset === 'grid' && !(GRID_MODE_COUNTS as readonly number[]).includes(settings.modes)) {
    // Only a written value can get here: the grid's own default is square.
    notices.push({ name: 'modes', raw: params.get('modes')?.trim() ?? '', why: `does not suit the grid, which needs a square number of clusters (${GRID_MODE_COUNTS.join(', ')})` });
    settings.modes = defaults.modes;
  }
  if (settings.batchSize % settings.packing !== 0) {
    if (given.has('batch') && given.has('pack')) {
      notices.push({ name: 'pack', raw: params.get('pack')?.trim() ?? '', why: `does not fit "batch=${settings.batchSize}", which must be a multiple of the packing` });
      settings.packing = defaults.packing;
    } else {
      settings.batchSize = batchForPacking(settings.batchSize, settings.packing);
    }
  }
}
