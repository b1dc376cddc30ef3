/**
 * Runs the digit forger's worker: starts it (which loads the digits and the
 * classifier), keeps the latest frame, the metric history, the timeline of
 * grid snapshots, the status and the backend in React state, and notices when
 * the worker dies, loudly or silently, so it can be restarted.
 */
import * as Comlink from 'comlink';
import { callOverLink, type WorkerLink } from '../shared/workerLink';
import { useCallback, useEffect, useRef, useState } from 'react';
import { cloneDigitSettings, type DigitGanSettings } from '../../core/digits/digitGanSettings';
import type { DigitQuality } from '../../core/mnist/digitQuality';
import { messageOf } from '../shared/messageOf';
import { superviseWorker } from '../shared/workerSupervisor';
import { appendDigitMetrics } from './digitMetrics';
import type {
  BackendChoice, DigitFrame, DigitMetricPoint, DigitStatus, DigitWorkerApi, DigitWorkerInfo, PretrainedStart, RealDigits, TrainingSpeed,
} from '../../protocol/digits/digitProtocol';
import { addSnapshot, type GridSnapshot } from '../shared/timeline';

export interface DigitSessionConfig {
  settings: DigitGanSettings;
  /** Pretrained weights to start from, or null for a fresh model (see startChoices.ts). */
  pretrained: string | null;
  speed: TrainingSpeed;
  backend: BackendChoice;
}

export interface DigitSessionFrame extends DigitFrame {
  workerStopped: boolean;
  /** The latest non-zero steps per second; null before any. */
  lastRate: number | null;
  /** Counts frames since the page opened: views that depend on the weights redraw when it changes. */
  sequence: number;
}

export interface DigitSession {
  frame: DigitSessionFrame | null;
  metrics: DigitMetricPoint[];
  timeline: GridSnapshot[];
  status: DigitStatus;
  info: DigitWorkerInfo | null;
  /** Real digits of the trained classes, scored as the fakes are: the quality charts' yardstick. */
  realQuality: DigitQuality | null;
  workerError: string | null;
  configure(settings: DigitGanSettings, pretrained: string | null): Promise<PretrainedStart | null>;
  play(): Promise<void>;
  pause(): Promise<void>;
  step(): Promise<void>;
  setSpeed(speed: TrainingSpeed): Promise<void>;
  realDigits(count: number, seed: number): Promise<RealDigits>;
  latentWalk(fromSeed: number, toSeed: number, steps: number, label: number | null): Promise<Float32Array>;
  sampleWithOverrides(seed: number, overrides: number[], label: number | null): Promise<Float32Array>;
  restart(): void;
}

type Remote = Comlink.Remote<DigitWorkerApi>;

export const LOADING_MESSAGE = 'Loading the digits and the classifier…';

const snapshotOf = (f: DigitFrame): GridSnapshot => ({
  step: f.generatorSteps, grid: f.grid, gridCount: f.gridCount, verdicts: f.gridVerdicts, labels: f.gridLabels,
});

function timelineOf(start: PretrainedStart): GridSnapshot[] {
  return start.timeline.map(({ step, grid, gridCount, verdicts, labels }) => ({ step, grid, gridCount, verdicts, labels }));
}

export function useDigitSession(initial: DigitSessionConfig): DigitSession {
  const config = useRef<DigitSessionConfig>(initial);
  const remote = useRef<WorkerLink<DigitWorkerApi> | null>(null);
  const lastRate = useRef<number | null>(null);
  const sequence = useRef(0);
  const [generation, setGeneration] = useState(0);
  const [frame, setFrame] = useState<DigitSessionFrame | null>(null);
  const [metrics, setMetrics] = useState<DigitMetricPoint[]>([]);
  const [timeline, setTimeline] = useState<GridSnapshot[]>([]);
  const [status, setStatus] = useState<DigitStatus>({ kind: 'loading', message: LOADING_MESSAGE });
  const [info, setInfo] = useState<DigitWorkerInfo | null>(null);
  const [realQuality, setRealQuality] = useState<DigitQuality | null>(null);
  const [workerError, setWorkerError] = useState<string | null>(null);

  useEffect(() => {
    const worker = superviseWorker<DigitWorkerApi>(new Worker(new URL('../../worker/digits/digitWorker.ts', import.meta.url), { type: 'module' }), {
      onStopped: (reason) => {
        remote.current = null;
        setWorkerError(reason);
        setStatus({ kind: 'idle' });
        setInfo(null);
        setFrame((last) => last && { ...last, workerStopped: true });
      },
      // Setting the speed it already has: the cheapest call there is, with no effect on training.
      probe: (api) => api.setSpeed(config.current.speed),
    });
    const { api } = worker;

    const onFrame = (next: DigitFrame) => {
      if (!worker.alive) return;
      worker.heard();
      if (next.epochsPerSecond > 0) lastRate.current = next.epochsPerSecond;
      setFrame({ ...next, workerStopped: false, lastRate: lastRate.current, sequence: ++sequence.current });
      setTimeline((t) => addSnapshot(t, snapshotOf(next)));
      if (next.newMetrics.length > 0) setMetrics((history) => appendDigitMetrics(history, next.newMetrics));
    };
    const onStatus = (next: DigitStatus) => {
      if (!worker.alive) return;
      worker.heard();
      worker.setRunning(next.kind === 'running');
      setStatus(next);
    };

    void (async () => {
      try {
        const started = await api.init(config.current.backend);
        if (!worker.alive) return;
        await api.subscribe(Comlink.proxy(onFrame), Comlink.proxy(onStatus));
        await api.setSpeed(config.current.speed);
        const loaded = await api.configure(cloneDigitSettings(config.current.settings), config.current.pretrained);
        if (loaded) setTimeline(timelineOf(loaded));
        const reference = await api.realQuality();
        if (!worker.alive) return;
        worker.watch();
        remote.current = worker.link;
        setMetrics([]);
        setInfo(started);
        setRealQuality(reference ?? started.realQuality);
      } catch (error) {
        worker.stop(messageOf(error));
      }
    })();

    return () => {
      remote.current = null;
      worker.dispose();
    };
  }, [generation]);

  const call = useCallback(<T,>(run: (api: Remote) => Promise<T>): Promise<T> => callOverLink(remote.current, run), []);

  const configure = useCallback(async (settings: DigitGanSettings, pretrained: string | null) => {
    config.current = { ...config.current, settings: cloneDigitSettings(settings), pretrained };
    // Not started yet: the worker's start-up reads config.current.
    if (!remote.current) return null;
    const loaded = await call((api) => api.configure(cloneDigitSettings(settings), pretrained));
    // A pretrained model brings the timeline of its own training, from static to digits.
    if (loaded) setTimeline(timelineOf(loaded));
    setMetrics([]);
    setRealQuality(await call((api) => api.realQuality()));
    return loaded;
  }, [call]);

  const setSpeed = useCallback(async (speed: TrainingSpeed) => {
    config.current = { ...config.current, speed };
    if (remote.current) await call((api) => api.setSpeed(speed));
  }, [call]);

  const play = useCallback(() => call((api) => api.play()), [call]);
  const pause = useCallback(() => call((api) => api.pause()), [call]);
  const step = useCallback(() => call((api) => api.step()), [call]);
  const realDigits = useCallback((count: number, seed: number) => call((api) => api.realDigits(count, seed)), [call]);
  const latentWalk = useCallback(
    (fromSeed: number, toSeed: number, steps: number, label: number | null) => call((api) => api.latentWalk(fromSeed, toSeed, steps, label)),
    [call],
  );
  const sampleWithOverrides = useCallback(
    (seed: number, overrides: number[], label: number | null) => call((api) => api.sampleWithOverrides(seed, overrides, label)),
    [call],
  );

  const restart = useCallback(() => {
    setInfo(null);
    setStatus({ kind: 'loading', message: LOADING_MESSAGE });
    setWorkerError(null);
    setFrame((last) => last && { ...last, workerStopped: false });
    setGeneration((g) => g + 1);
  }, []);

  return {
    frame, metrics, timeline, status, info, realQuality, workerError,
    configure, play, pause, step, setSpeed, realDigits, latentWalk, sampleWithOverrides, restart,
  };
}
