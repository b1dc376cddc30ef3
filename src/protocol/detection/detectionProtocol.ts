/**
 * What the detection lab's worker and page say to each other. The worker builds a set of
 * real digits (the MNIST held-out split, which no shipped GAN saw) and fakes from one shipped
 * generator, splits it into training and held-out pictures, and trains a detector on it live.
 * Frames carry typed arrays a few times per second; the spectra, which depend only on the
 * set, come once per set.
 */
import { DETECTOR_LIMITS, type DetectorSettings } from '../../core/detection/detectorSettings';
import { PRETRAINED_IDS, type PretrainedId } from '../../core/mnist/pretrainedDigitGans';
import { SettingsProblems } from '../../core/shared/settingsProblems';
import type { FrameBase, TrainingSessionApi, WorkerInfo } from '../shared/sessionProtocol';

export type { PretrainedId };
export { PRETRAINED_IDS };

export const DETECTOR_KINDS = ['spectrum', 'pixel'] as const;
export type DetectorKind = (typeof DETECTOR_KINDS)[number];

export interface DetectionSettings extends DetectorSettings {
  /** Which shipped generator draws the fakes. */
  generator: PretrainedId;
  detector: DetectorKind;
  /** Real digits in the set; as many fakes are drawn. 30% of each are held out. */
  perClass: number;
}

export const HELD_OUT_FRACTION = 0.3;
export const SIDE = 28;

export const DETECTION_LIMITS = {
  ...DETECTOR_LIMITS,
  perClass: { min: 50, max: 2000 },
} as const;

export const DEFAULT_DETECTION_SETTINGS: DetectionSettings = {
  generator: 'mlp',
  detector: 'spectrum',
  perClass: 600,
  learningRate: 0.05,
  batchSize: 64,
  seed: 1,
};

/** Each detector's usual learning rate and batch (the page switches to them with the detector). */
export const DETECTOR_DEFAULTS: Record<DetectorKind, Pick<DetectionSettings, 'learningRate' | 'batchSize'>> = {
  spectrum: { learningRate: 0.05, batchSize: 64 },
  pixel: { learningRate: 0.01, batchSize: 32 },
};

export const GENERATOR_LABELS: Record<PretrainedId, string> = {
  mlp: 'MLP GAN',
  dcgan: 'DCGAN',
  'dcgan-conditional': 'Conditional DCGAN',
};

export const DETECTOR_LABELS: Record<DetectorKind, string> = {
  spectrum: 'Spectrum detector',
  pixel: 'Pixel CNN',
};

export function detectionSettingsProblems(s: DetectionSettings): string[] {
  const p = new SettingsProblems();
  p.oneOf('generator', s.generator, PRETRAINED_IDS);
  p.oneOf('detector', s.detector, DETECTOR_KINDS);
  p.number('pictures per class', s.perClass, DETECTION_LIMITS.perClass, true);
  p.number('learning rate', s.learningRate, DETECTION_LIMITS.learningRate);
  p.number('batch size', s.batchSize, DETECTION_LIMITS.batchSize, true);
  p.number('seed', s.seed, DETECTION_LIMITS.seed, true);
  return p.list;
}

/** One point of the charts. */
export interface DetectionMetric {
  step: number;
  /** Mean training cross-entropy over the steps since the previous point. */
  loss: number;
  heldOutLoss: number;
  /** Held-out accuracy at the threshold ½. */
  accuracy: number;
  auc: number;
}

/** What depends only on the set: sent in the first frame after each build. */
export interface DetectionSpectra {
  /** Which built set these belong to (frames carry the same number). */
  setId: number;
  side: number;
  /** Mean centred log power spectrum, side², row-major, zero frequency at (side/2, side/2). */
  realLogPower: Float32Array;
  fakeLogPower: Float32Array;
  /** Azimuthal averages of those: ring b holds frequencies ⌊distance⌋ = b. */
  realRadial: Float32Array;
  fakeRadial: Float32Array;
  /** A few example pictures of each kind, side² each, in [-1, 1]. */
  realExamples: Float32Array;
  fakeExamples: Float32Array;
  exampleCount: number;
  generator: PretrainedId;
  trainCount: number;
  heldOutCount: number;
}

export interface DetectionFrame extends FrameBase<DetectionMetric> {
  /** P(fake) for each held-out picture. */
  heldOutScores: Float32Array;
  /** 1 = fake, 0 = real, per held-out picture (same order). */
  heldOutLabels: Uint8Array;
  accuracy: number;
  auc: number;
  /** The set the detector trains on now: a new number after each build. */
  setId: number;
  /** Non-null in the first frame after each build only (`spectra()` fetches them again). */
  spectra: DetectionSpectra | null;
}

/** "Trained on one generator, tested on another": the held-out real digits against fresh fakes from `generator`. */
export interface GeneralisationResult {
  trainedOn: PretrainedId;
  generator: PretrainedId;
  detector: DetectorKind;
  steps: number;
  accuracy: number;
  auc: number;
  /** Share of the other generator's fakes called fake at ½. */
  fakesCaught: number;
  /** Share of the real digits called real at ½. */
  realPassed: number;
}

export interface DetectionWorkerInfo extends WorkerInfo {
  realAvailable: number;
}

export interface DetectionWorkerApi extends TrainingSessionApi<DetectionSettings, DetectionFrame, DetectionWorkerInfo, null> {
  /** Judges the current detector on the held-out real digits and as many fresh fakes from `generator`. */
  judgeGenerator(generator: PretrainedId): Promise<GeneralisationResult>;
  /** The current set's spectra and examples (as its first frame carried them). */
  spectra(): Promise<DetectionSpectra>;
}
