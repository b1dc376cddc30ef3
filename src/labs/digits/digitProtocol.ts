/**
 * What the digit forger's worker and its views say to each other. Images
 * travel as Float32Arrays of n·28·28 values in [0, 1], a few times per second.
 */
import type { DigitGanSettings } from '../../core/digits/digitGanSettings';
import type { DigitStepStats } from '../../core/digits/digitGanTrainer';
import type { DigitQuality } from '../../core/digits/digitQuality';
import type { BackendChoice, TrainingSpeed, WorkerInfo } from '../adversarial/adversarialProtocol';

export type { BackendChoice, TrainingSpeed };

/** One point of the charts: the latest step statistics plus, every few seconds, the quality score. */
export interface DigitMetricPoint extends DigitStepStats {
  step: number;
  inceptionScore: number | null;
  frechetDistance: number | null;
}

export interface DigitFrame {
  generatorSteps: number;
  epochsPerSecond: number;
  /** The fixed-noise grid: the same noise every frame, so each cell evolves visibly. */
  grid: Float32Array;
  gridCount: number;
  /** D's verdict on each grid cell, as a probability where the loss has one. */
  gridVerdicts: Float32Array;
  /** The class asked of each cell (conditional models), else null. */
  gridLabels: Int32Array | null;
  newMetrics: DigitMetricPoint[];
}

export type DigitStatus =
  | { kind: 'idle' }
  | { kind: 'loading'; message: string }
  | { kind: 'paused' }
  | { kind: 'running' }
  | { kind: 'diverged'; message: string };

export interface DigitWorkerInfo extends WorkerInfo {
  trainCount: number;
  heldOutCount: number;
  /** Real held-out digits scored exactly as the fakes are: the yardstick on the quality charts. */
  realQuality: DigitQuality;
}

export interface RealDigits {
  images: Float32Array;
  labels: Uint8Array;
}

export interface DigitWorkerApi {
  init(backend: BackendChoice): Promise<DigitWorkerInfo>;
  subscribe(onFrame: (frame: DigitFrame) => void, onStatus: (status: DigitStatus) => void): void;
  /** A fresh model from the seed, or the shipped pretrained weights when `pretrained` names one. */
  configure(settings: DigitGanSettings, pretrained: string | null): Promise<void>;
  play(): void;
  pause(): void;
  step(): Promise<void>;
  setSpeed(speed: TrainingSpeed): void;
  /** Real training digits of the chosen classes, for the real-beside-fake view. */
  realDigits(count: number, seed: number): Promise<RealDigits>;
  /** Real digits of the trained classes scored as the fakes are (the charts' yardstick); null without a scorer. */
  realQuality(): Promise<DigitQuality | null>;
  /** G along a spherical path between two seeded noise vectors. */
  latentWalk(fromSeed: number, toSeed: number, steps: number, label: number | null): Promise<Float32Array>;
  /** G at a seeded noise vector with the first dimensions replaced by `overrides`. */
  sampleWithOverrides(seed: number, overrides: number[], label: number | null): Promise<Float32Array>;
}
