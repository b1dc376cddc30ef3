/**
 * The adversarial lab's checkpoint file: trained weights together with the
 * settings that shape them (and the custom points, if any), as JSON that loads
 * back into an identical session. Loading validates everything before use and
 * refuses with a reason a student can act on.
 */
import { cloneSettings, settingsProblems, type GanSettings, type NetworkSettings } from '../pointGan/ganSettings';
import type { TrainerWeights } from '../pointGan/ganTrainer';
import { MAX_POINT_ROWS } from '../points/pointsCsv';

export const CHECKPOINT_FORMAT = 'deepfake-lab/adversarial-checkpoint';
export const CHECKPOINT_VERSION = 1;

export interface CheckpointData {
  settings: GanSettings;
  weights: TrainerWeights;
  /** The points of a custom dataset (interleaved x, y); null when there are none. */
  customPoints: Float32Array | null;
}

/** The lab's buttons call a checkpoint a "trained model"; messages use the same words. */
const CHOOSE_SAVED_FILE = 'Choose a file saved with "Save this model".';

export class CheckpointError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CheckpointError';
  }
}

/** Layer sizes from input to output, as GanTrainer builds them. */
export function networkSizes(settings: GanSettings): { generator: number[]; discriminator: number[] } {
  return {
    generator: [settings.noiseDim, ...settings.generator.hidden, 2],
    discriminator: [2 * settings.packing, ...settings.discriminator.hidden, 1],
  };
}

function lengthsFor(sizes: number[]): number[] {
  const lengths: number[] = [];
  for (let i = 0; i + 1 < sizes.length; i++) lengths.push(sizes[i] * sizes[i + 1], sizes[i + 1]);
  return lengths;
}

/** Values in each weight array, in variable order w0, b0, w1, b1, … (weights fanIn×fanOut, then bias fanOut). */
export function expectedWeightLengths(settings: GanSettings): { generator: number[]; discriminator: number[] } {
  const sizes = networkSizes(settings);
  return { generator: lengthsFor(sizes.generator), discriminator: lengthsFor(sizes.discriminator) };
}

function firstNonFinite(values: ArrayLike<unknown>): number {
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (typeof v !== 'number' || !Number.isFinite(v)) return i;
  }
  return -1;
}

export function serializeCheckpoint(data: CheckpointData): string {
  for (const net of ['generator', 'discriminator'] as const) {
    data.weights[net].forEach((arr, i) => {
      // JSON has no NaN: it would silently become null, so refuse now rather than at load time.
      if (firstNonFinite(arr) >= 0) {
        throw new CheckpointError(`The ${net}'s weights contain values that are not finite numbers (array ${i}), so training has diverged. Restore the last healthy state before saving.`);
      }
    });
  }
  return JSON.stringify({
    format: CHECKPOINT_FORMAT,
    version: CHECKPOINT_VERSION,
    savedAt: new Date().toISOString(),
    settings: data.settings,
    weights: {
      generatorSteps: data.weights.steps,
      discriminatorSteps: data.weights.discriminatorSteps,
      generator: data.weights.generator.map((a) => Array.from(a)),
      discriminator: data.weights.discriminator.map((a) => Array.from(a)),
    },
    customPoints: data.customPoints ? Array.from(data.customPoints) : null,
  });
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Copies exactly the known settings fields, so stray keys in the file cannot leak into the session. */
function readSettings(raw: unknown): GanSettings {
  if (!isObject(raw)) throw new CheckpointError('The file has no settings section, so it cannot say how to rebuild the networks.');
  const net = (v: unknown): NetworkSettings => {
    const n = isObject(v) ? v : {};
    return {
      hidden: Array.isArray(n.hidden) ? [...n.hidden] : (n.hidden as number[]),
      activation: n.activation as NetworkSettings['activation'],
      optimizer: n.optimizer as NetworkSettings['optimizer'],
      learningRate: n.learningRate as number,
      momentum: n.momentum as number,
      beta1: n.beta1 as number,
      beta2: n.beta2 as number,
    };
  };
  const settings = {
    dataset: raw.dataset,
    modes: raw.modes,
    sigma: raw.sigma,
    seed: raw.seed,
    noiseDim: raw.noiseDim,
    noiseKind: raw.noiseKind,
    generator: net(raw.generator),
    discriminator: net(raw.discriminator),
    loss: raw.loss,
    gpWeight: raw.gpWeight,
    realLabel: raw.realLabel,
    packing: raw.packing,
    dSteps: raw.dSteps,
    batchSize: raw.batchSize,
  } as GanSettings;
  const problems = settingsProblems(settings);
  if (problems.length > 0) throw new CheckpointError(`The file's settings are not valid: ${summariseProblems(problems)}.`);
  return cloneSettings(settings);
}

/** Problems shown before "and N more": a broken file can have dozens, and a wall of text helps nobody. */
export const PROBLEMS_SHOWN = 3;

/** The first few problems, then how many more there are. */
export function summariseProblems(problems: readonly string[], shown = PROBLEMS_SHOWN): string {
  // "and 1 more" would take as much room as the problem itself.
  if (problems.length <= shown + 1) return problems.join('; ');
  return `${problems.slice(0, shown).join('; ')}; and ${problems.length - shown} more`;
}

function readNetworkWeights(net: 'generator' | 'discriminator', raw: unknown, expected: number[]): Float32Array[] {
  if (!Array.isArray(raw)) throw new CheckpointError(`The file has no ${net} weights.`);
  if (raw.length !== expected.length) {
    throw new CheckpointError(`The ${net} should have ${expected.length} weight arrays for the layer sizes in its settings, but the file has ${raw.length}.`);
  }
  return raw.map((arr: unknown, i) => {
    if (!Array.isArray(arr)) throw new CheckpointError(`The ${net}'s weight array ${i} is not a list of numbers.`);
    if (arr.length !== expected[i]) {
      throw new CheckpointError(`The ${net}'s weight array ${i} has ${arr.length} values, but its settings need ${expected[i]}; the weights and settings do not belong together.`);
    }
    const bad = firstNonFinite(arr);
    if (bad >= 0) throw new CheckpointError(`The ${net}'s weight array ${i} holds a value that is not a finite number (at position ${bad}).`);
    return Float32Array.from(arr as number[]);
  });
}

function readStepCount(name: string, v: unknown): number {
  if (typeof v !== 'number' || !Number.isInteger(v) || v < 0) throw new CheckpointError(`The file's ${name} must be a whole number of steps, 0 or more.`);
  return v;
}

function readCustomPoints(raw: unknown, dataset: GanSettings['dataset']): Float32Array | null {
  if (raw === null || raw === undefined) {
    if (dataset === 'custom') throw new CheckpointError('The file uses a custom dataset but does not include its points.');
    return null;
  }
  if (!Array.isArray(raw) || raw.length < 2 || raw.length % 2 !== 0) {
    throw new CheckpointError('The file\'s custom points must be a list of x, y pairs with at least one point.');
  }
  if (raw.length > 2 * MAX_POINT_ROWS) throw new CheckpointError(`The file has more than ${MAX_POINT_ROWS.toLocaleString('en')} custom points.`);
  const bad = firstNonFinite(raw);
  if (bad >= 0) throw new CheckpointError(`Custom point ${Math.floor(bad / 2) + 1} is not a pair of finite numbers.`);
  return Float32Array.from(raw as number[]);
}

/** Reads and fully validates a checkpoint file's text; throws CheckpointError saying what is wrong. */
export function parseCheckpoint(text: string): CheckpointData {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new CheckpointError(`This is not a trained-model file: it is not valid JSON text. ${CHOOSE_SAVED_FILE}`);
  }
  if (!isObject(json) || json.format !== CHECKPOINT_FORMAT) {
    throw new CheckpointError(`This is not a trained-model file of the adversarial lab (its format tag should be "${CHECKPOINT_FORMAT}"). ${CHOOSE_SAVED_FILE}`);
  }
  if (json.version !== CHECKPOINT_VERSION) {
    throw new CheckpointError(`This trained-model file has format version ${JSON.stringify(json.version)}, but this app reads version ${CHECKPOINT_VERSION}.`);
  }
  const settings = readSettings(json.settings);
  if (!isObject(json.weights)) throw new CheckpointError('The file has no weights section.');
  const expected = expectedWeightLengths(settings);
  const weights: TrainerWeights = {
    generator: readNetworkWeights('generator', json.weights.generator, expected.generator),
    discriminator: readNetworkWeights('discriminator', json.weights.discriminator, expected.discriminator),
    steps: readStepCount('generatorSteps', json.weights.generatorSteps),
    discriminatorSteps: readStepCount('discriminatorSteps', json.weights.discriminatorSteps),
  };
  return { settings, weights, customPoints: readCustomPoints(json.customPoints, settings.dataset) };
}
