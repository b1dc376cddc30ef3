/**
 * The diffusion lab on the generic TrainingSession: a DiffusionTrainer, the fixed draw of real
 * points its frames show, and the sampling view (sampler, steps, the field's step), which the
 * page may change at any time without resetting training. The lab ships no pretrained models.
 */
import { DiffusionTrainer } from '../../core/diffusion/diffusionTrainer';
import { cloneDiffusionSettings, diffusionSettingsProblems, type DiffusionSettings } from '../../core/diffusion/diffusionSettings';
import { decodeDiffusionCheckpoint, encodeDiffusionCheckpoint } from '../../core/diffusion/diffusionCheckpoint';
import { GanRace, type RaceState } from '../../core/diffusion/ganRace';
import { measureModeCoverage } from '../../core/points/modeCoverage';
import { SeededRandom } from '../../core/shared/seededRandom';
import {
  DEFAULT_SAMPLING_VIEW, fitView, type DiffusionFrame, type DiffusionMetricPoint, type DiffusionPicture, type RaceFrame, type SamplingView,
} from '../../protocol/diffusion/diffusionProtocol';
import type { StartRequest } from '../../protocol/shared/sessionProtocol';
import type { BuiltModel, LabFrameFields, SessionAdapter } from '../shared/sessionAdapter';
import { TrainingSession } from '../shared/trainingSession';
import { realClock, type SessionClock } from '../shared/sessionClock';

/** Particles the reverse process runs each frame (the same noise every time, so they can be followed). */
export const SHOWN_PARTICLES = 400;
export const SHOWN_REALS = 600;
export const FIELD_SIZE = 17;
/** Seed of the particles' starting noise. */
const PARTICLE_SEED = 20201;
/** Seed of the racing GAN's fixed noise. */
const FAKES_SEED = 20202;
/** Weight of the newest loss in the smoothed curve. */
const SMOOTHING = 0.1;

export interface DiffusionModel {
  trainer: DiffusionTrainer;
  reals: Float32Array;
  view: SamplingView;
  /** A step with stats has run, so the trainer's latest loss is a measurement. */
  lossMeasured: boolean;
  smoothedLoss: number;
  /**
   * The latest picture, what it was made from, when (session clock, ms) and how long it took: the
   * sampler runs again only when the weights or the view change, and while training no more often
   * than WALK_TIME_SHARE allows.
   */
  cached: { steps: number; view: string; picture: DiffusionPicture; madeAt: number; tookMs: number } | null;
  /** A GAN on the same points and seed sharing the clock, while the race is on. */
  race: GanRace | null;
  /** Seconds per GAN sample, averaged over frames (one draw of the shown fakes takes well under a millisecond, too short to time alone). */
  ganSampleSeconds: number;
}

export interface DiffusionSessionTypes {
  settings: DiffusionSettings;
  model: DiffusionModel;
  metric: DiffusionMetricPoint;
  frame: DiffusionFrame;
  startInfo: null;
  stepKind: undefined;
}

export type DiffusionTrainingSession = TrainingSession<DiffusionSessionTypes> & {
  /** Changes how the reverse process is shown and returns it now. */
  setView(view: SamplingView): DiffusionPicture;
  /** Races a GAN (a fresh one for a model without) from now on, or drops it. */
  setRace(on: boolean): void;
};

/** Speed n trains 3n steps a second (the shared toolbar's labels); five frames a second. */
const PACING = { stepsPerSecondPerSpeed: 3, frameIntervalMs: 200, sliceMs: 20 };

/** What is wrong with a view that crossed from the page, or null. */
export function viewProblem(view: SamplingView): string | null {
  if (typeof view !== 'object' || view === null) return 'The sampling view must be an object.';
  if (!['ancestral', 'ddim', 'euler'].includes(view.sampler)) return `The sampler must be ancestral, ddim or euler (got "${String(view.sampler)}").`;
  if (!Number.isInteger(view.steps) || view.steps < 1) return `The sampling steps must be a whole number, at least 1 (got ${view.steps}).`;
  if (!Number.isInteger(view.fieldStep) || view.fieldStep < 1) return `The field's step must be a whole number, at least 1 (got ${view.fieldStep}).`;
  return null;
}

/** A copy (a frame's arrays move to the page, so the cached ones must stay behind). */
const copyPicture = (p: DiffusionPicture): DiffusionPicture => ({
  ...p, view: { ...p.view }, samples: p.samples.slice(), trajectory: p.trajectory.slice(), times: p.times.slice(), field: p.field.slice(),
});

/**
 * While training, the reverse walk (and the field and coverage with it) takes at most this share
 * of the worker's time: the full ancestral walk costs five times DDIM's 20 steps, so it redraws
 * about twice a second instead of five times, and training keeps its pace.
 */
export const WALK_TIME_SHARE = 0.2;

/**
 * The reverse process and the field for the model's view, and whether the sampler ran for it.
 * Paused, a frame would show the same picture again, so the last one is kept and copied until the
 * weights (steps, a restore) or the view change. With `due` false (training), newer weights wait
 * until the last walk's time is at most WALK_TIME_SHARE of the time since it started.
 */
export function pictureOf(model: DiffusionModel, now: number, due = true): { picture: DiffusionPicture; fresh: boolean } {
  const { trainer } = model;
  const view = fitView(model.view, trainer.settings);
  const key = JSON.stringify(view);
  const cached = model.cached;
  if (cached && cached.view === key && (cached.steps === trainer.steps || (!due && now - cached.madeAt < cached.tookMs / WALK_TIME_SHARE))) {
    return { picture: copyPicture(cached.picture), fresh: false };
  }
  const started = performance.now();
  const picture = runPicture(model, view);
  model.cached = { steps: trainer.steps, view: key, picture, madeAt: now, tookMs: performance.now() - started };
  return { picture: copyPicture(picture), fresh: true };
}

function runPicture(model: DiffusionModel, view: SamplingView): DiffusionPicture {
  const { trainer } = model;
  const started = performance.now();
  const run = trainer.sample(SHOWN_PARTICLES, { sampler: view.sampler, steps: view.steps, seed: PARTICLE_SEED, trajectory: true });
  const seconds = Math.max((performance.now() - started) / 1000, 1e-4);
  const field = trainer.field(view.fieldStep, FIELD_SIZE, trainer.bounds);
  const centers = trainer.distribution.modeCenters;
  const coverage = centers ? measureModeCoverage(run.samples, centers, trainer.distribution.sigma) : null;
  return {
    view,
    samples: run.samples,
    trajectory: run.trajectory!,
    times: run.times,
    field,
    fieldSize: FIELD_SIZE,
    samplesPerSecond: SHOWN_PARTICLES / seconds,
    modesCovered: coverage ? coverage.modesCovered : null,
    highQuality: coverage ? coverage.highQualityFraction : null,
  };
}

/** The racing GAN's fakes (timed) and both sides' figures on the samples shown. */
function raceOf(model: DiffusionModel, picture: DiffusionPicture): RaceFrame | null {
  const { race, trainer } = model;
  if (!race) return null;
  const started = performance.now();
  const fakes = race.shownFakes(SHOWN_PARTICLES, FAKES_SEED);
  const perSample = Math.max((performance.now() - started) / 1000, 1e-6) / SHOWN_PARTICLES;
  model.ganSampleSeconds = Number.isNaN(model.ganSampleSeconds) ? perSample : (1 - SMOOTHING) * model.ganSampleSeconds + SMOOTHING * perSample;
  const centers = trainer.distribution.modeCenters;
  const coverage = centers ? measureModeCoverage(fakes, centers, trainer.distribution.sigma) : null;
  const clock = race.seconds;
  return {
    fakes,
    diffusion: {
      trainingSeconds: clock.diffusion, steps: trainer.steps,
      modesCovered: picture.modesCovered, highQuality: picture.highQuality, samplesPerSecond: picture.samplesPerSecond,
    },
    gan: {
      trainingSeconds: clock.gan, steps: race.ganSteps,
      modesCovered: coverage ? coverage.modesCovered : null, highQuality: coverage ? coverage.highQualityFraction : null,
      samplesPerSecond: 1 / model.ganSampleSeconds,
    },
  };
}

/** The name of the first quantity that is not finite, or null. */
function findNonFinite(model: DiffusionModel, picture: DiffusionPicture, race: RaceFrame | null): string | null {
  if (model.lossMeasured && !Number.isFinite(model.trainer.latestLoss)) return 'the loss';
  if (!picture.samples.every(Number.isFinite)) return 'the samples';
  if (!picture.field.every(Number.isFinite)) return 'the learned field';
  if (race && !race.fakes.every(Number.isFinite)) return "the racing GAN's fakes";
  return null;
}

/** Why a file's network cannot take the chosen settings (its layer sizes differ), or null. */
function fileMismatch(file: DiffusionSettings, chosen: DiffusionSettings): string | null {
  const shape = (s: DiffusionSettings) => [2 + s.timeEmbedding, ...s.hidden, 2].join('→');
  return shape(file) === shape(chosen) ? null : `the denoiser has layers ${shape(file)} in the file but ${shape(chosen)} in the settings`;
}

function buildModel(settings: DiffusionSettings | null, start: StartRequest, view: SamplingView, racing: boolean): BuiltModel<DiffusionSessionTypes> {
  const file = start.kind === 'file' ? decodeDiffusionCheckpoint(start.bytes) : null;
  const chosen = settings ?? file?.settings;
  if (!chosen) throw new Error('Settings are needed to start a model from scratch.');
  const problems = diffusionSettingsProblems(chosen);
  const problem = problems.length > 0 ? `The settings are not valid: ${problems.join('; ')}.` : file && fileMismatch(file.settings, chosen);
  if (problem) throw new Error(start.kind === 'file' ? `The model file "${start.name}" cannot be loaded with these settings: ${problem}` : problem);
  const trainer = new DiffusionTrainer(chosen);
  if (file) {
    try {
      trainer.restoreWeights(file);
    } catch (error) {
      trainer.dispose();
      throw error;
    }
  }
  const reals = trainer.distribution.sample(SHOWN_REALS, new SeededRandom(chosen.seed).fork(99));
  const race = racing ? new GanRace(chosen) : null;
  return {
    model: { trainer, reals, view, lossMeasured: false, smoothedLoss: NaN, cached: null, race, ganSampleSeconds: NaN },
    settings: cloneDiffusionSettings(chosen),
    start: null,
    trainedSeconds: file?.trainedSeconds ?? 0,
  };
}

function frameFields(model: DiffusionModel, picture: DiffusionPicture, race: RaceFrame | null): LabFrameFields<DiffusionSessionTypes> {
  const { trainer } = model;
  const centers = trainer.distribution.modeCenters;
  return {
    ...picture,
    race,
    bounds: { ...trainer.bounds },
    reals: model.reals.slice(),
    modeCenters: centers ? centers.slice() : new Float32Array(0),
    modeCount: centers ? centers.length / 2 : 0,
  };
}

export function createDiffusionSession(clock?: SessionClock): DiffusionTrainingSession {
  const sessionClock = clock ?? realClock;
  // The view outlives models: a new configuration or a rebuild keeps what the page asked for.
  let view: SamplingView = { ...DEFAULT_SAMPLING_VIEW };
  // So does the race: every model built while it is on races a fresh GAN.
  let racing = false;
  const adapter: SessionAdapter<DiffusionSessionTypes> = {
    pacing: PACING,

    async build(settings, start) {
      if (start.kind === 'pretrained') throw new Error(`The diffusion lab ships no pretrained models (asked for "${start.id}"); start from scratch or from a saved file.`);
      return buildModel(settings, start, view, racing);
    },

    steps: (model) => model.trainer.steps,

    trainStep(model, withStats) {
      // Racing, each step of the denoiser is followed by GAN steps until the GAN has trained as long.
      const loss = model.race ? model.race.step(model.trainer, withStats) : model.trainer.step(withStats);
      if (loss === null) return;
      model.lossMeasured = true;
      model.smoothedLoss = Number.isNaN(model.smoothedLoss) ? loss : (1 - SMOOTHING) * model.smoothedLoss + SMOOTHING * loss;
    },

    observe(model, { record, scoreDue }) {
      // scoreDue: paused, or three seconds since the walk last ran.
      const { picture, fresh } = pictureOf(model, sessionClock.now(), scoreDue);
      const race = raceOf(model, picture);
      const bad = findNonFinite(model, picture, race);
      if (bad) return { nonFinite: bad };
      const loss = model.trainer.latestLoss;
      const metric: DiffusionMetricPoint | null = record && model.lossMeasured
        ? {
          step: model.trainer.steps, loss, smoothedLoss: model.smoothedLoss,
          modesCovered: picture.modesCovered, highQuality: picture.highQuality, samplesPerSecond: picture.samplesPerSecond,
        }
        : null;
      return { nonFinite: null, fields: frameFields(model, picture, race), metric, scored: fresh };
    },

    capture({ trainer, race }) {
      const weights = trainer.captureWeights();
      const raceState: RaceState | null = race ? race.capture() : null;
      return { steps: weights.steps, restore: (model) => {
          model.trainer.restoreWeights(weights);
          if (model.race && raceState) model.race.restore(raceState);
          model.cached = null;
          model.lossMeasured = false;
          model.smoothedLoss = NaN;
        },
        dispose: () => {} };
    },

    divergenceAdvice: ({ trainer }) => `The learning rate ${trainer.settings.learningRate} is probably too high for this set-up: lower it.`,

    save: ({ trainer }, trainedSeconds) => encodeDiffusionCheckpoint({ ...trainer.captureWeights(), settings: trainer.settings, trainedSeconds }),

    dispose: (model) => {
      model.race?.dispose();
      model.trainer.dispose();
    },
  };
  const session = new TrainingSession(adapter, clock) as DiffusionTrainingSession;
  session.setView = (next) => {
    const problem = viewProblem(next);
    if (problem) throw new Error(problem);
    view = { sampler: next.sampler, steps: next.steps, fieldStep: next.fieldStep };
    const model = session.requireModel();
    model.view = view;
    return pictureOf(model, sessionClock.now()).picture;
  };
  session.setRace = (on) => {
    if (typeof on !== 'boolean') throw new Error(`The race must be switched on (true) or off (false) (got ${String(on)}).`);
    racing = on;
    const model = session.model;
    if (!model) return;
    if (!on && model.race) {
      model.race.dispose();
      model.race = null;
    } else if (on && !model.race) {
      model.race = new GanRace(model.trainer.settings);
      model.ganSampleSeconds = NaN;
    }
  };
  return session;
}
