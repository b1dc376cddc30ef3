/**
 * What a lab gives the generic TrainingSession: how to build its model from settings and a
 * start, take one step, look at the model for a frame, keep a healthy state and write a model
 * file. The session does the rest (loop, speed, rate, divergence, swapping models in whole).
 */
import type { FrameBase, StartRequest } from '../../protocol/shared/sessionProtocol';
import type { PacingOptions } from './pacedTrainingLoop';

/** The types one lab's session works with. */
export interface LabSessionTypes {
  settings: unknown;
  /** Everything one trained model holds: the trainer and what its frames need (fixed inputs, data). */
  model: unknown;
  metric: unknown;
  frame: FrameBase<this['metric']>;
  /** What a pretrained or file start tells the page (null type for a lab without). */
  startInfo: unknown;
  /** The kinds of manual step a lab offers (undefined for one kind only). */
  stepKind: unknown;
}

/** The fields a lab's frame adds to FrameBase; the session fills in the rest. */
export type LabFrameFields<L extends LabSessionTypes> = Omit<L['frame'], keyof FrameBase<L['metric']>>;

/** A model built whole, not yet in use. */
export interface BuiltModel<L extends LabSessionTypes> {
  model: L['model'];
  /** The settings it trains with (a file without chosen settings brings its own). */
  settings: L['settings'];
  start: L['startInfo'] | null;
  /** Seconds of training behind it already (a pretrained model's or a file's); 0 when fresh. */
  trainedSeconds: number;
}

/** What one look at the model found: the name of a quantity that is not finite, or the frame's fields. */
export type Observation<L extends LabSessionTypes> =
  | { nonFinite: string }
  | {
    nonFinite: null;
    fields: LabFrameFields<L>;
    /** A new point for the charts, or null (no step measured since the model was built or restored). */
    metric: L['metric'] | null;
    /** True when the slow scores (quality, swap judges) were measured in this look. */
    scored: boolean;
  };

/** A copy of a model's weights and step counts, kept while training is healthy. */
export interface HealthyState<Model> {
  readonly steps: number;
  /** Puts this state back into `model` (the one it came from, or one rebuilt with the same settings); optimizer state restarts. */
  restore(model: Model): void;
  dispose(): void;
}

export interface SessionAdapter<L extends LabSessionTypes> {
  readonly pacing: PacingOptions;
  /**
   * Checks `settings` against `start`, loads what the model needs and builds it whole (null
   * settings: a file's own). Throws the reason, leaving nothing behind, when it cannot.
   * `loading` shows a message while something slow loads.
   */
  build(settings: L['settings'] | null, start: StartRequest, loading: (message: string) => void): Promise<BuiltModel<L>>;
  /** Steps taken: what the speed, the frames and the rate count. */
  steps(model: L['model']): number;
  /** One training step (of `kind`, where the lab has kinds); `withStats` when its losses will be shown. */
  trainStep(model: L['model'], withStats: boolean, kind?: L['stepKind']): void;
  /** Looks at the model for a frame; `record` asks for a metric point, `scoreDue` for the slow scores with it. */
  observe(model: L['model'], ask: { record: boolean; scoreDue: boolean }): Observation<L>;
  capture(model: L['model']): HealthyState<L['model']>;
  /** One sentence on the likely cause of a divergence and what to change. */
  divergenceAdvice(model: L['model']): string;
  /** The model as a file that `build(…, { kind: 'file', … })` reads back. */
  save(model: L['model'], trainedSeconds: number): Uint8Array;
  dispose(model: L['model']): void;
}
