/**
 * The detection lab on the generic TrainingSession. A model is a detector with the set it
 * trains on: real pictures and as many fakes drawn by one forger, seeded, split 70/30 into
 * training and held-out pictures. A digit forger (a shipped GAN, the diffusion model or the
 * learner's own) is set against real digits from the MNIST held-out split (no shipped forger
 * saw them); the face-swap model's swaps against real toy faces from the renderer. Each step is one Adam step of the detector;
 * each frame judges the held-out pictures (their scores go to the page, which draws the
 * threshold, confusion matrix and ROC from them). The spectra depend on the set alone, so they
 * go once, in the first frame.
 *
 * The lab keeps no model files: a detector trains in seconds from its settings, which the
 * share link carries. It does read one kind of file: a digit forger's model, the learner's own
 * forger, which then draws fakes wherever a shipped generator can.
 */
import type { DigitCheckpoint } from '../../core/mnist/digitCheckpoint';
import type { DigitSet } from '../../core/mnist/digitAsset';
import type { DigitClassifier } from '../../core/mnist/digitClassifier';
import { ArmsRace } from '../../core/detection/armsRace';
import { quizLabels, QUIZ_LENGTH } from '../../core/detection/quiz';
import { digitsToFloats, pickDigits } from '../../core/mnist/digitDataset';
import type { BinaryDetector, DetectorJudgement } from '../../core/detection/binaryDetector';
import { FAKE, labelledSet, splitDetectionSet, REAL, type DetectionSet } from '../../core/detection/detectionSet';
import { drawGeneratorFakes } from '../../core/detection/generatorFakes';
import { DIFFUSION_FAKE_SAMPLING, drawDiffusionFakes } from '../../core/detection/diffusionFakes';
import { drawFaceSwapFakes, realToyFaces } from '../../core/detection/faceSwapFakes';
import type { SwapNetFile } from '../../core/autoencoder/swapNetFile';
import type { DigitDiffusionCheckpoint } from '../../core/denoising/digitDiffusionCheckpoint';
import { readOwnForger, type OwnForger, type OwnForgerSummary } from '../../core/detection/ownForger';
import { PixelDetector } from '../../core/detection/pixelDetector';
import { gradientTimesInput, shareOn } from '../../core/detection/saliency';
import { SpectrumAnalyser, meanLogPowerSpectrum } from '../../core/detection/spectrum';
import { SpectrumDetector } from '../../core/detection/spectrumDetector';
import {
  DETECTOR_LABELS, DIFFUSION_FORGER, FACE_SWAP_FORGER, GENERATOR_IDS, HELD_OUT_FRACTION, generatorPhrase, OWN_FORGER, SIDE, armsRaceSettingsProblems, detectionSettingsProblems,
  pictureKindOf, type PictureKind,
  type ArmsRaceSettings, type ArmsRaceState, type HeldOutPictures, type QuizItems, type DetectionFrame, type DetectionMetric, type DetectionSettings, type DetectionSpectra,
  type GeneralisationResult, type GeneralisationRow, type GeneratorId, type PretrainedId, type SaliencyView, MATRIX_STEPS, generatorIds,
} from '../../protocol/detection/detectionProtocol';
import type { StartRequest } from '../../protocol/shared/sessionProtocol';
import { keptWeights } from '../shared/keptWeights';
import type { SessionAdapter } from '../shared/sessionAdapter';
import type { SessionClock } from '../shared/sessionClock';
import { TrainingSession } from '../shared/trainingSession';

/** What the worker loads once and gives the adapter: the real digits and the shipped generators. */
export interface DetectionData {
  /** The MNIST held-out split. */
  heldOutDigits: DigitSet;
  /** A shipped generator's checkpoint, fetched and decoded once. */
  checkpoint(id: PretrainedId): Promise<DigitCheckpoint>;
  /** The diffusion lab's shipped digit model, fetched and decoded once. */
  diffusionModel(): Promise<DigitDiffusionCheckpoint>;
  /** The face-swap lab's shipped toy-face model (its networks), fetched and decoded once. */
  faceSwapModel(): Promise<SwapNetFile>;
  /** The project's digit classifier (for the Inception Score), fetched and decoded once. */
  classifier(): Promise<DigitClassifier>;
}

/** Detector training steps per arms-race round, by detector. */
export const ARMS_RACE_DETECTOR_STEPS = { spectrum: 300, pixel: 400 } as const;
/** Real digits and fakes per arms-race round (30% of each held out). */
export const ARMS_RACE_PER_CLASS = 300;
const ARMS_RACE_EXAMPLES = 8;

export interface DetectionModel {
  detector: BinaryDetector;
  settings: DetectionSettings;
  /** The held-out real pictures (digits or toy faces, as the forger fakes), for judging against other generators. */
  heldOutReal: Float32Array;
  /** The held-out fakes (for laundering). */
  heldOutFake: Float32Array;
  heldOutFakeCount: number;
  spectra: DetectionSpectra;
  spectraSent: boolean;
  lossSum: number;
  lossCount: number;
}

export interface DetectionSessionTypes {
  settings: DetectionSettings;
  model: DetectionModel;
  metric: DetectionMetric;
  frame: DetectionFrame;
  startInfo: null;
  stepKind: undefined;
}

export type DetectionTrainingSession = TrainingSession<DetectionSessionTypes>;

/** Speed n trains 10n steps a second; frames four times a second. */
const PACING = { stepsPerSecondPerSpeed: 10, frameIntervalMs: 250, sliceMs: 20 };
export const EXAMPLES = 8;
const PIXELS = SIDE * SIDE;

/** Salts that keep the fakes of the set and of a generalisation test apart for one seed. */
const FAKE_SALT = 7;
const OTHER_SALT = 1_000_003;
const QUIZ_SALT = 2_000_029;
/** Real toy faces are drawn, not picked from a split: their own salt keeps them apart from the swaps' sources. */
const REAL_SALT = 3_000_017;
/** Fake draws kept for reuse (600 fakes are 1.9 MB). */
const FAKES_KEPT = 10;
/** Pixels at or below this count as blank paper (a scanned digit's paper is −1; a GAN's tanh reaches −0.9999). */
const PAPER_LEVEL = -0.999;
/** Most pictures laundering sends at once. */
export const MAX_LAUNDERED = 1000;

/** `count` digits spread evenly over the held-out split (every class, since the asset is stored by class). */
export function realPictures(digits: DigitSet, count: number): Float32Array {
  if (count > digits.count) throw new RangeError(`Only ${digits.count} held-out real digits exist; ask for at most that many.`);
  const picked = Array.from({ length: count }, (_, i) => Math.floor((i * digits.count) / count));
  return digitsToFloats(pickDigits(digits, picked), 0, count);
}

function picturesOf(set: DetectionSet, label: number): Float32Array {
  const out: number[] = [];
  for (let i = 0; i < set.count; i++) if (set.labels[i] === label) out.push(i);
  const images = new Float32Array(out.length * PIXELS);
  out.forEach((i, k) => images.set(set.images.subarray(i * PIXELS, (i + 1) * PIXELS), k * PIXELS));
  return images;
}

let setCount = 0;

function spectraOf(real: Float32Array, fake: Float32Array, settings: DetectionSettings, generatorName: string, train: DetectionSet, heldOut: DetectionSet): DetectionSpectra {
  const analyser = new SpectrumAnalyser(SIDE, SIDE);
  const started = performance.now();
  const realLog = meanLogPowerSpectrum(real, real.length / PIXELS, SIDE, SIDE);
  const fakeLog = meanLogPowerSpectrum(fake, fake.length / PIXELS, SIDE, SIDE);
  const spectraSeconds = (performance.now() - started) / 1000;
  const examples = Math.min(EXAMPLES, real.length / PIXELS, fake.length / PIXELS);
  return {
    setId: ++setCount,
    side: SIDE,
    realLogPower: Float32Array.from(realLog),
    fakeLogPower: Float32Array.from(fakeLog),
    realRadial: Float32Array.from(analyser.radialAverage(realLog)),
    fakeRadial: Float32Array.from(analyser.radialAverage(fakeLog)),
    // Spread over the set, so the examples show several digits.
    realExamples: pickEvery(real, examples),
    fakeExamples: pickEvery(fake, examples),
    exampleCount: examples,
    spectraSeconds,
    spectraCount: (real.length + fake.length) / PIXELS,
    generator: settings.generator,
    generatorName,
    trainCount: train.count,
    heldOutCount: heldOut.count,
  };
}

function pickEvery(images: Float32Array, n: number): Float32Array {
  const count = images.length / PIXELS;
  const out = new Float32Array(n * PIXELS);
  for (let k = 0; k < n; k++) {
    // Spread over the set, from a multiple of ten plus k mod 10: a conditional forger's digits
    // (0–9 in turn) differ, and toy faces (A and B in turn) alternate.
    const i = 10 * Math.floor((k * count) / (10 * n)) + (k % 10);
    out.set(images.subarray((i % count) * PIXELS, ((i % count) + 1) * PIXELS), k * PIXELS);
  }
  return out;
}

function resultOf(judged: DetectorJudgement, settings: DetectionSettings, generator: GeneratorId, steps: number): GeneralisationResult {
  return {
    trainedOn: settings.generator,
    generator,
    detector: settings.detector,
    steps,
    accuracy: judged.accuracy,
    auc: judged.auc,
    averagePrecision: judged.averagePrecision,
    fakesCaught: judged.confusion.truePositiveRate,
    realPassed: 1 - judged.confusion.falsePositiveRate,
  };
}

export class DetectionAdapter implements SessionAdapter<DetectionSessionTypes> {
  readonly pacing = PACING;
  private data: DetectionData | null = null;
  private race: ArmsRace | null = null;
  private raceSettings: ArmsRaceSettings | null = null;
  private own: OwnForger | null = null;
  /** Fakes drawn lately, newest last, with the file they came from (a new own forger draws anew). */
  private readonly fakesKept = new Map<string, { source: object; fakes: Float32Array }>();

  provide(data: DetectionData): void {
    this.data = data;
  }

  private requireData(): DetectionData {
    if (!this.data) throw new Error('The digits and generators are not loaded yet: wait for the lab to start.');
    return this.data;
  }

  /** Reads a digit forger's model file as the learner's own forger; a refused file changes nothing. */
  loadOwnForger(name: string, bytes: Uint8Array): OwnForgerSummary {
    const own = readOwnForger(name, bytes);
    this.own = own;
    return { ...own.summary };
  }

  ownForger(): OwnForgerSummary | null {
    return this.own ? { ...this.own.summary } : null;
  }

  /** A generator inside a sentence: the learner's own by its file name. */
  generatorName(id: GeneratorId): string {
    return generatorPhrase(id, this.own?.summary ?? null);
  }

  /** A GAN's checkpoint: a shipped one (fetched on first use), or the learner's own. */
  private async checkpointOf(id: GeneratorId): Promise<DigitCheckpoint> {
    if (!GENERATOR_IDS.includes(id) || id === DIFFUSION_FORGER || id === FACE_SWAP_FORGER) throw new Error(`There is no generator called "${String(id)}": choose a shipped one or your own forger.`);
    if (id === OWN_FORGER) {
      if (!this.own) throw new Error('Your own forger is not loaded: load a model file saved by the digit forger (or one kept in this browser) first.');
      return this.own.checkpoint;
    }
    return this.requireData().checkpoint(id);
  }

  /**
   * `count` fakes from a forger for a seed, drawn once and kept (the last FAKES_KEPT draws): a
   * Reset, the table's rows and the quiz reuse them. The diffusion model's take seconds, drawn
   * in chunks with a pause between them, so the page's liveness probes are answered.
   */
  private async fakesOf(id: GeneratorId, count: number, seed: number, progress?: (drawn: number) => void): Promise<Float32Array> {
    if (!GENERATOR_IDS.includes(id)) throw new Error(`There is no generator called "${String(id)}": choose a shipped one or your own forger.`);
    const data = this.requireData();
    const source = id === DIFFUSION_FORGER ? await data.diffusionModel() : id === FACE_SWAP_FORGER ? await data.faceSwapModel() : await this.checkpointOf(id);
    const key = `${id}:${count}:${seed}`;
    const kept = this.fakesKept.get(key);
    if (kept && kept.source === source) {
      this.fakesKept.delete(key);
      this.fakesKept.set(key, kept);
      return kept.fakes;
    }
    const fakes = id === DIFFUSION_FORGER
      ? await drawDiffusionFakes(source as DigitDiffusionCheckpoint, count, seed, (drawn) => {
        progress?.(drawn);
        return new Promise((resolve) => setTimeout(resolve, 0));
      })
      : id === FACE_SWAP_FORGER ? drawFaceSwapFakes(source as SwapNetFile, count, seed, SIDE)
      : drawGeneratorFakes(source as DigitCheckpoint, count, seed);
    this.fakesKept.set(key, { source, fakes });
    while (this.fakesKept.size > FAKES_KEPT) this.fakesKept.delete(this.fakesKept.keys().next().value!);
    return fakes;
  }

  /**
   * `count` real pictures of a kind: digits spread over the held-out split (the same for
   * every seed), or toy faces drawn for the seed.
   */
  private async realOf(kind: PictureKind, count: number, seed: number): Promise<Float32Array> {
    const data = this.requireData();
    return kind === 'digits' ? realPictures(data.heldOutDigits, count) : realToyFaces((await data.faceSwapModel()).settings, count, seed + REAL_SALT, SIDE);
  }

  /**
   * Real pictures to judge `generator`'s fakes against, for a detector trained on `trainedOn`'s
   * set: its held-out ones when both fake the same kind (never trained on), else `count` of the
   * generator's kind (which this detector never saw either).
   */
  private async realBeside(trainedOn: GeneratorId, heldOutReal: Float32Array, generator: GeneratorId, count: number, seed: number): Promise<Float32Array> {
    const kind = pictureKindOf(generator);
    return kind === pictureKindOf(trainedOn) ? heldOutReal : this.realOf(kind, count, seed);
  }

  async build(settings: DetectionSettings | null, start: StartRequest, loading: (message: string) => void) {
    if (start.kind !== 'scratch') throw new Error('The detection lab trains its detectors from scratch; it loads no model files.');
    if (!settings) throw new Error('Settings are needed to build a detector.');
    const problems = detectionSettingsProblems(settings);
    if (problems.length > 0) throw new Error(`The settings are not valid: ${problems.join('; ')}.`);
    const data = this.requireData();
    if (pictureKindOf(settings.generator) === 'digits' && settings.perClass > data.heldOutDigits.count) throw new Error(`Only ${data.heldOutDigits.count} held-out real digits exist; use at most that many pictures per class.`);
    const s: DetectionSettings = { ...settings };
    const name = this.generatorName(s.generator);
    const slow = s.generator === DIFFUSION_FORGER ? `, ${DIFFUSION_FAKE_SAMPLING.steps} denoising steps each` : '';
    loading(`Drawing ${s.perClass} fakes from the ${name}${slow} and measuring spectra…`);
    const fake = await this.fakesOf(s.generator, s.perClass, s.seed + FAKE_SALT, (drawn) => loading(`Drawing ${s.perClass} fakes from the ${name}${slow}: ${drawn} so far…`));
    const { detector, real, train, heldOut, heldOutReal, heldOutFakeCount } = this.detectorFor(s, await this.realOf(pictureKindOf(s.generator), s.perClass, s.seed), fake);
    const model: DetectionModel = {
      detector,
      settings: s,
      heldOutReal,
      heldOutFake: picturesOf(heldOut, FAKE),
      heldOutFakeCount,
      spectra: spectraOf(real, fake, s, name, train, heldOut),
      spectraSent: false,
      lossSum: 0,
      lossCount: 0,
    };
    return { model, settings: { ...s }, start: null, trainedSeconds: 0 };
  }

  /** The lab's set for these settings (real pictures and the forger's seeded fakes, split 70/30) and an untrained detector on it. */
  private detectorFor(s: DetectionSettings, real: Float32Array, fake: Float32Array) {
    const { train, heldOut } = splitDetectionSet(labelledSet(real, fake, SIDE, SIDE), HELD_OUT_FRACTION, s.seed);
    const detectorSettings = { learningRate: s.learningRate, batchSize: s.batchSize, seed: s.seed };
    const detector: BinaryDetector = s.detector === 'spectrum' ? new SpectrumDetector(train, heldOut, detectorSettings) : new PixelDetector(train, heldOut, detectorSettings);
    return { detector, real, fake, train, heldOut, heldOutReal: picturesOf(heldOut, REAL), heldOutFakeCount: heldOut.labels.filter((l) => l === FAKE).length };
  }

  steps = (model: DetectionModel) => model.detector.steps;

  trainStep(model: DetectionModel): void {
    const { loss } = model.detector.step();
    model.lossSum += loss;
    model.lossCount++;
  }

  observe(model: DetectionModel, { record }: { record: boolean; scoreDue: boolean }) {
    const { judgement, scores } = model.detector.heldOutWithScores();
    if (scores.some((p) => !Number.isFinite(p))) return { nonFinite: "the detector's scores" };
    if (model.lossCount > 0 && !Number.isFinite(model.lossSum)) return { nonFinite: 'the training loss' };
    let metric: DetectionMetric | null = null;
    if (record && model.lossCount > 0) {
      metric = { step: model.detector.steps, loss: model.lossSum / model.lossCount, heldOutLoss: judgement.loss, accuracy: judgement.accuracy, auc: judgement.auc };
      model.lossSum = 0;
      model.lossCount = 0;
    }
    const spectra = model.spectraSent ? null : model.spectra;
    model.spectraSent = true;
    return {
      nonFinite: null,
      fields: { heldOutScores: scores, heldOutLabels: model.detector.heldOutLabels.slice(), accuracy: judgement.accuracy, auc: judgement.auc, setId: model.spectra.setId, spectra },
      metric,
      scored: false,
    };
  }

  capture(model: DetectionModel) {
    const steps = model.detector.steps;
    return keptWeights<DetectionModel>(model.detector.namedWeights(), steps, (target, weights) => {
      target.detector.loadWeights(weights);
      target.detector.steps = steps;
    });
  }

  divergenceAdvice(model: DetectionModel): string {
    return `The learning rate ${model.settings.learningRate} is probably too high for the ${DETECTOR_LABELS[model.settings.detector].toLowerCase()}: lower it.`;
  }

  save(): Uint8Array {
    throw new Error('The detection lab keeps no model files: a detector retrains in seconds from its settings, which the share link carries.');
  }

  dispose(model: DetectionModel): void {
    model.detector.dispose();
  }

  /** Frees the arms race's networks (the session frees the detector). */
  disposeRace(): void {
    this.race?.dispose();
    this.race = null;
  }

  /** The current detector on held-out real pictures of the forger's kind and as many fresh fakes from `generator`. */
  async judgeGenerator(currentModel: () => DetectionModel, generator: GeneratorId): Promise<GeneralisationResult> {
    // Another seed from the set's own fakes, so the trained-on generator is judged on fresh fakes too.
    const { heldOutFakeCount, settings } = currentModel();
    const fake = await this.fakesOf(generator, heldOutFakeCount, settings.seed + OTHER_SALT);
    // The model current once the fakes are in (another may have replaced it meanwhile).
    const model = currentModel();
    if (model.heldOutFakeCount !== heldOutFakeCount) throw new Error('The detector was rebuilt with another number of pictures meanwhile: test again.');
    const real = await this.realBeside(model.settings.generator, model.heldOutReal, generator, heldOutFakeCount, model.settings.seed + OTHER_SALT);
    return resultOf(model.detector.judge(labelledSet(real, fake, SIDE, SIDE)), model.settings, generator, model.detector.steps);
  }

  /**
   * A row of the whole table: a fresh detector of the current model's kind and settings, on a
   * set drawn from `trainedOn` exactly as the lab builds one, trained MATRIX_STEPS steps (pausing
   * every few steps so the page's liveness probes are answered), then judged against fresh
   * fakes from every forger (kept for the next rows), each beside held-out real pictures of its kind.
   */
  async generalisationRow(currentModel: () => DetectionModel, trainedOn: GeneratorId): Promise<GeneralisationRow> {
    const started = performance.now();
    const settings: DetectionSettings = { ...currentModel().settings, generator: trainedOn };
    const columns = generatorIds(this.own !== null);
    const trainingFakes = await this.fakesOf(trainedOn, settings.perClass, settings.seed + FAKE_SALT);
    const { detector, heldOutReal, heldOutFakeCount } = this.detectorFor(settings, await this.realOf(pictureKindOf(trainedOn), settings.perClass, settings.seed), trainingFakes);
    try {
      const steps = MATRIX_STEPS[settings.detector];
      while (detector.steps < steps) {
        for (let k = 0; k < 10 && detector.steps < steps; k++) detector.step();
        await new Promise((resolve) => setTimeout(resolve, 0));
      }
      const cells: GeneralisationResult[] = [];
      for (const generator of columns) {
        const fake = await this.fakesOf(generator, heldOutFakeCount, settings.seed + OTHER_SALT);
        const real = await this.realBeside(trainedOn, heldOutReal, generator, heldOutFakeCount, settings.seed + OTHER_SALT);
        cells.push(resultOf(detector.judge(labelledSet(real, fake, SIDE, SIDE)), settings, generator, detector.steps));
      }
      return { trainedOn, detector: settings.detector, steps, seconds: (performance.now() - started) / 1000, cells };
    } finally {
      detector.dispose();
    }
  }

  /**
   * The quiz: ten held-out real pictures of the forger's kind (the detector never trained on
   * them) and ten fresh fakes from `generator`, in the order quizLabels(seed) gives, with the
   * detector's P(fake) for each.
   */
  async quizItems(currentModel: () => DetectionModel, generator: GeneratorId, seed: number): Promise<QuizItems> {
    const labels = quizLabels(seed, QUIZ_LENGTH);
    const half = QUIZ_LENGTH / 2;
    const fakes = await this.fakesOf(generator, half, seed + QUIZ_SALT);
    const model = currentModel();
    const heldOutReal = await this.realBeside(model.settings.generator, model.heldOutReal, generator, half, seed + QUIZ_SALT);
    const realCount = heldOutReal.length / PIXELS;
    if (realCount < half) throw new Error(`The set holds ${realCount} held-out real pictures; the quiz needs ${half}: use more pictures of each kind.`);
    const start = (seed * 7) % realCount;
    const images = new Float32Array(QUIZ_LENGTH * PIXELS);
    let r = 0;
    let f = 0;
    labels.forEach((label, k) => {
      const source = label === FAKE ? fakes.subarray(f * PIXELS, ++f * PIXELS) : heldOutReal.subarray(((start + r) % realCount) * PIXELS, ((start + r++) % realCount + 1) * PIXELS);
      images.set(source, k * PIXELS);
    });
    return { generator, seed, images, labels, detectorScores: model.detector.scores(images), detector: model.settings.detector, steps: model.detector.steps };
  }

  /** Up to `count` held-out pictures of the current set, as many real as fake where possible. */
  heldOutPictures(model: DetectionModel, count: number): HeldOutPictures {
    if (!Number.isInteger(count) || count < 2 || count > MAX_LAUNDERED) throw new Error(`Ask for a whole number of pictures from 2 to ${MAX_LAUNDERED}, not ${count}.`);
    const fake = model.heldOutFake;
    const realCount = model.heldOutReal.length / PIXELS;
    const n = Math.min(Math.floor(count / 2), realCount, fake.length / PIXELS);
    const images = new Float32Array(2 * n * PIXELS);
    images.set(model.heldOutReal.subarray(0, n * PIXELS));
    images.set(fake.subarray(0, n * PIXELS), n * PIXELS);
    return { images, labels: new Uint8Array(2 * n).fill(FAKE, n) };
  }

  /** The current detector's P(fake) for pictures of 28×28. */
  scorePictures(model: DetectionModel, images: Float32Array): Float32Array {
    if (!(images instanceof Float32Array)) throw new Error('Pictures to score must be a Float32Array.');
    if (images.length > MAX_LAUNDERED * PIXELS) throw new Error(`Score at most ${MAX_LAUNDERED} pictures at once.`);
    return model.detector.scores(images);
  }

  /** Gradient × input of the current detector for held-out picture `position` of a kind (1 = fake, 0 = real), the last one if past it. */
  saliencyOf(model: DetectionModel, label: number, position: number): SaliencyView {
    if (label !== REAL && label !== FAKE) throw new Error(`Ask for a real (0) or a fake (1) picture, not ${label}.`);
    if (!Number.isInteger(position) || position < 0) throw new Error(`A picture's position is a whole number from 0, not ${position}.`);
    const realCount = model.heldOutReal.length / PIXELS;
    const fakeCount = model.heldOutFakeCount;
    const k = Math.min(position, (label === FAKE ? fakeCount : realCount) - 1);
    const image = (label === FAKE ? model.heldOutFake : model.heldOutReal).slice(k * PIXELS, (k + 1) * PIXELS);
    const { map, pFake } = gradientTimesInput(model.detector, image);
    const paperShare = pictureKindOf(model.settings.generator) === 'digits' ? shareOn(map, (i) => image[i] <= PAPER_LEVEL) : null;
    return { position: k, realCount, fakeCount, label, image, map, pFake, paperShare, detector: model.settings.detector, steps: model.detector.steps };
  }

  async armsRaceStart(settings: ArmsRaceSettings): Promise<ArmsRaceState> {
    const problems = armsRaceSettingsProblems(settings);
    if (problems.length > 0) throw new Error(`The arms race settings are not valid: ${problems.join('; ')}.`);
    const data = this.requireData();
    const [checkpoint, classifier] = await Promise.all([data.checkpoint('mlp'), data.classifier()]);
    this.race?.dispose();
    this.race = null;
    const s = { ...settings };
    this.race = new ArmsRace(checkpoint, realPictures(data.heldOutDigits, ARMS_RACE_PER_CLASS), classifier, {
      detector: s.detector,
      detectorSteps: ARMS_RACE_DETECTOR_STEPS[s.detector],
      evasionSteps: s.evasionSteps,
      perClass: ARMS_RACE_PER_CLASS,
      evasion: { detectorWeight: s.detectorWeight, qualityWeight: s.qualityWeight, learningRate: s.learningRate, batchSize: 64, seed: 1 },
    });
    this.raceSettings = s;
    return this.armsRaceNext();
  }

  async armsRaceNext(): Promise<ArmsRaceState> {
    const race = this.race;
    if (!race || !this.raceSettings) throw new Error('Start an arms race first.');
    // Yields every few steps, so the page's liveness probes are answered during a long phase.
    await race.nextAsync(() => new Promise((resolve) => setTimeout(resolve, 0)), 5);
    if (race !== this.race) throw new Error('The arms race was started again meanwhile.');
    return {
      settings: { ...this.raceSettings },
      rounds: race.rounds.map((r) => ({ ...r })),
      phase: race.phase,
      quality: race.quality,
      examples: race.examples(ARMS_RACE_EXAMPLES),
      exampleCount: ARMS_RACE_EXAMPLES,
    };
  }
}

/** The session and its adapter (the worker provides the data once it has loaded). */
export function createDetectionSession(clock?: SessionClock): { session: DetectionTrainingSession; adapter: DetectionAdapter } {
  const adapter = new DetectionAdapter();
  return { session: new TrainingSession(adapter, clock), adapter };
}
