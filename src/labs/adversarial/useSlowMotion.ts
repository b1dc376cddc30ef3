/**
 * Slow motion: walks through training iterations one stage at a time
 * (STAGE_MS each), taking the discriminator's and the generator's worker steps
 * at their stages, until stopped. With reduced motion asked for, each stage stays
 * on screen twice as long: the plot's layers fade in and out at half the pace.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { StepKind } from '../../protocol/adversarial/adversarialProtocol';
import { SLOW_MOTION_STAGES, STAGE_MS, nextStageIndex, stepsForStage, type SlowMotionStage } from './slowMotionScript';
import { usePrefersReducedMotion } from '../shared/usePrefersReducedMotion';

export interface SlowMotion {
  /** The stage on screen, or null when slow motion is off. */
  current: SlowMotionStage | null;
  /** Iterations started since slow motion was switched on (1 for the first). */
  iteration: number;
  start(): void;
  stop(): void;
}

export interface SlowMotionOptions {
  step(kind: StepKind): Promise<void>;
  dSteps: number;
  onError(message: string): void;
}

export function useSlowMotion(options: SlowMotionOptions): SlowMotion {
  const [index, setIndex] = useState<number | null>(null);
  const [iteration, setIteration] = useState(0);
  const stageMs = usePrefersReducedMotion() ? 2 * STAGE_MS : STAGE_MS;
  const latest = useRef(options);
  useEffect(() => {
    latest.current = options;
  });

  useEffect(() => {
    if (index === null) return;
    // The step happens in the timer, not in the effect body, so a re-run effect never steps twice.
    const timer = setTimeout(() => {
      const next = nextStageIndex(index);
      const stage = SLOW_MOTION_STAGES[next];
      const count = stepsForStage(stage, latest.current.dSteps);
      if (next === 0) setIteration((n) => n + 1);
      setIndex(next);
      if (count > 0 && stage.step) {
        const kind = stage.step;
        void (async () => {
          try {
            for (let i = 0; i < count; i++) await latest.current.step(kind);
          } catch (error) {
            setIndex(null);
            latest.current.onError(`Slow motion stopped: ${error instanceof Error ? error.message : String(error)}`);
          }
        })();
      }
    }, stageMs);
    return () => clearTimeout(timer);
  }, [index, stageMs]);

  const start = useCallback(() => {
    setIteration(1);
    setIndex(0);
  }, []);
  const stop = useCallback(() => setIndex(null), []);

  return { current: index === null ? null : SLOW_MOTION_STAGES[index], iteration, start, stop };
}
