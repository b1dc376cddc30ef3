/**
 * The script of slow motion: one training iteration cut into the stages the
 * model overview can highlight, each with a caption saying what happens.
 */
import type { StepKind } from '../../protocol/adversarial/adversarialProtocol';
import type { IterationStage } from './views/ModelOverview';

export const STAGE_MS = 1200;

export type PlotHighlight = 'reals' | 'fakes' | 'heatmap' | 'arrows' | null;

export interface SlowMotionStage {
  stage: IterationStage;
  title: string;
  caption: string;
  /** What to emphasise on the main plot during this stage. */
  highlight: PlotHighlight;
  /** The worker step taken on entering this stage, if any. */
  step: Exclude<StepKind, 'both'> | null;
}

export const SLOW_MOTION_STAGES: readonly SlowMotionStage[] = [
  {
    stage: 'sampleNoise',
    title: 'Sample noise',
    caption: 'The generator starts from random noise: a batch of random numbers, one small vector z per fake sample.',
    highlight: null,
    step: null,
  },
  {
    stage: 'generate',
    title: 'Generate',
    caption: 'The generator turns each noise vector into a point on the plane. These are the fake samples.',
    highlight: 'fakes',
    step: null,
  },
  {
    stage: 'judge',
    title: 'Judge',
    caption: 'The discriminator scores real and fake samples alike. The background colour is its verdict at every spot on the plane.',
    highlight: 'heatmap',
    step: null,
  },
  {
    stage: 'updateDiscriminator',
    title: 'Update the discriminator',
    caption: 'The discriminator learns from its mistakes: it nudges its verdict up on the real samples and down on the fakes.',
    highlight: 'heatmap',
    step: 'discriminator',
  },
  {
    stage: 'updateGenerator',
    title: 'Update the generator',
    caption: "The generator follows the discriminator's verdict uphill: each fake moves along its arrow, towards what looks real.",
    highlight: 'arrows',
    step: 'generator',
  },
];

/** Index of the stage after `index`, wrapping round to start the next iteration. */
export function nextStageIndex(index: number): number {
  return (index + 1) % SLOW_MOTION_STAGES.length;
}

/** How many worker steps the stage takes: the discriminator stage repeats k times (k D steps per G step). */
export function stepsForStage(stage: SlowMotionStage, dSteps: number): number {
  if (stage.step === 'discriminator') return Math.max(1, dSteps);
  return stage.step ? 1 : 0;
}
