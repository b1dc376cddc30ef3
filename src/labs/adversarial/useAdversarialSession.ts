/**
 * Runs the adversarial lab's worker: starts it, keeps the latest frame, the
 * whole metric history, the trainer's status and the backend in React state,
 * and notices when it dies, loudly (an error) or silently (it stops answering),
 * so it can be restarted with the last settings.
 */
import * as Comlink from 'comlink';
import { messageOf } from '../shared/messageOf';
import { callOverLink, type WorkerLink } from '../shared/workerLink';
import { superviseWorker } from '../shared/workerSupervisor';
import { useCallback, useEffect, useRef, useState } from 'react';
import { cloneSettings, type GanSettings } from '../../core/adversarial/ganSettings';
import type {
  AdversarialWorkerApi, BackendChoice, GanFrame, MetricPoint, StepKind, TrainerStatus, TrainingSpeed, WorkerInfo,
} from '../../protocol/adversarial/adversarialProtocol';
import { appendMetrics, metricsUpTo } from './metricHistory';

export interface SessionConfig {
  settings: GanSettings;
  customPoints: Float32Array | null;
  speed: TrainingSpeed;
  backend: BackendChoice;
}

/** A frame as the page holds it: what the worker sent, plus what only the page knows. */
export interface SessionFrame extends GanFrame {
  /** The worker has stopped since: the numbers are the last it sent, not live. */
  workerStopped: boolean;
  /** The latest non-zero steps per second (the worker reports 0 while paused); null before any. */
  lastRate: number | null;
}

export interface AdversarialSession {
  frame: SessionFrame | null;
  metrics: MetricPoint[];
  status: TrainerStatus;
  /** The backend really running; null until the worker has started and built the model. */
  info: WorkerInfo | null;
  /** Why the worker stopped (it then needs `restart`); null while it is healthy. */
  workerError: string | null;
  configure(settings: GanSettings, customPoints: Float32Array | null): Promise<void>;
  play(): Promise<void>;
  pause(): Promise<void>;
  step(kind: StepKind): Promise<void>;
  setSpeed(speed: TrainingSpeed): Promise<void>;
  setBackend(backend: BackendChoice): Promise<void>;
  restoreLastGood(): Promise<void>;
  exportCheckpoint(): Promise<string>;
  loadCheckpoint(text: string): Promise<{ settings: GanSettings; customPoints: Float32Array | null }>;
  /** A new worker with the current settings, speed and backend. */
  restart(): void;
}

type Remote = Comlink.Remote<AdversarialWorkerApi>;

export { messageOf };

/** One started worker, as the calls and the watchdog see it. */
export function useAdversarialSession(initial: SessionConfig): AdversarialSession {
  // What the worker should hold; a restarted worker gets the same.
  const config = useRef<SessionConfig>(initial);
  const remote = useRef<WorkerLink<AdversarialWorkerApi> | null>(null);
  const lastGoodStep = useRef(0);
  const lastRate = useRef<number | null>(null);
  const [generation, setGeneration] = useState(0);
  const [frame, setFrame] = useState<SessionFrame | null>(null);
  const [metrics, setMetrics] = useState<MetricPoint[]>([]);
  const [status, setStatus] = useState<TrainerStatus>({ kind: 'idle' });
  const [info, setInfo] = useState<WorkerInfo | null>(null);
  const [workerError, setWorkerError] = useState<string | null>(null);

  useEffect(() => {
    const worker = superviseWorker<AdversarialWorkerApi>(new Worker(new URL('../../worker/adversarial/adversarialWorker.ts', import.meta.url), { type: 'module' }), {
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

    const onFrame = (next: GanFrame) => {
      if (!worker.alive) return;
      worker.heard();
      if (next.epochsPerSecond > 0) lastRate.current = next.epochsPerSecond;
      setFrame({ ...next, workerStopped: false, lastRate: lastRate.current });
      if (next.newMetrics.length > 0) setMetrics((history) => appendMetrics(history, next.newMetrics));
    };
    const onStatus = (next: TrainerStatus) => {
      if (!worker.alive) return;
      worker.heard();
      worker.setRunning(next.kind === 'running');
      if (next.kind === 'diverged') lastGoodStep.current = next.lastGoodStep;
      setStatus(next);
    };

    void (async () => {
      try {
        const started = await api.init(config.current.backend);
        if (!worker.alive) return;
        await api.subscribe(Comlink.proxy(onFrame), Comlink.proxy(onStatus));
        await api.setSpeed(config.current.speed);
        await api.configure(cloneSettings(config.current.settings), config.current.customPoints);
        if (!worker.alive) return;
        worker.watch();
        remote.current = worker.link;
        setMetrics([]);
        setInfo(started);
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

  const configure = useCallback(async (settings: GanSettings, customPoints: Float32Array | null) => {
    config.current = { ...config.current, settings: cloneSettings(settings), customPoints };
    // Still starting: the start-up sequence will pick up the new settings itself.
    if (!remote.current) return;
    await call((api) => api.configure(cloneSettings(settings), customPoints));
    setMetrics([]);
  }, [call]);

  const setSpeed = useCallback(async (speed: TrainingSpeed) => {
    config.current = { ...config.current, speed };
    if (remote.current) await call((api) => api.setSpeed(speed));
  }, [call]);

  const setBackend = useCallback(async (backend: BackendChoice) => {
    config.current = { ...config.current, backend };
    if (!remote.current) return;
    setInfo(await call((api) => api.init(backend)));
  }, [call]);

  const play = useCallback(() => call((api) => api.play()), [call]);
  const pause = useCallback(() => call((api) => api.pause()), [call]);
  const step = useCallback((kind: StepKind) => call((api) => api.step(kind)), [call]);
  const exportCheckpoint = useCallback(() => call((api) => api.exportCheckpoint()), [call]);

  const restoreLastGood = useCallback(async () => {
    await call((api) => api.restoreLastGood());
    setMetrics((history) => metricsUpTo(history, lastGoodStep.current));
  }, [call]);

  const loadCheckpoint = useCallback(async (text: string) => {
    // The worker validates everything before replacing its session, so a bad file changes nothing here either.
    const loaded = await call((api) => api.loadCheckpoint(text));
    config.current = { ...config.current, settings: cloneSettings(loaded.settings), customPoints: loaded.customPoints };
    setMetrics([]);
    return loaded;
  }, [call]);

  const restart = useCallback(() => {
    setInfo(null);
    setStatus({ kind: 'idle' });
    setWorkerError(null);
    // The last picture stays until the new worker sends one; it is no longer "stopped" but starting.
    setFrame((last) => last && { ...last, workerStopped: false });
    setGeneration((g) => g + 1);
  }, []);

  return {
    frame, metrics, status, info, workerError,
    configure, play, pause, step, setSpeed, setBackend, restoreLastGood, exportCheckpoint, loadCheckpoint, restart,
  };
}
