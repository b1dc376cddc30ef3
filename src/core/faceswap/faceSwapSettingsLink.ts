/**
 * The face-swap lab's whole set-up as a link query, and back: every setting and
 * where training starts (from scratch or a pretrained model by id). Built on
 * core/shared/settingsLink.ts; only values that differ from the start's own
 * settings are written. Which pretrained models can start a run depends on
 * the build, so the page passes their ids and its default start.
 */
import {
  formatLinkQuery, keepStartShape, parseLinkQuery, rawLinkParam, readLinkValue, refusedProblem,
  type LinkProblem, type LinkSchema, type LinkValues,
} from '../shared/settingsLink';
import {
  DEFAULT_FACE_SWAP_SETTINGS, DIGIT_STYLE_IMAGE_SIZE, ENCODER_MODES, IMAGE_SIZE_STEP, SCHEDULES, SWAP_DATASETS, SWAP_LIMITS,
  cloneSwapSettings, swapSettingsProblems, type FaceSwapSettings,
} from '../autoencoder/faceSwapSettings';
import { findPretrainedFaceSwap } from '../autoencoder/pretrainedFaceSwaps';
import { TOY_FACE_IDS } from '../toyfaces/toyFaceIdentities';

export const SWAP_SCRATCH_START = 'scratch';

export interface SwapLinkSetup {
  settings: FaceSwapSettings;
  /** 'scratch' or a pretrained model's id. */
  start: string;
}

export interface DecodedSwapLink extends SwapLinkSetup {
  problems: LinkProblem[];
}

export interface SwapLinkStarts {
  /** The pretrained models this build can start from. */
  pretrainedIds: readonly string[];
  /** The start a link that names none opens with. */
  defaultStart: string;
}

/** Setting name → parameter name, in the order they are written (after `start`). */
const PARAMS: readonly (readonly [keyof FaceSwapSettings, string])[] = [
  ['dataset', 'dataset'], ['identityA', 'a'], ['identityB', 'b'], ['colour', 'colour'], ['imageSize', 'size'], ['encoder', 'encoder'],
  ['latentSize', 'latent'], ['width', 'width'], ['batchSize', 'batch'], ['schedule', 'schedule'], ['learningRate', 'lr'], ['beta1', 'b1'],
  ['beta2', 'b2'], ['ssimWeight', 'ssim'], ['featurePriority', 'priority'], ['warp', 'warp'], ['warpStrength', 'warpStrength'],
  ['warpGrid', 'warpGrid'], ['seed', 'seed'],
];

/** Every parameter of a face-swap link, for these starts. */
export function swapLinkSchema(starts: SwapLinkStarts): LinkSchema {
  return {
    start: { kind: 'enum', options: [SWAP_SCRATCH_START, ...starts.pretrainedIds] },
    dataset: { kind: 'enum', options: SWAP_DATASETS },
    a: { kind: 'enum', options: TOY_FACE_IDS },
    b: { kind: 'enum', options: TOY_FACE_IDS },
    colour: { kind: 'boolean' },
    size: { kind: 'number', ...SWAP_LIMITS.imageSize, integer: true },
    encoder: { kind: 'enum', options: ENCODER_MODES },
    latent: { kind: 'number', ...SWAP_LIMITS.latentSize, integer: true },
    width: { kind: 'number', ...SWAP_LIMITS.width, integer: true },
    batch: { kind: 'number', ...SWAP_LIMITS.batchSize, integer: true },
    schedule: { kind: 'enum', options: SCHEDULES },
    lr: { kind: 'number', ...SWAP_LIMITS.learningRate },
    b1: { kind: 'number', ...SWAP_LIMITS.beta },
    b2: { kind: 'number', ...SWAP_LIMITS.beta },
    ssim: { kind: 'number', ...SWAP_LIMITS.ssimWeight },
    priority: { kind: 'number', ...SWAP_LIMITS.featurePriority },
    warp: { kind: 'boolean' },
    warpStrength: { kind: 'number', ...SWAP_LIMITS.warpStrength },
    warpGrid: { kind: 'number', ...SWAP_LIMITS.warpGrid, integer: true },
    seed: { kind: 'number', ...SWAP_LIMITS.seed, integer: true },
  };
}

function toValues(setup: SwapLinkSetup): LinkValues {
  const values: LinkValues = { start: setup.start };
  for (const [key, param] of PARAMS) values[param] = setup.settings[key];
  return values;
}

function fromValues(v: LinkValues): SwapLinkSetup {
  const settings = cloneSwapSettings(DEFAULT_FACE_SWAP_SETTINGS) as unknown as Record<string, unknown>;
  for (const [key, param] of PARAMS) settings[key] = v[param];
  return { start: v.start as string, settings: settings as unknown as FaceSwapSettings };
}

/** The settings a start begins with: the pretrained model's own, or the defaults. */
export function swapStartSettings(start: string): FaceSwapSettings {
  return cloneSwapSettings(findPretrainedFaceSwap(start)?.settings ?? DEFAULT_FACE_SWAP_SETTINGS);
}

/** The query (without `?`) for this set-up: only what differs from its start's own settings. */
export function encodeSwapLink(setup: SwapLinkSetup, starts: SwapLinkStarts): string {
  const base = { ...toValues({ settings: swapStartSettings(setup.start), start: setup.start }), start: starts.defaultStart };
  return formatLinkQuery(swapLinkSchema(starts), toValues(setup), base);
}

/** The parameters a pretrained model's weights fix: what is swapped and the network's shape. */
function shapeParams(base: FaceSwapSettings): string[] {
  const shape = ['dataset', 'size', 'encoder', 'latent', 'width'];
  return base.dataset === 'toyFaces' ? [...shape, 'a', 'b', 'colour'] : shape;
}

/** Reads a query; never fails (each refused or unknown parameter is a problem naming it). */
export function decodeSwapLink(query: string, starts: SwapLinkStarts): DecodedSwapLink {
  const schema = swapLinkSchema(starts);
  // The start decides the defaults of the rest, wherever it stands in the link.
  const startRaw = rawLinkParam(query, 'start');
  const startRead = startRaw === undefined ? null : readLinkValue(schema.start, startRaw);
  const start = startRead && 'value' in startRead ? (startRead.value as string) : starts.defaultStart;
  const baseSettings = swapStartSettings(start);
  const base = toValues({ settings: baseSettings, start });
  const parsed = parseLinkQuery(schema, query, base);
  if (start !== SWAP_SCRATCH_START) keepStartShape(parsed, base, shapeParams(baseSettings), start, query);
  const v = parsed.values;
  const refuse = (param: string, why: string) => {
    parsed.problems.push(refusedProblem(param, rawLinkParam(query, param) ?? String(v[param]), why, base[param]));
    v[param] = base[param];
  };
  if ((v.size as number) % IMAGE_SIZE_STEP !== 0) refuse('size', `is not a multiple of ${IMAGE_SIZE_STEP}`);
  if (v.dataset === 'digitStyles' && v.size !== DIGIT_STYLE_IMAGE_SIZE) {
    if (parsed.given.has('size')) parsed.problems.push(refusedProblem('size', rawLinkParam(query, 'size') ?? '', `does not suit digit styles, which are always ${DIGIT_STYLE_IMAGE_SIZE}`, DIGIT_STYLE_IMAGE_SIZE));
    v.size = DIGIT_STYLE_IMAGE_SIZE;
  }
  if (v.a === v.b) {
    // The characters must differ: the one the link set goes back to its default.
    const param = parsed.given.has('b') && base.b !== v.a ? 'b' : 'a';
    refuse(param, 'names the same character as the other side');
    if (v.a === v.b) {
      v.a = DEFAULT_FACE_SWAP_SETTINGS.identityA;
      v.b = DEFAULT_FACE_SWAP_SETTINGS.identityB;
    }
  }
  const setup = fromValues(v);
  // A safety net should the settings gain a rule this codec does not know yet.
  const remaining = swapSettingsProblems(setup.settings);
  if (remaining.length > 0) {
    parsed.problems.push({ param: 'settings', message: `These settings do not fit together (${remaining.join('; ')}); using the defaults instead.` });
    return { settings: baseSettings, start, problems: parsed.problems };
  }
  return { ...setup, problems: parsed.problems };
}
