/**
 * What every lab's worker session and page share: the backend choice, the speeds, the
 * backend the worker really runs, and the session's status. Each lab's protocol adds its
 * settings, frames and the calls of its own.
 */

export type BackendChoice = 'auto' | 'wasm' | 'webgl' | 'cpu';

/** Speed as a multiple of the lab's slowest pace (each lab's pacing says how many steps a second that is), or as fast as the machine allows. */
export type TrainingSpeed = 1 | 5 | 20 | 100 | 'max';
export const TRAINING_SPEEDS: readonly TrainingSpeed[] = [1, 5, 20, 100, 'max'];

export interface WorkerInfo {
  backend: string;
  /** Set when the requested backend failed and another one is running instead. */
  backendNote: string | null;
}

/**
 * The steps-per-second readout of every lab averages over this window: the session measures
 * the rate once the window has passed since the last measurement.
 */
export const RATE_WINDOW_MS = 1000;

/** Where a training session is. `diverged` keeps the step of the last healthy state, which Restore puts back. */
export type SessionStatus =
  | { kind: 'idle' }
  | { kind: 'loading'; message: string }
  | { kind: 'paused' }
  | { kind: 'running' }
  | { kind: 'diverged'; message: string; lastGoodStep: number };

/** What every lab's frame carries, whatever else it shows. */
export interface FrameBase<Metric> {
  /** Training steps so far (generator steps in the GAN labs). */
  steps: number;
  /** Measured over RATE_WINDOW_MS while training runs; 0 when paused. */
  stepsPerSecond: number;
  /** Metric points recorded since the previous frame. */
  newMetrics: Metric[];
}

/** How a model starts: from its seed, from a model the app ships (by id), or from a file the learner loaded. */
export type StartRequest =
  | { kind: 'scratch' }
  | { kind: 'pretrained'; id: string }
  | { kind: 'file'; name: string; bytes: Uint8Array };

/** The worker's answer to an accepted configuration: the settings now training (a file brings its own) and what the start brought. */
export interface AcceptedConfig<Settings, StartInfo> {
  settings: Settings;
  /** The pretrained model's or file's timeline and figures; null for a start from scratch. */
  start: StartInfo | null;
}

/**
 * The calls every lab's worker answers, through comlink. A lab's worker API extends this with
 * calls of its own (puppet pictures, latent walks, …). Everything that can fail rejects with a
 * readable reason and changes nothing.
 */
export interface TrainingSessionApi<Settings, Frame, Info extends WorkerInfo, StartInfo> {
  /** Starts the chosen TF.js backend (reading back the one really running) and loads the lab's assets. */
  init(backend: BackendChoice): Promise<Info>;
  /** Subscribe once; frames and status changes arrive through these callbacks. */
  subscribe(onFrame: (frame: Frame) => void, onStatus: (status: SessionStatus) => void): void;
  /**
   * Checks the settings against the start, builds the whole model, then puts it in place of the
   * current one (paused); or rejects with the reason and leaves the current model training as it
   * was. `settings` null with a file start: the file's own settings.
   */
  configure(settings: Settings | null, start: StartRequest): Promise<AcceptedConfig<Settings, StartInfo>>;
  play(): void;
  pause(): void;
  /** One training step while paused; posts a frame afterwards. */
  step(): Promise<void>;
  setSpeed(speed: TrainingSpeed): void;
  /** After divergence: puts back the last healthy state (paused). */
  restoreLastGood(): Promise<void>;
  /** The model being trained, as a file that `configure(null, { kind: 'file', … })` loads again. */
  saveModel(): Promise<Uint8Array>;
}
