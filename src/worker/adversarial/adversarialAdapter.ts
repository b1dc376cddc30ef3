/**
 * The adversarial lab on the generic TrainingSession: a GanTrainer with the fixed inputs its
 * frames use, built from an AdversarialSetup or from a saved model file (the JSON text of a
 * checkpoint). Steps are epochs (k discriminator steps, one generator step) unless a manual
 * step names one network. The lab ships no pretrained models.
 */
import { GanTrainer, type StepKind } from '../../core/pointGan/ganTrainer';
import { cloneSettings, settingsProblems } from '../../core/pointGan/ganSettings';
import { networkSizes, parseCheckpoint, serializeCheckpoint, summariseProblems } from '../../core/adversarial/adversarialCheckpoint';
import { MAX_POINT_ROWS } from '../../core/points/pointsCsv';
import type { AdversarialSetup, GanFrame, MetricPoint } from '../../protocol/adversarial/adversarialProtocol';
import type { StartRequest } from '../../protocol/shared/sessionProtocol';
import type { BuiltModel, SessionAdapter } from '../shared/sessionAdapter';
import { TrainingSession } from '../shared/trainingSession';
import type { SessionClock } from '../shared/sessionClock';
import { FrameInputs, buildFrameFields, findNonFinite, measureMetrics } from './ganFrameBuilder';

/** One adversarial model: the trainer, the fixed inputs of its frames and the custom points it was built with. */
export interface AdversarialModel {
  trainer: GanTrainer;
  inputs: FrameInputs;
  customPoints: Float32Array | null;
}

export interface AdversarialSessionTypes {
  settings: AdversarialSetup;
  model: AdversarialModel;
  metric: MetricPoint;
  frame: GanFrame;
  startInfo: null;
  stepKind: StepKind;
}

export type AdversarialTrainingSession = TrainingSession<AdversarialSessionTypes>;

/** Speed n trains n epochs per frame of 60 per second; frames ten times per second. */
const PACING = { stepsPerSecondPerSpeed: 60, frameIntervalMs: 100, sliceMs: 20 };

/** What is wrong with a setup that crossed from the page, or null. */
export function setupProblem(setup: AdversarialSetup): string | null {
  const problems = settingsProblems(setup.settings);
  if (problems.length > 0) return `The settings are not valid: ${summariseProblems(problems)}.`;
  const points = setup.customPoints;
  if (points !== null) {
    if (points.length < 2 || points.length % 2 !== 0) return 'The custom points must be x, y pairs, at least one of them.';
    if (points.length > 2 * MAX_POINT_ROWS) return `There are more than ${MAX_POINT_ROWS.toLocaleString('en-US')} custom points.`;
    if (!points.every(Number.isFinite)) return 'The custom points must be finite numbers.';
  }
  return null;
}

const layers = (sizes: number[]) => sizes.join('→');

/** Why a file's networks cannot take the chosen settings (their layer sizes differ), or null. */
function fileMismatch(fileSetup: AdversarialSetup, chosen: AdversarialSetup): string | null {
  const inFile = networkSizes(fileSetup.settings);
  const wanted = networkSizes(chosen.settings);
  const differ = (['generator', 'discriminator'] as const).filter((net) => layers(inFile[net]) !== layers(wanted[net]));
  if (differ.length === 0) return null;
  return differ.map((net) => `the ${net} has layers ${layers(inFile[net])} in the file but ${layers(wanted[net])} in the settings`).join('; ');
}

function buildModel(setup: AdversarialSetup | null, start: StartRequest): BuiltModel<AdversarialSessionTypes> {
  const file = start.kind === 'file' ? parseCheckpoint(new TextDecoder().decode(start.bytes)) : null;
  const fileSetup = file && { settings: file.settings, customPoints: file.customPoints };
  const chosen = setup ?? fileSetup;
  if (!chosen) throw new Error('Settings are needed to start a model from scratch.');
  const problem = setupProblem(chosen) ?? (fileSetup && fileMismatch(fileSetup, chosen));
  if (problem) throw new Error(start.kind === 'file' ? `The model file "${start.name}" cannot be loaded with these settings: ${problem}` : problem);
  const settings = cloneSettings(chosen.settings);
  const customPoints = chosen.customPoints && chosen.customPoints.slice();
  const trainer = new GanTrainer(settings, customPoints ?? undefined);
  if (file) {
    try {
      trainer.restoreWeights(file.weights);
    } catch (error) {
      trainer.dispose();
      throw error;
    }
  }
  return {
    model: { trainer, inputs: new FrameInputs(trainer), customPoints },
    settings: { settings: cloneSettings(settings), customPoints: customPoints && customPoints.slice() },
    start: null,
    trainedSeconds: 0,
  };
}

export const adversarialAdapter: SessionAdapter<AdversarialSessionTypes> = {
  pacing: PACING,

  async build(setup, start) {
    if (start.kind === 'pretrained') throw new Error(`The adversarial lab ships no pretrained models (asked for "${start.id}"); start from scratch or from a saved file.`);
    return buildModel(setup, start);
  },

  steps: (model) => model.trainer.steps,

  trainStep(model, withStats, kind) {
    if (kind) model.trainer.step(kind, withStats);
    else model.trainer.trainEpoch(withStats);
  },

  observe({ trainer, inputs }, { record }) {
    const samples = trainer.generate(inputs.fixedNoise);
    const heatmapRaw = trainer.discriminateEach(inputs.heatmapPoints);
    const stats = trainer.latestStats();
    const bad = findNonFinite(trainer, stats, samples, heatmapRaw);
    if (bad) return { nonFinite: bad };
    const measured = trainer.hasStats('discriminator') || trainer.hasStats('generator');
    return {
      nonFinite: null,
      fields: buildFrameFields(trainer, inputs, samples, heatmapRaw),
      metric: record && measured ? measureMetrics(trainer, inputs, stats, samples) : null,
      scored: false,
    };
  },

  capture({ trainer }) {
    const weights = trainer.captureWeights();
    return { steps: weights.steps, restore: (model) => model.trainer.restoreWeights(weights), dispose: () => {} };
  },

  divergenceAdvice({ trainer: { settings } }) {
    return `The learning rates ${settings.generator.learningRate} (G) and ${settings.discriminator.learningRate} (D) are probably too high for this setup: lower them.`;
  },

  save: ({ trainer, customPoints }) =>
    new TextEncoder().encode(serializeCheckpoint({ settings: trainer.settings, weights: trainer.captureWeights(), customPoints })),

  dispose: (model) => model.trainer.dispose(),
};

export function createAdversarialSession(clock?: SessionClock): AdversarialTrainingSession {
  return new TrainingSession(adversarialAdapter, clock);
}
