/**
 * The GAN knobs every GAN lab offers (the 2D lab and the digit forger): the objective, the
 * optimizer and its fields, and their allowed ranges. Each lab's settings add their own.
 */
import type { SettingsProblems } from './settingsProblems';

export const LOSS_KINDS = ['minimax', 'nonSaturating', 'leastSquares', 'wganGp', 'hinge'] as const;
export type LossKind = (typeof LOSS_KINDS)[number];

export const OPTIMIZER_KINDS = ['sgd', 'adam'] as const;
export type OptimizerKind = (typeof OPTIMIZER_KINDS)[number];

export interface OptimizerSettings {
  optimizer: OptimizerKind;
  learningRate: number;
  /** SGD momentum (0 = plain SGD). */
  momentum: number;
  beta1: number;
  beta2: number;
}

export const GAN_OPTION_LIMITS = {
  seed: { min: 0, max: 2 ** 31 - 1 },
  learningRate: { min: 1e-6, max: 10 },
  momentum: { min: 0, max: 0.999 },
  beta: { min: 0, max: 0.9999 },
  gpWeight: { min: 0, max: 100 },
  realLabel: { min: 0.5, max: 1 },
  dSteps: { min: 1, max: 10 },
} as const;

/** Checks one network's optimizer fields (`prefix` names the network: "generator", "discriminator"). */
export function optimizerProblems(p: SettingsProblems, prefix: string, net: OptimizerSettings): void {
  p.oneOf(`${prefix}.optimizer`, net.optimizer, OPTIMIZER_KINDS);
  p.number(`${prefix}.learningRate`, net.learningRate, GAN_OPTION_LIMITS.learningRate);
  p.number(`${prefix}.momentum`, net.momentum, GAN_OPTION_LIMITS.momentum);
  p.number(`${prefix}.beta1`, net.beta1, GAN_OPTION_LIMITS.beta);
  p.number(`${prefix}.beta2`, net.beta2, GAN_OPTION_LIMITS.beta);
}

/** The objective's knobs, the same in every GAN lab. */
export interface GanObjectiveSettings {
  loss: LossKind;
  /** Gradient-penalty weight λ for WGAN-GP. */
  gpWeight: number;
  /** One-sided label smoothing: target for real samples (1 = off). */
  realLabel: number;
  /** Discriminator steps per generator step. */
  dSteps: number;
}

export function objectiveProblems(p: SettingsProblems, s: GanObjectiveSettings): void {
  p.oneOf('loss', s.loss, LOSS_KINDS);
  p.number('gpWeight', s.gpWeight, GAN_OPTION_LIMITS.gpWeight);
  p.number('realLabel', s.realLabel, GAN_OPTION_LIMITS.realLabel);
  p.number('dSteps', s.dSteps, GAN_OPTION_LIMITS.dSteps, true);
}
