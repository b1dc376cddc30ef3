/**
 * A trained face-swap model in one file, built on the weights bundle (weightsBundle.ts):
 *
 * - the settings it was trained with, so the lab rebuilds exactly this model and
 *   can keep training it;
 * - every network's weights by name (sharedEncoderAutoencoder.ts), float16 by
 *   default (half the size; the pretrained models' scores are measured on the rounded weights);
 * - a timeline of snapshots from step 0: losses, the preview grid (8-bit, with the
 *   fixed source pictures stored once when they never change) and the swap scores
 *   then, so a lecturer can scrub from noise to swaps without training;
 * - the final scores, steps, seconds, a description and free-form provenance.
 *
 * Decoding checks everything and refuses, with the reason, a file that is not a
 * face-swap checkpoint, is corrupted, or whose parts do not fit its settings.
 */
import * as tf from '../shared/tf';
import { decodeWeightsBundle, encodeWeightsBundle, type NamedWeight, type WeightStorage } from '../shared/weightsBundle';
import { channelsOf, cloneSwapSettings, swapSettingsProblems, type FaceSwapSettings } from '../autoencoder/faceSwapSettings';
import type { FaceSwapTrainer } from './faceSwapTrainer';
import { shapeOf } from '../autoencoder/sharedEncoderAutoencoder';
import { FACE_SWAP_CHECKPOINT_FORMAT, FaceSwapCheckpointError, refuseSwapFile, swapSettingsFromJson, swapWeightSpecs, swapWeightsProblem } from '../autoencoder/swapNetFile';
import { PREVIEW_ROWS, type PreviewRow } from './swapPreview';
import type { SwapScoreSummary } from './swapScoreSummary';
import type { SwapSnapshot } from './swapSnapshot';
import { previewOf, scoresOrNull, summaryProblem } from './faceSwapCheckpointParts';

const PREVIEWS_TENSOR = 'timeline/previews';
const SOURCES_TENSOR = 'timeline/sources';
const SOURCE_ROWS: readonly PreviewRow[] = ['a', 'b'];
const MODEL_ROWS: readonly PreviewRow[] = PREVIEW_ROWS.filter((r) => !SOURCE_ROWS.includes(r));

export interface FaceSwapCheckpoint {
  settings: FaceSwapSettings;
  /** Training steps done. */
  steps: number;
  /** Wall-clock seconds of training (not counting measurements). */
  seconds: number;
  /** One sentence on what this model is. */
  description: string;
  weights: NamedWeight[];
  /** In increasing step order (empty allowed); previews come back quantised to 1/255. */
  timeline: SwapSnapshot[];
  /** The scores at the end. */
  scores: SwapScoreSummary;
  /** Provenance: script, schedule, storage. Free-form, informational. */
  training: Record<string, unknown>;
}

/** Copies of every network's current weights, in the networks' order. */
export function captureSwapWeights(trainer: FaceSwapTrainer): NamedWeight[] {
  return trainer.namedWeights().map(({ name, tensor }) => ({ name, shape: [...tensor.shape], data: Float32Array.from(tensor.dataSync()) }));
}

/** The weights as tensors by name, for FaceSwapTrainer.loadWeights; the caller disposes them. */
export function swapWeightMap(checkpoint: FaceSwapCheckpoint): Map<string, tf.Tensor> {
  return new Map(checkpoint.weights.map((w) => [w.name, tf.tensor(w.data, w.shape)]));
}

const SHAPE_FIELDS = ['dataset', 'identities', 'colour', 'imageSize', 'encoder', 'width', 'latentSize'] as const;
type ShapeField = (typeof SHAPE_FIELDS)[number];

function shapeValue(s: FaceSwapSettings, f: ShapeField): string {
  if (f === 'identities') return s.dataset === 'toyFaces' ? `${s.identityA}→${s.identityB}` : 'thin→thick';
  if (f === 'colour') return channelsOf(s) === 3 ? 'colour' : 'grey';
  return String(s[f]);
}

/**
 * Why the checkpoint cannot start a model with the chosen settings, naming each
 * shape-deciding setting that differs; null when it can (the others may change freely).
 */
export function swapCheckpointMismatch(checkpoint: FaceSwapCheckpoint, settings: FaceSwapSettings): string | null {
  const problems = swapSettingsProblems(settings);
  if (problems.length > 0) return `the chosen settings are invalid: ${problems.join('; ')}`;
  const differ = SHAPE_FIELDS.filter((f) => shapeValue(checkpoint.settings, f) !== shapeValue(settings, f));
  if (differ.length === 0) return null;
  return `it was trained with ${differ.map((f) => `${f} ${shapeValue(checkpoint.settings, f)}`).join(', ')}, but the chosen settings have ${differ.map((f) => `${f} ${shapeValue(settings, f)}`).join(', ')}`;
}

const shapeText = (shape: readonly number[]) => `[${shape.join(', ')}]`;

/** What is wrong with a checkpoint's parts, or null. */
export function swapCheckpointProblem(c: FaceSwapCheckpoint): string | null {
  const problems = swapSettingsProblems(c.settings);
  if (problems.length > 0) return `its settings are invalid: ${problems.join('; ')}`;
  if (!Number.isInteger(c.steps) || c.steps < 0) return 'its step count is not a whole number ≥ 0';
  if (!Number.isFinite(c.seconds) || c.seconds < 0) return 'its training time is not a number of seconds';
  const weights = swapWeightsProblem(c.settings, c.weights);
  if (weights) return weights;
  const scores = summaryProblem(c.scores, 'final scores');
  if (scores) return scores;
  const { imageSize: s, channels } = shapeOf(c.settings);
  let previous = -1;
  let count = -1;
  for (const snap of c.timeline) {
    if (!Number.isInteger(snap.step) || snap.step <= previous) return 'its timeline steps are not whole numbers in increasing order';
    if (snap.step > c.steps) return `its timeline has a snapshot at step ${snap.step}, after the last step (${c.steps})`;
    previous = snap.step;
    if (!Number.isFinite(snap.lossA) || !Number.isFinite(snap.lossB)) return `its snapshot at step ${snap.step} has losses that are not numbers`;
    const p = snap.preview;
    if (count < 0) count = p.count;
    if (p.count !== count || !Number.isInteger(count) || count < 1) return 'its previews do not all hold the same whole number of pictures';
    if (p.imageSize !== s || p.channels !== channels) return `its preview at step ${snap.step} is not of ${s}×${s}×${channels} pictures`;
    for (const row of PREVIEW_ROWS) if (p.rows[row]?.length !== count * s * s * channels) return `its preview at step ${snap.step} lacks the "${row}" pictures`;
    if (snap.scores !== null) {
      const problem = summaryProblem(snap.scores, `scores at step ${snap.step}`);
      if (problem) return problem;
    }
  }
  return null;
}

/** Display values in [0, 1] → 0–255. */
const quantise = (values: Float32Array) => Float32Array.from(values, (v) => Math.round(Math.min(1, Math.max(0, v)) * 255));

/** The file's bytes; refuses (with the reason) a checkpoint whose parts disagree. */
export function encodeFaceSwapCheckpoint(c: FaceSwapCheckpoint, storage: WeightStorage = 'float16'): Uint8Array {
  const problem = swapCheckpointProblem(c);
  if (problem) throw new FaceSwapCheckpointError(`Cannot write this face-swap checkpoint: ${problem}.`);
  const byName = new Map(c.weights.map((w) => [w.name, w]));
  const weights: NamedWeight[] = swapWeightSpecs(c.settings).map((spec) => {
    const w = byName.get(spec.name)!;
    return storage === 'float32' ? { name: w.name, shape: [...w.shape], data: w.data } : { name: w.name, shape: [...w.shape], data: w.data, storage };
  });
  const t = c.timeline;
  const { imageSize: s, channels } = shapeOf(c.settings);
  const count = t.length > 0 ? t[0].preview.count : 0;
  const picture = s * s * channels;
  const rowSize = count * picture;
  const q = t.map((snap) => Object.fromEntries(PREVIEW_ROWS.map((r) => [r, quantise(snap.preview.rows[r])])) as Record<PreviewRow, Float32Array>);
  // The preview's source pictures are the same every time in a normal run: store them once.
  const sharedSources = q.length > 0 && q.every((rows) => SOURCE_ROWS.every((r) => rows[r].every((v, i) => v === q[0][r][i])));
  const rows = sharedSources ? MODEL_ROWS : PREVIEW_ROWS;
  if (t.length > 0) {
    const previews = new Float32Array(t.length * rows.length * rowSize);
    q.forEach((snap, i) => rows.forEach((r, k) => previews.set(snap[r], (i * rows.length + k) * rowSize)));
    weights.push({ name: PREVIEWS_TENSOR, shape: [t.length, rows.length, count, s, s, channels], data: previews, storage: 'uint8' });
  }
  if (sharedSources) {
    const sources = new Float32Array(2 * rowSize);
    SOURCE_ROWS.forEach((r, k) => sources.set(q[0][r], k * rowSize));
    weights.push({ name: SOURCES_TENSOR, shape: [2, count, s, s, channels], data: sources, storage: 'uint8' });
  }
  return encodeWeightsBundle({
    format: FACE_SWAP_CHECKPOINT_FORMAT,
    metadata: {
      description: c.description,
      settings: cloneSwapSettings(c.settings),
      steps: c.steps,
      seconds: c.seconds,
      scores: c.scores,
      timeline: {
        previewCount: count,
        rows: [...rows],
        sharedSources,
        steps: t.map((snap) => snap.step),
        losses: t.map((snap) => [snap.lossA, snap.lossB]),
        scores: t.map((snap) => snap.scores),
      },
      training: c.training,
    },
    weights,
  });
}

const fail = refuseSwapFile;

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * Reads a checkpoint and checks all of it: the file (magic, version, format, checksum),
 * the settings, every weight against the networks the settings describe, the timeline
 * and the scores. Throws a WeightsBundleError or FaceSwapCheckpointError giving the reason.
 */
export function decodeFaceSwapCheckpoint(bytes: Uint8Array): FaceSwapCheckpoint {
  const bundle = decodeWeightsBundle(bytes, FACE_SWAP_CHECKPOINT_FORMAT);
  const m = bundle.metadata;
  const settings = swapSettingsFromJson(m.settings);
  const t = m.timeline;
  if (!isRecord(t) || !Array.isArray(t.steps) || !Array.isArray(t.losses) || !Array.isArray(t.scores) || !Array.isArray(t.rows)) return fail('its timeline description is missing or incomplete');
  const n = t.steps.length;
  if (t.losses.length !== n || t.scores.length !== n) return fail('its timeline lists different numbers of steps, losses and scores');
  const { imageSize: s, channels } = shapeOf(settings);
  const count = t.previewCount as number;
  const rows = t.rows as PreviewRow[];
  const shared = t.sharedSources === true;
  const expectedRows = shared ? MODEL_ROWS : PREVIEW_ROWS;
  if (rows.join() !== expectedRows.join()) fail('its timeline previews are laid out in an unknown way');
  const previews = bundle.weights.find((w) => w.name === PREVIEWS_TENSOR);
  const sources = bundle.weights.find((w) => w.name === SOURCES_TENSOR);
  if (n > 0) {
    if (!Number.isInteger(count) || count < 1) fail('its preview size is not a whole number ≥ 1');
    if (!previews || shapeText(previews.shape) !== shapeText([n, rows.length, count, s, s, channels])) fail(`its timeline previews are missing or do not match its ${n} snapshots`);
    if (shared && (!sources || shapeText(sources.shape) !== shapeText([2, count, s, s, channels]))) fail('its preview source pictures are missing or the wrong size');
  }
  const timeline: SwapSnapshot[] = (t.steps as unknown[]).map((step, i) => {
    const losses = (t.losses as unknown[])[i];
    if (!Array.isArray(losses) || losses.length !== 2 || !losses.every((v) => typeof v === 'number')) fail(`its snapshot ${i} has no losses`);
    const [lossA, lossB] = losses as number[];
    return {
      step: step as number,
      lossA,
      lossB,
      preview: previewOf(previews!.data, sources?.data ?? null, i, { count, imageSize: s, channels, rows }),
      scores: scoresOrNull((t.scores as unknown[])[i], `its scores at step ${String(step)}`, fail),
    };
  });
  const checkpoint: FaceSwapCheckpoint = {
    settings,
    steps: m.steps as number,
    seconds: m.seconds as number,
    description: typeof m.description === 'string' ? m.description : '',
    weights: bundle.weights.filter((w) => w.name !== PREVIEWS_TENSOR && w.name !== SOURCES_TENSOR),
    timeline,
    scores: scoresOrNull(m.scores, 'its final scores', fail) ?? fail('it has no final scores'),
    training: isRecord(m.training) ? m.training : {},
  };
  const problem = swapCheckpointProblem(checkpoint);
  if (problem) fail(problem);
  return checkpoint;
}
