/**
 * What the provenance lab's page and its learned-watermark worker say to each other. The
 * worker trains a HiDDeN-style encoder and decoder live (core/provenance/learnedWatermark.ts)
 * on crops of toy faces, with a noise layer between them; the page asks it to mark a picture's
 * luminance with 32 bits and to read them back, so the learned mark can go through the same
 * attacks (the browser's own JPEG encoder among them) as the classic one.
 */
import { SettingsProblems } from '../../core/shared/settingsProblems';
import type { FrameBase, TrainingSessionApi, WorkerInfo } from '../shared/sessionProtocol';

/** Bits the learned mark carries (the classic mark's payload is 32 bits too). */
export const LEARNED_MARK_BITS = 32;

export interface LearnedMarkSettings {
  /** The mark's strength as the PSNR (dB) it is trained at. */
  psnr: number;
  learningRate: number;
  /** Steps with no attack before the noise layer starts. */
  warmupSteps: number;
  seed: number;
}

export const DEFAULT_LEARNED_MARK_SETTINGS: LearnedMarkSettings = { psnr: 38, learningRate: 2e-3, warmupSteps: 300, seed: 1 };

export const LEARNED_MARK_LIMITS = {
  psnr: { min: 30, max: 50 },
  learningRate: { min: 1e-4, max: 0.05 },
  warmupSteps: { min: 0, max: 5000 },
  seed: { min: 0, max: 1_000_000 },
} as const;

export function learnedMarkSettingsProblems(s: LearnedMarkSettings): string[] {
  const p = new SettingsProblems();
  p.number('PSNR', s.psnr, LEARNED_MARK_LIMITS.psnr);
  p.number('learning rate', s.learningRate, LEARNED_MARK_LIMITS.learningRate);
  p.number('warm-up steps', s.warmupSteps, LEARNED_MARK_LIMITS.warmupSteps, true);
  p.number('seed', s.seed, LEARNED_MARK_LIMITS.seed, true);
  return p.list;
}

export interface LearnedMarkMetric {
  step: number;
  /** Mean message cross-entropy over the steps since the previous point. */
  messageLoss: number;
  /** Share of bits read right on the fixed held-out crops, untouched and after the JPEG simulation at quality 50. */
  heldOutBits: number;
  heldOutBitsJpeg: number;
}

export interface LearnedMarkFrame extends FrameBase<LearnedMarkMetric> {
  heldOutBits: number;
  heldOutBitsJpeg: number;
  /** The attack the noise layer used last ('identity' during the warm-up). */
  noise: string;
}

export interface LearnedMarkWorkerApi extends TrainingSessionApi<LearnedMarkSettings, LearnedMarkFrame, WorkerInfo, null> {
  /** The luminance change (in 0–255 levels) that marks a width×height luminance plane (0–255) with LEARNED_MARK_BITS bits (0 or 1 each), at the trained PSNR. */
  markChange(plane: Float32Array, width: number, height: number, bits: Uint8Array): Promise<Float32Array>;
  /** The bits read from a luminance plane (0–255); `cropped` tries every way the mark's 8×8 grid can sit. */
  readBits(plane: Float32Array, width: number, height: number, cropped: boolean): Promise<Uint8Array>;
}
