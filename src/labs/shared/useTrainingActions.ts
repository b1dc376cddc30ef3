/**
 * What a lab's training buttons and keys do: play or pause, one step, the speed, restore after
 * a divergence. A failed call becomes a notice naming what failed. Space and → work only while
 * the worker is ready and training has not blown up, as the buttons do.
 */
import { useCallback, useState } from 'react';
import type { SessionStatus, TrainingSpeed } from '../../protocol/shared/sessionProtocol';
import { messageOf } from './messageOf';
import { useKeyboardShortcuts } from './useKeyboardShortcuts';

/** The session calls the buttons make (see useTrainingSession.ts). */
export interface ActionSession {
  status: SessionStatus;
  ready: boolean;
  play(): Promise<void>;
  pause(): Promise<void>;
  step(): Promise<void>;
  setSpeed(speed: TrainingSpeed): Promise<void>;
  restoreLastGood(): Promise<void>;
}

export interface TrainingActionsOptions {
  initialSpeed: TrainingSpeed;
  onError(message: string): void;
  /** Runs before play, pause and step (the adversarial lab ends slow motion there). */
  beforeAction?(): void;
}

export interface TrainingActions {
  running: boolean;
  /** Ready and not diverged: Play and Step may be used. */
  canTrain: boolean;
  speed: TrainingSpeed;
  chooseSpeed(speed: TrainingSpeed): void;
  playPause(): void;
  step(): void;
  restore(): void;
  /** Runs a task, turning a failure into a notice: "<what> failed: <reason>". */
  attempt(what: string, task: () => Promise<unknown>): void;
}

export function useTrainingActions(session: ActionSession, { initialSpeed, onError, beforeAction }: TrainingActionsOptions): TrainingActions {
  const [speed, setSpeed] = useState(initialSpeed);
  const running = session.status.kind === 'running';
  const canTrain = session.ready && session.status.kind !== 'diverged';
  const { play, pause, step: stepOnce, setSpeed: sendSpeed, restoreLastGood } = session;

  const attempt = useCallback((what: string, task: () => Promise<unknown>) => {
    task().catch((error: unknown) => onError(`${what} failed: ${messageOf(error)}`));
  }, [onError]);

  const playPause = useCallback(() => {
    beforeAction?.();
    attempt(running ? 'Pausing' : 'Starting training', running ? pause : play);
  }, [attempt, beforeAction, running, pause, play]);

  const step = useCallback(() => {
    beforeAction?.();
    attempt('The step', stepOnce);
  }, [attempt, beforeAction, stepOnce]);

  useKeyboardShortcuts({ togglePlay: () => canTrain && playPause(), stepBoth: () => canTrain && step() });

  return {
    running,
    canTrain,
    speed,
    chooseSpeed: (next) => {
      setSpeed(next);
      attempt('Changing the speed', () => sendSpeed(next));
    },
    playPause,
    step,
    restore: () => attempt('Restoring the last good state', restoreLastGood),
    attempt,
  };
}
