/**
 * The GAN knobs every GAN lab offers (the 2D lab and the digit forger): the objective, the
 * optimizer and its fields, and their allowed ranges. Each lab's settings add their own.
 */

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
