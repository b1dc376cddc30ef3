/**
 * What every detector's training takes: Adam's learning rate, the batch size and the
 * seed (initial weights and batch order). Checked field by field with one sentence each.
 */
import { SettingsProblems, throwIfProblems } from '../shared/settingsProblems';

export interface DetectorSettings {
  learningRate: number;
  batchSize: number;
  seed: number;
}

export const DETECTOR_LIMITS = {
  learningRate: { min: 1e-5, max: 1 },
  batchSize: { min: 1, max: 1024 },
  seed: { min: 0, max: 2 ** 32 - 1 },
} as const;

export const DEFAULT_SPECTRUM_DETECTOR_SETTINGS: DetectorSettings = { learningRate: 0.05, batchSize: 64, seed: 1 };
export const DEFAULT_PIXEL_DETECTOR_SETTINGS: DetectorSettings = { learningRate: 1e-2, batchSize: 32, seed: 1 };

export function detectorSettingsProblems(s: DetectorSettings): string[] {
  const p = new SettingsProblems();
  p.number('learning rate', s.learningRate, DETECTOR_LIMITS.learningRate);
  p.number('batch size', s.batchSize, DETECTOR_LIMITS.batchSize, true);
  p.number('seed', s.seed, DETECTOR_LIMITS.seed, true);
  return p.list;
}

export function checkDetectorSettings(s: DetectorSettings): void {
  throwIfProblems('detector settings', detectorSettingsProblems(s));
}
