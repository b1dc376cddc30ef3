/**
 * What every lab's worker session and page share: the backend choice, the speeds, the
 * backend the worker really runs, and the session's status. Each lab's protocol adds its
 * settings, frames and the calls of its own.
 */

export type BackendChoice = 'auto' | 'wasm' | 'webgl' | 'cpu';

/** Speed as steps per animation frame (60 per second), or as fast as the machine allows. */
export type TrainingSpeed = 1 | 5 | 20 | 100 | 'max';
export const TRAINING_SPEEDS: readonly TrainingSpeed[] = [1, 5, 20, 100, 'max'];

export interface WorkerInfo {
  backend: string;
  /** Set when the requested backend failed and another one is running instead. */
  backendNote: string | null;
}
