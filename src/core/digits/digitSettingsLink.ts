/**
 * The digit forger's whole set-up as a link query, and back: every setting,
 * where training starts (from scratch or a pretrained model by id) and whether
 * the grid shows the discriminator's scores. Built on core/shared/settingsLink.ts;
 * only values that differ from the start's own settings are written.
 */
import {
  formatLinkQuery, keepStartShape, parseLinkQuery, rawLinkParam, readLinkValue, refusedProblem,
  type LinkProblem, type LinkSchema, type LinkValues,
} from '../shared/settingsLink';
import { LOSS_KINDS, OPTIMIZER_KINDS } from '../shared/ganOptions';
import {
  CLASS_COUNT, DEFAULT_DIGIT_SETTINGS, DEFAULT_WIDTH, DIGIT_ARCHITECTURES, DIGIT_LIMITS, UPSAMPLINGS, cloneDigitSettings,
  digitSettingsProblems, type DigitArchitecture, type DigitGanSettings, type DigitNetworkSettings,
} from '../mnist/digitGanSettings';
import { PRETRAINED_DIGIT_GANS, findPretrainedDigitGan } from '../mnist/pretrainedDigitGans';
import type { LossKind, OptimizerKind } from '../shared/ganOptions';

export const DIGIT_SCRATCH_START = 'scratch';

export interface DigitLinkSetup {
  settings: DigitGanSettings;
  /** 'scratch' or a pretrained model's id. */
  start: string;
  /** The grid's captions show the discriminator's score of each cell. */
  showScores: boolean;
}

export interface DecodedDigitLink extends DigitLinkSetup {
  problems: LinkProblem[];
}

const WIDTH_UNION = { min: DIGIT_LIMITS.width.mlp.min, max: Math.max(DIGIT_LIMITS.width.mlp.max, DIGIT_LIMITS.width.dcgan.max) };

function networkSchema(prefix: 'g' | 'd'): LinkSchema {
  return {
    [`${prefix}Width`]: { kind: 'number', ...WIDTH_UNION, integer: true },
    [`${prefix}Opt`]: { kind: 'enum', options: OPTIMIZER_KINDS },
    [`${prefix}Lr`]: { kind: 'number', ...DIGIT_LIMITS.learningRate },
    [`${prefix}Mom`]: { kind: 'number', ...DIGIT_LIMITS.momentum },
    [`${prefix}B1`]: { kind: 'number', ...DIGIT_LIMITS.beta },
    [`${prefix}B2`]: { kind: 'number', ...DIGIT_LIMITS.beta },
  };
}

/** Every parameter of a digit forger link, in the order it is written. */
export const DIGIT_LINK_SCHEMA: LinkSchema = {
  start: { kind: 'enum', options: [DIGIT_SCRATCH_START, ...PRETRAINED_DIGIT_GANS.map((m) => m.id)] },
  arch: { kind: 'enum', options: DIGIT_ARCHITECTURES },
  upsampling: { kind: 'enum', options: UPSAMPLINGS },
  conditional: { kind: 'boolean' },
  classes: { kind: 'numbers', min: 0, max: CLASS_COUNT - 1, integer: true, minLength: 1, maxLength: CLASS_COUNT, unique: true },
  latent: { kind: 'number', ...DIGIT_LIMITS.latentSize, integer: true },
  ...networkSchema('g'),
  ...networkSchema('d'),
  loss: { kind: 'enum', options: LOSS_KINDS },
  gp: { kind: 'number', ...DIGIT_LIMITS.gpWeight },
  realLabel: { kind: 'number', ...DIGIT_LIMITS.realLabel },
  dSteps: { kind: 'number', ...DIGIT_LIMITS.dSteps, integer: true },
  batch: { kind: 'number', ...DIGIT_LIMITS.batchSize, integer: true },
  seed: { kind: 'number', ...DIGIT_LIMITS.seed, integer: true },
  scores: { kind: 'boolean' },
};

/** The parameters a pretrained model's weights fix: its network shape. */
const SHAPE_PARAMS = ['arch', 'upsampling', 'conditional', 'latent', 'gWidth', 'dWidth'] as const;

function networkValues(prefix: 'g' | 'd', n: DigitNetworkSettings): LinkValues {
  return {
    [`${prefix}Width`]: n.width, [`${prefix}Opt`]: n.optimizer, [`${prefix}Lr`]: n.learningRate,
    [`${prefix}Mom`]: n.momentum, [`${prefix}B1`]: n.beta1, [`${prefix}B2`]: n.beta2,
  };
}

function toValues(setup: DigitLinkSetup): LinkValues {
  const s = setup.settings;
  return {
    start: setup.start, arch: s.architecture, upsampling: s.upsampling, conditional: s.conditional, classes: [...s.classes], latent: s.latentSize,
    ...networkValues('g', s.generator), ...networkValues('d', s.discriminator),
    loss: s.loss, gp: s.gpWeight, realLabel: s.realLabel, dSteps: s.dSteps, batch: s.batchSize, seed: s.seed, scores: setup.showScores,
  };
}

function networkFrom(prefix: 'g' | 'd', v: LinkValues): DigitNetworkSettings {
  return {
    width: v[`${prefix}Width`] as number, optimizer: v[`${prefix}Opt`] as OptimizerKind, learningRate: v[`${prefix}Lr`] as number,
    momentum: v[`${prefix}Mom`] as number, beta1: v[`${prefix}B1`] as number, beta2: v[`${prefix}B2`] as number,
  };
}

function fromValues(v: LinkValues): DigitLinkSetup {
  return {
    start: v.start as string,
    showScores: v.scores as boolean,
    settings: {
      architecture: v.arch as DigitArchitecture, upsampling: v.upsampling as DigitGanSettings['upsampling'], conditional: v.conditional as boolean,
      classes: [...(v.classes as number[])], latentSize: v.latent as number,
      generator: networkFrom('g', v), discriminator: networkFrom('d', v),
      loss: v.loss as LossKind, gpWeight: v.gp as number, realLabel: v.realLabel as number, dSteps: v.dSteps as number,
      batchSize: v.batch as number, seed: v.seed as number,
    },
  };
}

/** The settings a start begins with: the pretrained model's own, or the defaults. */
export function digitStartSettings(start: string): DigitGanSettings {
  return cloneDigitSettings(findPretrainedDigitGan(start)?.settings ?? DEFAULT_DIGIT_SETTINGS);
}

function baseSetup(start: string): DigitLinkSetup {
  return { settings: digitStartSettings(start), start, showScores: false };
}

/** The query (without `?`) for this set-up: only what differs from its start's own settings. */
export function encodeDigitLink(setup: DigitLinkSetup): string {
  const base = { ...toValues(baseSetup(setup.start)), start: DIGIT_SCRATCH_START };
  return formatLinkQuery(DIGIT_LINK_SCHEMA, toValues(setup), base);
}

/** Reads a query; never fails (each refused or unknown parameter is a problem naming it). */
export function decodeDigitLink(query: string): DecodedDigitLink {
  // The start decides the defaults of the rest, wherever it stands in the link.
  const startRaw = rawLinkParam(query, 'start');
  const startRead = startRaw === undefined ? null : readLinkValue(DIGIT_LINK_SCHEMA.start, startRaw);
  const start = startRead && 'value' in startRead ? (startRead.value as string) : DIGIT_SCRATCH_START;
  const base = toValues(baseSetup(start));
  const parsed = parseLinkQuery(DIGIT_LINK_SCHEMA, query, base);
  if (start !== DIGIT_SCRATCH_START) keepStartShape(parsed, base, SHAPE_PARAMS, start, query);
  const v = parsed.values;
  // Widths mean different things per architecture (MLP units, DCGAN channels).
  const arch = v.arch as DigitArchitecture;
  const limit = DIGIT_LIMITS.width[arch];
  for (const name of ['gWidth', 'dWidth']) {
    const width = v[name] as number;
    if (width >= limit.min && width <= limit.max) continue;
    const fallback = base.arch === arch ? base[name] : DEFAULT_WIDTH[arch];
    if (parsed.given.has(name)) {
      parsed.problems.push(refusedProblem(name, rawLinkParam(query, name) ?? String(width), `is outside the ${arch} range ${limit.min} to ${limit.max}`, fallback));
    }
    v[name] = fallback;
  }
  const setup = fromValues(v);
  // A safety net should the settings gain a rule this codec does not know yet.
  const remaining = digitSettingsProblems(setup.settings);
  if (remaining.length > 0) {
    parsed.problems.push({ param: 'settings', message: `These settings do not fit together (${remaining.join('; ')}); using the defaults instead.` });
    return { ...baseSetup(start), problems: parsed.problems };
  }
  return { ...setup, problems: parsed.problems };
}
