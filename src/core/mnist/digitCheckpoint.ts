/**
 * A trained digit GAN in one file, built on the weights bundle (weightsBundle.ts):
 *
 * - the settings it was trained with (architecture, widths, optimizers, …), so the
 *   lab rebuilds exactly this model and can keep training it;
 * - both networks' weights ("g/…" and "d/…", by parameter name, see digitGanModels.ts):
 *   the generator to draw digits, the discriminator so training can continue;
 * - a timeline: the fixed-noise grid (64 digits) drawn at a handful of steps from
 *   step 0 to the end, as 8-bit grey levels (~50 KB a snapshot), with D's verdict on
 *   each cell and the quality measured then, so a lecturer can scrub from static to
 *   digits at once without retraining;
 * - the figures measured at the end: Inception Score and Fréchet distance (with the
 *   real digits' own figures beside them), generator steps and training seconds.
 *
 * Decoding checks everything and refuses, with the reason, a file that is not a
 * digit GAN checkpoint, has another version, is corrupted, or whose tensors do not
 * fit its settings; `checkpointMismatch` then says whether it fits the architecture
 * a learner chose.
 */
import { digitSettingsProblems, cloneDigitSettings, IMAGE_PIXELS, IMAGE_SIZE, type DigitGanSettings } from './digitGanSettings';
import { paramSpecs, type ParamSpec } from './digitGanModels';
import type { DigitQuality } from './digitQuality';
import { decodeWeightsBundle, encodeWeightsBundle, type NamedWeight, type WeightStorage } from '../shared/weightsBundle';

/** The bundle's format: the name and version of this layout. A later layout gets "@2". */
export const DIGIT_CHECKPOINT_FORMAT = 'deepfake-lab/digit-gan@1';

const PIXELS_TENSOR = 'timeline/pixels';
const VERDICTS_TENSOR = 'timeline/verdicts';

export class DigitCheckpointError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DigitCheckpointError';
  }
}

export interface CheckpointSnapshot {
  /** Generator steps when the grid was drawn. */
  step: number;
  /** gridCount·28·28 grey levels, 0 (paper, −1) to 255 (ink, +1). */
  pixels: Uint8Array;
  /** D's verdict on each cell (a probability where the loss has one). */
  verdicts: Float32Array;
  /** Quality of fresh samples at that step, or null when it was not measured. */
  quality: DigitQuality | null;
}

export interface CheckpointTimeline {
  /** Digits per grid (the lab's fixed-noise grid has 64). */
  gridCount: number;
  /** The class asked of each cell (conditional models), else null. */
  labels: Int32Array | null;
  /** In increasing step order; the first is step 0 (the untrained generator). */
  snapshots: CheckpointSnapshot[];
}

export interface CheckpointFigures extends DigitQuality {
  /** Generator steps trained. */
  steps: number;
  /** Wall-clock seconds of training (not counting the measurements). */
  seconds: number;
  /** Fake digits scored for the Inception Score and Fréchet distance. */
  samples: number;
  /** As many real digits scored the same way: the yardstick. */
  realBaseline: DigitQuality;
}

export interface DigitCheckpoint {
  settings: DigitGanSettings;
  /** Generator then discriminator weights, by parameter name. */
  weights: NamedWeight[];
  timeline: CheckpointTimeline;
  figures: CheckpointFigures;
  /** One sentence on what this model is. */
  description: string;
  /** Provenance: script, data, schedule. Free-form, informational. */
  training: Record<string, unknown>;
}

/** How each network's weights sit in the file: float16 halves the size (for a model that must stay small). */
export interface CheckpointStorage {
  generator: WeightStorage;
  discriminator: WeightStorage;
}

export const FULL_PRECISION: CheckpointStorage = { generator: 'float32', discriminator: 'float32' };

/** Anything that lists its weights by name, such as the digit lab's DigitGanTrainer. */
export interface NamedWeightSource {
  namedWeights(): { name: string; tensor: { shape: readonly number[]; dataSync(): ArrayLike<number> } }[];
}

/** Copies of both networks' current weights (generator first), ready for a checkpoint. */
export function captureWeights(trainer: NamedWeightSource): NamedWeight[] {
  return trainer.namedWeights().map(({ name, tensor }) => ({ name, shape: [...tensor.shape], data: Float32Array.from(tensor.dataSync()) }));
}

/** Generator output in [-1, 1] → grey levels 0–255. */
export function quantisePixels(images: ArrayLike<number>): Uint8Array {
  const out = new Uint8Array(images.length);
  for (let i = 0; i < images.length; i++) out[i] = Math.round((Math.min(1, Math.max(-1, images[i])) + 1) * 127.5);
  return out;
}

/** Grey levels 0–255 → display pixels in [0, 1] (the lab's image convention). */
export function pixelsToUnit(pixels: Uint8Array): Float32Array {
  const out = new Float32Array(pixels.length);
  for (let i = 0; i < pixels.length; i++) out[i] = pixels[i] / 255;
  return out;
}

/** The fields that decide the networks' shapes; everything else (optimizers, loss, batch, seed, classes) may change between runs. */
const ARCHITECTURE_FIELDS = ['architecture', 'upsampling', 'conditional', 'latentSize', 'generatorWidth', 'discriminatorWidth'] as const;
type ArchitectureField = (typeof ARCHITECTURE_FIELDS)[number];

function architectureValue(s: DigitGanSettings, field: ArchitectureField): string | number | boolean {
  if (field === 'generatorWidth') return s.generator.width;
  if (field === 'discriminatorWidth') return s.discriminator.width;
  return s[field];
}

/** "conditional DCGAN (resize upsampling), latent 64, widths G 32 / D 32". */
export function describeArchitecture(s: DigitGanSettings): string {
  const kind = s.architecture === 'dcgan' ? `DCGAN (${s.upsampling} upsampling)` : 'MLP GAN';
  return `${s.conditional ? 'conditional' : 'unconditional'} ${kind}, latent ${s.latentSize}, widths G ${s.generator.width} / D ${s.discriminator.width}`;
}

/**
 * Why a checkpoint cannot start a model with the chosen settings, or null when it can:
 * the shape-deciding fields must agree (the others are the learner's to change).
 */
export function checkpointMismatch(checkpoint: DigitCheckpoint, chosen: DigitGanSettings): string | null {
  const problems = digitSettingsProblems(chosen);
  if (problems.length > 0) return `the chosen settings are invalid: ${problems.join('; ')}`;
  const differ = ARCHITECTURE_FIELDS.filter((f) => architectureValue(checkpoint.settings, f) !== architectureValue(chosen, f));
  if (differ.length > 0) {
    const listed = differ.map((f) => `${f} ${String(architectureValue(chosen, f))} instead of ${String(architectureValue(checkpoint.settings, f))}`).join(', ');
    const held = describeArchitecture(checkpoint.settings);
    return `it holds ${/^[aeiou]/.test(held) ? 'an' : 'a'} ${held}, but the chosen settings ask for ${listed}`;
  }
  const shapeProblem = weightProblems(checkpoint.weights, chosen);
  return shapeProblem ? `its weights do not fit the chosen architecture: ${shapeProblem}` : null;
}

function modelSpecs(s: DigitGanSettings): ParamSpec[] {
  return [...paramSpecs('generator', s), ...paramSpecs('discriminator', s)];
}

const shapeText = (shape: readonly number[]) => `[${shape.join(', ')}]`;

/** Every missing, mis-shaped or unexpected weight, joined; null when the weights are exactly the model's. */
function weightProblems(weights: readonly NamedWeight[], s: DigitGanSettings): string | null {
  const byName = new Map(weights.map((w) => [w.name, w]));
  const problems: string[] = [];
  const specs = modelSpecs(s);
  for (const spec of specs) {
    const w = byName.get(spec.name);
    if (!w) problems.push(`"${spec.name}" is missing`);
    else if (shapeText(w.shape) !== shapeText(spec.shape)) problems.push(`"${spec.name}" has shape ${shapeText(w.shape)}, expected ${shapeText(spec.shape)}`);
  }
  const wanted = new Set(specs.map((p) => p.name));
  for (const w of weights) if (!wanted.has(w.name)) problems.push(`"${w.name}" is not part of this model`);
  return problems.length > 0 ? problems.join('; ') : null;
}

const isQuality = (q: unknown): q is DigitQuality =>
  typeof q === 'object' && q !== null && Number.isFinite((q as DigitQuality).inceptionScore) && Number.isFinite((q as DigitQuality).frechetDistance);
const qualityOf = (q: DigitQuality): DigitQuality => ({ inceptionScore: q.inceptionScore, frechetDistance: q.frechetDistance });

/** Checks a checkpoint's parts against each other; returns the problem or null. */
function checkpointProblem(c: DigitCheckpoint): string | null {
  const settingsProblems = digitSettingsProblems(c.settings);
  if (settingsProblems.length > 0) return `its settings are invalid: ${settingsProblems.join('; ')}`;
  const shapes = weightProblems(c.weights, c.settings);
  if (shapes) return `its weights do not fit the ${describeArchitecture(c.settings)} it says it holds: ${shapes}`;
  const f = c.figures;
  if (!Number.isInteger(f.steps) || f.steps < 0) return 'its step count is not a whole number ≥ 0';
  if (!Number.isFinite(f.seconds) || f.seconds < 0) return 'its training time is not a number of seconds';
  if (!Number.isInteger(f.samples) || f.samples < 1) return 'its sample count is not a whole number ≥ 1';
  if (!isQuality(f) || !isQuality(f.realBaseline)) return 'its quality figures are not numbers';
  const t = c.timeline;
  if (!Number.isInteger(t.gridCount) || t.gridCount < 1) return 'its timeline grid size is not a whole number ≥ 1';
  if (t.snapshots.length === 0) return 'its timeline has no snapshots';
  if (c.settings.conditional !== (t.labels !== null)) return c.settings.conditional ? 'its timeline lacks the class of each cell' : 'its timeline has classes but the model is unconditional';
  if (t.labels && (t.labels.length !== t.gridCount || t.labels.some((l) => !c.settings.classes.includes(l)))) {
    return `its timeline's classes must be ${t.gridCount} digits from the model's classes`;
  }
  let previous = -1;
  for (const s of t.snapshots) {
    if (!Number.isInteger(s.step) || s.step <= previous) return 'its timeline steps are not whole numbers in increasing order';
    if (s.step > f.steps) return `its timeline has a snapshot at step ${s.step}, after the last step (${f.steps})`;
    previous = s.step;
    if (s.pixels.length !== t.gridCount * IMAGE_PIXELS || s.verdicts.length !== t.gridCount) return `its snapshot at step ${s.step} does not hold ${t.gridCount} digits`;
    if (!s.verdicts.every(Number.isFinite)) return `its snapshot at step ${s.step} has verdicts that are not numbers`;
    if (s.quality !== null && !isQuality(s.quality)) return `its snapshot at step ${s.step} has quality figures that are not numbers`;
  }
  return null;
}

/** The file's bytes; refuses (with the reason) a checkpoint whose parts disagree. */
export function encodeDigitCheckpoint(c: DigitCheckpoint, storage: CheckpointStorage = FULL_PRECISION): Uint8Array {
  const problem = checkpointProblem(c);
  if (problem) throw new DigitCheckpointError(`Cannot write this digit GAN checkpoint: ${problem}.`);
  const { timeline: t, figures: f } = c;
  const specs = modelSpecs(c.settings);
  const byName = new Map(c.weights.map((w) => [w.name, w]));
  const generatorNames = new Set(paramSpecs('generator', c.settings).map((p) => p.name));
  // Spec order (generator, then discriminator), whatever order the caller gave.
  const weights: NamedWeight[] = specs.map((p) => {
    const w = byName.get(p.name)!;
    const kind = generatorNames.has(p.name) ? storage.generator : storage.discriminator;
    return kind === 'float32' ? { name: w.name, shape: [...w.shape], data: w.data } : { name: w.name, shape: [...w.shape], data: w.data, storage: kind };
  });
  const count = t.snapshots.length;
  const pixels = new Float32Array(count * t.gridCount * IMAGE_PIXELS);
  const verdicts = new Float32Array(count * t.gridCount);
  t.snapshots.forEach((s, i) => {
    pixels.set(s.pixels, i * t.gridCount * IMAGE_PIXELS);
    verdicts.set(s.verdicts, i * t.gridCount);
  });
  weights.push(
    { name: PIXELS_TENSOR, shape: [count, t.gridCount, IMAGE_SIZE, IMAGE_SIZE], data: pixels, storage: 'uint8' },
    { name: VERDICTS_TENSOR, shape: [count, t.gridCount], data: verdicts },
  );
  return encodeWeightsBundle({
    format: DIGIT_CHECKPOINT_FORMAT,
    metadata: {
      description: c.description,
      settings: cloneDigitSettings(c.settings),
      figures: { ...qualityOf(f), steps: f.steps, seconds: f.seconds, samples: f.samples, realBaseline: qualityOf(f.realBaseline) },
      timeline: {
        gridCount: t.gridCount,
        labels: t.labels ? [...t.labels] : null,
        steps: t.snapshots.map((s) => s.step),
        quality: t.snapshots.map((s) => (s.quality ? qualityOf(s.quality) : null)),
      },
      training: c.training,
    },
    weights,
  });
}

const fail = (why: string): never => {
  throw new DigitCheckpointError(`This digit GAN model cannot be loaded: ${why}.`);
};

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

function qualityOrNull(q: unknown, step: unknown): DigitQuality | null {
  if (q === null) return null;
  return isQuality(q) ? qualityOf(q) : fail(`its snapshot at step ${String(step)} has quality figures that are not numbers`);
}

/** Reads settings from JSON, keeping only the known fields (so unknown extras cannot leak into the model). */
function settingsFrom(raw: unknown): DigitGanSettings {
  if (!isRecord(raw) || !isRecord(raw.generator) || !isRecord(raw.discriminator)) return fail('it does not say which settings it was trained with');
  const net = (n: Record<string, unknown>) => ({
    width: n.width, optimizer: n.optimizer, learningRate: n.learningRate, momentum: n.momentum, beta1: n.beta1, beta2: n.beta2,
  });
  const s = {
    architecture: raw.architecture, upsampling: raw.upsampling, conditional: raw.conditional,
    classes: Array.isArray(raw.classes) ? [...raw.classes] : raw.classes,
    latentSize: raw.latentSize, generator: net(raw.generator), discriminator: net(raw.discriminator),
    loss: raw.loss, gpWeight: raw.gpWeight, realLabel: raw.realLabel, dSteps: raw.dSteps, batchSize: raw.batchSize, seed: raw.seed,
  } as unknown as DigitGanSettings;
  const problems = digitSettingsProblems(s);
  if (problems.length > 0) fail(`its settings are invalid: ${problems.join('; ')}`);
  return s;
}

/**
 * Reads a checkpoint and checks all of it: the file (magic, version, format,
 * checksum: see decodeWeightsBundle), the settings, every weight's name and shape
 * against the architecture the settings describe, the timeline and the figures.
 * Throws a WeightsBundleError or DigitCheckpointError whose message gives the reason.
 */
export function decodeDigitCheckpoint(bytes: Uint8Array): DigitCheckpoint {
  const bundle = decodeWeightsBundle(bytes, DIGIT_CHECKPOINT_FORMAT);
  const m = bundle.metadata;
  const settings = settingsFrom(m.settings);
  const f = m.figures;
  if (!isRecord(f) || !isQuality(f) || !isQuality(f.realBaseline)) return fail('its quality figures are missing or not numbers');
  const t = m.timeline;
  if (!isRecord(t) || !Array.isArray(t.steps) || !Array.isArray(t.quality) || t.quality.length !== t.steps.length) return fail('its timeline description is missing or incomplete');
  const gridCount = t.gridCount as number;
  if (!Number.isInteger(gridCount) || gridCount < 1) return fail('its timeline grid size is not a whole number ≥ 1');
  if (t.labels !== null && !(Array.isArray(t.labels) && t.labels.every((l) => Number.isInteger(l)))) return fail("its timeline's classes are not digits");
  const count = t.steps.length;
  const pixels = bundle.weights.find((w) => w.name === PIXELS_TENSOR);
  const verdicts = bundle.weights.find((w) => w.name === VERDICTS_TENSOR);
  if (!pixels || !verdicts) return fail('its timeline images are missing');
  if (shapeText(pixels.shape) !== shapeText([count, gridCount, IMAGE_SIZE, IMAGE_SIZE]) || shapeText(verdicts.shape) !== shapeText([count, gridCount])) {
    return fail(`its timeline images do not match its ${count} snapshots of ${gridCount} digits`);
  }
  if (!pixels.data.every((v) => Number.isInteger(v) && v >= 0 && v <= 255)) fail('its timeline images are not grey levels 0–255');
  const size = gridCount * IMAGE_PIXELS;
  const checkpoint: DigitCheckpoint = {
    settings,
    weights: bundle.weights.filter((w) => w.name !== PIXELS_TENSOR && w.name !== VERDICTS_TENSOR),
    timeline: {
      gridCount,
      labels: t.labels === null ? null : Int32Array.from(t.labels as number[]),
      snapshots: (t.steps as unknown[]).map((step, i) => ({
        step: step as number,
        pixels: Uint8Array.from(pixels.data.subarray(i * size, (i + 1) * size)),
        verdicts: verdicts.data.slice(i * gridCount, (i + 1) * gridCount),
        quality: qualityOrNull((t.quality as unknown[])[i], step),
      })),
    },
    figures: {
      inceptionScore: f.inceptionScore as number,
      frechetDistance: f.frechetDistance as number,
      steps: f.steps as number,
      seconds: f.seconds as number,
      samples: f.samples as number,
      realBaseline: qualityOf(f.realBaseline as DigitQuality),
    },
    description: typeof m.description === 'string' ? m.description : '',
    training: isRecord(m.training) ? m.training : {},
  };
  const problem = checkpointProblem(checkpoint);
  if (problem) fail(problem);
  return checkpoint;
}
