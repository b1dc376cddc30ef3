/**
 * Every setting of the adversarial lab, plus which plot layers are visible,
 * as a URL query, so a lecturer can share a link to an exact experiment.
 * Decoding never fails: each bad parameter is named in a notice and replaced
 * by its default, and everything else still applies.
 */
import {
  ACTIVATIONS, DATASET_KINDS, DEFAULT_SETTINGS, GRID_MODE_COUNTS, LIMITS, LOSS_KINDS, NOISE_KINDS, OPTIMIZER_KINDS,
  cloneSettings, settingsProblems, type GanSettings, type NetworkSettings,
} from './ganSettings';
import { findPreset } from './ganPresets';

export interface LayerVisibility {
  real: boolean;
  fake: boolean;
  heatmap: boolean;
  arrows: boolean;
  manifold: boolean;
}

export const LAYER_NAMES = ['real', 'fake', 'heatmap', 'arrows', 'manifold'] as const satisfies readonly (keyof LayerVisibility)[];

export const DEFAULT_LAYERS: LayerVisibility = { real: true, fake: true, heatmap: true, arrows: true, manifold: true };

/** When a shared link asks for a grid with a non-square mode count: the benchmark 5×5 grid. */
export const GRID_FALLBACK_MODES = 25;

type Limit = { readonly min: number; readonly max: number };

/** One query parameter: how to read it from and write it into a settings object. */
interface Field {
  read(s: GanSettings): string;
  /** Applies the raw value, or returns why it cannot (the default stays). */
  apply(s: GanSettings, raw: string): string | null;
}

function numberField(get: (s: GanSettings) => number, set: (s: GanSettings, v: number) => void, limit: Limit, integer: boolean): Field {
  return {
    read: (s) => String(get(s)),
    apply(s, raw) {
      const v = raw === '' ? NaN : Number(raw);
      if (!Number.isFinite(v)) return 'is not a number';
      if (integer && !Number.isInteger(v)) return 'is not a whole number';
      if (v < limit.min || v > limit.max) return `is outside the allowed range ${limit.min} to ${limit.max}`;
      set(s, v);
      return null;
    },
  };
}

function choiceField<T extends string>(get: (s: GanSettings) => T, set: (s: GanSettings, v: T) => void, options: readonly T[]): Field {
  return {
    read: (s) => get(s),
    apply(s, raw) {
      if (!(options as readonly string[]).includes(raw)) return `is not one of ${options.join(', ')}`;
      set(s, raw as T);
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
  ...networkFields('g', (s) => s.generator),
  ...networkFields('d', (s) => s.discriminator),
};

const LAYERS_PARAM = 'layers';
const PRESET_PARAM = 'preset';

// Commas and colons are legal in a query; leaving them unescaped keeps `gHidden=64,64` readable.
const encodeValue = (v: string) => encodeURIComponent(v).replace(/%2C/gi, ',');

/** The query string (without a leading `?`) holding every setting, the visible layers and the preset. */
export function encodeSettingsQuery(settings: GanSettings, layers: LayerVisibility, presetId: string | null = null): string {
  const pairs = Object.entries(FIELDS).map(([name, field]) => `${name}=${encodeValue(field.read(settings))}`);
  pairs.push(`${LAYERS_PARAM}=${LAYER_NAMES.filter((l) => layers[l]).join(',')}`);
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

function readLayers(raw: string, notices: string[]): LayerVisibility {
  const layers: LayerVisibility = { real: false, fake: false, heatmap: false, arrows: false, manifold: false };
  for (const name of raw.split(',').map((n) => n.trim()).filter((n) => n !== '')) {
    if ((LAYER_NAMES as readonly string[]).includes(name)) layers[name as keyof LayerVisibility] = true;
    else notices.push(`"${LAYERS_PARAM}" names an unknown layer "${name}"; the layers are ${LAYER_NAMES.join(', ')}. It was ignored.`);
  }
  return layers;
}

/** Reads a query (with or without `?`); missing parameters keep their defaults. */
export function decodeSettingsQuery(query: string): DecodedSettings {
  const settings = cloneSettings(DEFAULT_SETTINGS);
  const defaults = cloneSettings(DEFAULT_SETTINGS);
  let layers: LayerVisibility = { ...DEFAULT_LAYERS };
  let presetId: string | null = null;
  const notices: string[] = [];
  const seen = new Set<string>();
  for (const [name, rawValue] of new URLSearchParams(query)) {
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
      const field = FIELDS[name];
      const why = field.apply(settings, raw);
      if (why) notices.push(`"${name}=${raw}" ${why}; using the default ${field.read(defaults) || '(no hidden layer)'}.`);
    } else {
      notices.push(`"${name}" is not a setting this lab knows; it was ignored.`);
    }
  }
  fixCrossFieldProblems(settings, notices);
  return { settings, layers, presetId, notices };
}

/** Each value is valid alone but some combinations are not; fall back so the rest still applies. */
function fixCrossFieldProblems(settings: GanSettings, notices: string[]): void {
  if (settings.dataset === 'grid' && !(GRID_MODE_COUNTS as readonly number[]).includes(settings.modes)) {
    notices.push(`The grid needs a square number of modes (${GRID_MODE_COUNTS.join(', ')}), not ${settings.modes}; using ${GRID_FALLBACK_MODES}.`);
    settings.modes = GRID_FALLBACK_MODES;
  }
  if (settings.batchSize % settings.packing !== 0) {
    notices.push(`The batch size (${settings.batchSize}) must be a multiple of the packing (${settings.packing}); using the default packing ${DEFAULT_SETTINGS.packing}.`);
    settings.packing = DEFAULT_SETTINGS.packing;
  }
  // A safety net should the settings table gain a rule this codec does not know yet.
  const remaining = settingsProblems(settings);
  if (remaining.length > 0) {
    notices.push(`These settings do not fit together (${remaining.join('; ')}); using all the defaults instead.`);
    Object.assign(settings, cloneSettings(DEFAULT_SETTINGS));
  }
}
