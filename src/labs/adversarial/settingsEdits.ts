/**
 * Edits the controls make to a settings object. Each returns a new object and
 * keeps the combination valid (square grid mode counts, batch size a multiple
 * of the packing), so a control never leaves the lab in an unusable state.
 */
import { LIMITS, cloneSettings, settingsProblems, type DatasetKind, type GanSettings, type NetworkSettings } from '../../core/pointGan/ganSettings';
import { DATASET_DEFAULTS, batchForPacking } from '../../core/adversarial/settingsUrl';
import type { AdversarialSetup } from '../../protocol/adversarial/adversarialProtocol';
import type { EditorRules } from '../shared/settingsDraft';

export { batchForPacking };

export type NetworkName = 'generator' | 'discriminator';

const clamp = (v: number, min: number, max: number) => Math.min(max, Math.max(min, v));

/**
 * Switches to another toy dataset with that dataset's own cluster count and σ
 * (a ring's tight σ 0.01 would turn two blobs into two dots). Your own points
 * keep the current σ: there it is the jitter around each point.
 */
export function withDataset(s: GanSettings, dataset: DatasetKind): GanSettings {
  const next = cloneSettings(s);
  next.dataset = dataset;
  if (dataset !== 'custom') Object.assign(next, DATASET_DEFAULTS[dataset]);
  return next;
}

export function withPacking(s: GanSettings, packing: number): GanSettings {
  const next = cloneSettings(s);
  next.packing = clamp(Math.round(packing), LIMITS.packing.min, LIMITS.packing.max);
  next.batchSize = batchForPacking(next.batchSize, next.packing);
  return next;
}

export function withBatchSize(s: GanSettings, batchSize: number): GanSettings {
  const next = cloneSettings(s);
  next.batchSize = batchForPacking(clamp(Math.round(batchSize), LIMITS.batchSize.min, LIMITS.batchSize.max), next.packing);
  return next;
}

export function withNetwork(s: GanSettings, name: NetworkName, change: Partial<NetworkSettings>): GanSettings {
  const next = cloneSettings(s);
  next[name] = { ...next[name], ...change, hidden: [...(change.hidden ?? next[name].hidden)] };
  return next;
}

/** Grows (repeating the last layer's width, or 32) or shrinks the list of hidden layers. */
export function resizeHidden(hidden: readonly number[], count: number): number[] {
  const n = clamp(Math.round(count), LIMITS.hiddenLayers.min, LIMITS.hiddenLayers.max);
  const next = hidden.slice(0, n);
  while (next.length < n) next.push(next[next.length - 1] ?? 32);
  return next;
}

/** Layer widths from input to output: G maps noise to a point, D maps m packed points to one verdict. */
export function networkShape(s: GanSettings, name: NetworkName): number[] {
  return name === 'generator'
    ? [s.noiseDim, ...s.generator.hidden, 2]
    : [2 * s.packing, ...s.discriminator.hidden, 1];
}

export function describeShape(shape: readonly number[]): string {
  return shape.join(' → ');
}

export function sameSettings(a: GanSettings, b: GanSettings): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/** The same points, value for value (or both none). */
export function samePoints(a: Float32Array | null, b: Float32Array | null): boolean {
  if (a === b) return true;
  if (!a || !b || a.length !== b.length) return false;
  return a.every((v, i) => v === b[i]);
}

/**
 * The settings editor's rules for the adversarial lab. An edit keeps the start: after a model
 * file is loaded, the worker refuses settings its networks do not fit, and says why. Reset
 * always starts again from the seed, as the lab has always done.
 */
export const ADVERSARIAL_EDITOR_RULES: EditorRules<AdversarialSetup> = {
  same: (a, b) => sameSettings(a.settings, b.settings) && samePoints(a.customPoints, b.customPoints),
  problems: (s) => settingsProblems(s.settings),
  resetStart: (_start, scratch) => scratch,
};

/** A fresh seed within the allowed range (not reproducible on purpose: it is the "surprise me" button). */
export function randomSeed(random: () => number = Math.random): number {
  return Math.floor(random() * 1_000_000);
}
