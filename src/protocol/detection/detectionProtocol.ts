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
import type { ToyVideoDemo } from '../../core/detection/toyVideo';
import type { OwnForgerSummary } from '../../core/detection/ownForger';

export type { PretrainedId, ToyVideoDemo, OwnForgerSummary };
export { PRETRAINED_IDS };

/** The learner's own forger: a digit forger model file loaded into this lab (or kept in the browser by the digit forger). */
export const OWN_FORGER = 'own';
/** The diffusion lab's shipped digit model, as a forger. */
export const DIFFUSION_FORGER = 'diffusion';
/** The face-swap lab's shipped toy-face model, as a forger: its swaps are the fakes, real toy faces the real pictures. */
export const FACE_SWAP_FORGER = 'face-swap';
/** A forger the lab can draw fakes from: a shipped GAN, the shipped diffusion or face-swap model, or the learner's own once loaded. */
export type GeneratorId = PretrainedId | typeof DIFFUSION_FORGER | typeof FACE_SWAP_FORGER | typeof OWN_FORGER;
/** The forgers the app ships (a share link can name any of these). */
export const SHIPPED_FORGERS: readonly GeneratorId[] = [...PRETRAINED_IDS, DIFFUSION_FORGER, FACE_SWAP_FORGER];

/** What a forger fakes, and so what the real pictures beside its fakes are: held-out MNIST digits, or toy faces from the face-swap lab's renderer. */
export type PictureKind = 'digits' | 'toyFaces';
export const pictureKindOf = (id: GeneratorId): PictureKind => (id === FACE_SWAP_FORGER ? 'toyFaces' : 'digits');
/** The real pictures of a kind, in a sentence: "real digits", "real toy faces". */
export const REAL_PICTURES: Record<PictureKind, string> = { digits: 'real digits', toyFaces: 'real toy faces' };
export const GENERATOR_IDS: readonly GeneratorId[] = [...SHIPPED_FORGERS, OWN_FORGER];

export const DETECTOR_KINDS = ['spectrum', 'pixel'] as const;
export type DetectorKind = (typeof DETECTOR_KINDS)[number];

export interface DetectionSettings extends DetectorSettings {
  /** Which generator draws the fakes: a shipped one, or the learner's own (which must be loaded first). */
  generator: GeneratorId;
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

export const GENERATOR_LABELS: Record<GeneratorId, string> = {
  mlp: 'MLP GAN',
  dcgan: 'DCGAN (resize)',
  'dcgan-transposed': 'DCGAN (transposed)',
  'dcgan-conditional': 'Conditional DCGAN',
  diffusion: 'Diffusion U-Net',
  'face-swap': 'Face swap (toy faces)',
  own: 'Your own forger',
};

/** The forgers to offer: the shipped ones, and the learner's own when one is loaded. */
export function generatorIds(ownLoaded: boolean): GeneratorId[] {
  return ownLoaded ? [...GENERATOR_IDS] : [...SHIPPED_FORGERS];
}

/** A generator's name inside a sentence, after "the": "MLP GAN", "forger you loaded (mine.weights)". */
export function generatorPhrase(id: GeneratorId, own: Pick<OwnForgerSummary, 'name'> | null): string {
  return id === OWN_FORGER ? `forger you loaded${own ? ` (${own.name})` : ''}` : GENERATOR_LABELS[id];
}

/** A generator's name as a label (a list, a table row): "MLP GAN", "Your own forger (mine.weights)". */
export function generatorLabel(id: GeneratorId, own: Pick<OwnForgerSummary, 'name'> | null): string {
  return id === OWN_FORGER && own ? `${GENERATOR_LABELS.own} (${own.name})` : GENERATOR_LABELS[id];
}

/** The forgers as select options (the learner's own only once loaded, named after its file). */
export function optionsOfGenerators(own: OwnForgerSummary | null): { value: GeneratorId; label: string }[] {
  return generatorIds(own !== null).map((value) => ({ value, label: generatorLabel(value, own) }));
}

export const DETECTOR_LABELS: Record<DetectorKind, string> = {
  spectrum: 'Spectrum detector',
  pixel: 'Pixel CNN',
};

export function detectionSettingsProblems(s: DetectionSettings): string[] {
  const p = new SettingsProblems();
  p.oneOf('generator', s.generator, GENERATOR_IDS);
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
  /** How long the two mean spectra took (fft.js, in the worker), and over how many pictures. */
  spectraSeconds: number;
  spectraCount: number;
  generator: GeneratorId;
  /** That generator inside a sentence, after "the" (generatorPhrase: "MLP GAN", "forger you loaded (mine.weights)"). */
  generatorName: string;
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
  trainedOn: GeneratorId;
  generator: GeneratorId;
  detector: DetectorKind;
  steps: number;
  accuracy: number;
  auc: number;
  /** Average precision of P(fake): how well it ranks, whatever the threshold. */
  averagePrecision: number;
  /** Share of the other generator's fakes called fake at ½. */
  fakesCaught: number;
  /** Share of the real digits called real at ½. */
  realPassed: number;
}

/** Training steps of each fresh detector in the whole table (one per row). */
export const MATRIX_STEPS: Record<DetectorKind, number> = { spectrum: 400, pixel: 200 };

/**
 * One row of the whole generalisation table: a fresh detector, of the lab's current kind and
 * settings, trained MATRIX_STEPS steps on one forger's fakes, then tested on every forger's.
 */
export interface GeneralisationRow {
  trainedOn: GeneratorId;
  detector: DetectorKind;
  steps: number;
  /** Wall time of the row, training and testing. */
  seconds: number;
  /** One per forger tested on, in generatorIds order. */
  cells: GeneralisationResult[];
}

export interface DetectionWorkerInfo extends WorkerInfo {
  realAvailable: number;
}

export interface DetectionWorkerApi extends TrainingSessionApi<DetectionSettings, DetectionFrame, DetectionWorkerInfo, null>, DetectionWorkerLabApi {
  /** Judges the current detector on the held-out real digits and as many fresh fakes from `generator`. */
  judgeGenerator(generator: GeneratorId): Promise<GeneralisationResult>;
  /**
   * Trains a fresh detector (the current one's kind and settings) on `trainedOn`'s fakes and
   * tests it on every forger's; the lab's own detector is not touched.
   */
  generalisationRow(trainedOn: GeneratorId): Promise<GeneralisationRow>;
  /** The current set's spectra and examples (as its first frame carried them). */
  spectra(): Promise<DetectionSpectra>;
}

/** "You against the detector": the quiz's pictures, with the current detector's P(fake) for each (the page hides these until the end). */
export interface QuizItems {
  generator: GeneratorId;
  seed: number;
  /** 20 pictures, side² each, in [-1, 1]: real held-out digits (never trained on) and fresh fakes. */
  images: Float32Array;
  /** 1 = fake, 0 = real, per picture. */
  labels: Uint8Array;
  detectorScores: Float32Array;
  detector: DetectorKind;
  /** The detector's training steps when it judged them. */
  steps: number;
}

/** "Where the detector looks": gradient × input of the current detector's logit for one held-out picture. */
export interface SaliencyView {
  /** Which held-out picture of its kind, from 0. */
  position: number;
  realCount: number;
  fakeCount: number;
  /** 1 = fake, 0 = real. */
  label: number;
  /** The picture and its map, side² each; map values are x · ∂logit/∂x (positive pushes towards "fake"). */
  image: Float32Array;
  map: Float32Array;
  pFake: number;
  /** For digits: the share of the map's total |value| on (nearly) blank paper, pixels at or below −0.999; null for toy faces. */
  paperShare: number | null;
  detector: DetectorKind;
  steps: number;
}

/** Held-out pictures of the current set, for laundering (they go through the page's JPEG encoder). */
export interface HeldOutPictures {
  images: Float32Array;
  labels: Uint8Array;
}

export const ARMS_RACE_DETECTORS = DETECTOR_KINDS;

/** What the learner sets for the arms race (on the MLP GAN, the cheapest generator). */
export interface ArmsRaceSettings {
  detector: DetectorKind;
  /** Weight of the frozen detector's term in the generator's loss. */
  detectorWeight: number;
  /** Weight of the generator's usual GAN loss against its own discriminator. */
  qualityWeight: number;
  /** Generator fine-tuning steps per round. */
  evasionSteps: number;
  learningRate: number;
}

export const ARMS_RACE_LIMITS = {
  detectorWeight: { min: 0, max: 100 },
  qualityWeight: { min: 0, max: 100 },
  evasionSteps: { min: 1, max: 1000 },
  learningRate: { min: 1e-5, max: 0.05 },
} as const;

export const DEFAULT_ARMS_RACE_SETTINGS: ArmsRaceSettings = { detector: 'pixel', detectorWeight: 1, qualityWeight: 1, evasionSteps: 60, learningRate: 3e-3 };

export function armsRaceSettingsProblems(s: ArmsRaceSettings): string[] {
  const p = new SettingsProblems();
  p.oneOf('detector', s.detector, DETECTOR_KINDS);
  p.number('detector weight', s.detectorWeight, ARMS_RACE_LIMITS.detectorWeight);
  p.number('GAN loss weight', s.qualityWeight, ARMS_RACE_LIMITS.qualityWeight);
  p.number('fine-tuning steps', s.evasionSteps, ARMS_RACE_LIMITS.evasionSteps, true);
  p.number('learning rate', s.learningRate, ARMS_RACE_LIMITS.learningRate);
  return p.list;
}

export interface ArmsRacePoint {
  round: number;
  caughtAccuracy: number;
  caughtFakeProbability: number;
  evadedAccuracy: number;
  evadedFakeProbability: number;
  inceptionBefore: number;
  inceptionAfter: number;
}

export interface ArmsRaceState {
  settings: ArmsRaceSettings;
  rounds: ArmsRacePoint[];
  /** What the next press does. */
  phase: 'train-detector' | 'evade';
  /** 'gan': the checkpoint's discriminator keeps the fakes digit-like; 'anchor': closeness to the original pictures does. */
  quality: 'gan' | 'anchor';
  /** The generator's pictures on fixed noise now, side² each. */
  examples: Float32Array;
  exampleCount: number;
}

export interface DetectionWorkerLabApi {
  /**
   * Reads a digit forger's model file as the learner's own forger, replacing the one loaded
   * before; refuses a file that is not one with the reason, and then nothing changes (the
   * detector, its set and the forger loaded before stay).
   */
  loadOwnForger(name: string, bytes: Uint8Array): Promise<OwnForgerSummary>;
  /** The own forger loaded in this worker, or null. */
  ownForger(): Promise<OwnForgerSummary | null>;
  quizItems(generator: GeneratorId, seed: number): Promise<QuizItems>;
  heldOutPictures(count: number): Promise<HeldOutPictures>;
  /** The current detector's P(fake) for pictures of side² each. */
  scorePictures(images: Float32Array): Promise<Float32Array>;
  /** Where the current detector looks in held-out picture `position` of a kind (1 = fake, 0 = real; a position past the last gives the last). */
  saliency(label: number, position: number): Promise<SaliencyView>;
  /** A new arms race on the MLP GAN (the previous one is dropped), then its first phase. */
  armsRaceStart(settings: ArmsRaceSettings): Promise<ArmsRaceState>;
  /** The next phase: train a detector on the current fakes, or fine-tune the generator against it. */
  armsRaceNext(): Promise<ArmsRaceState>;
  /** Juno's toy clip and its frame-by-frame swap, their temporal signals, and a temporal detector trained on other seeded clips. */
  toyVideo(seed: number): Promise<ToyVideoDemo>;
}

/** The detectors as select options. */
export function optionsOfDetectors(): { value: DetectorKind; label: string }[] {
  return DETECTOR_KINDS.map((value) => ({ value, label: DETECTOR_LABELS[value] }));
}
