/**
 * Runs the adversarial lab's worker: starts it, keeps the latest frame, the
 * whole metric history, the trainer's status and the backend in React state,
 * and restarts it (re-applying the last settings) if it dies.
 */
import * as Comlink from 'comlink';
import { useCallback, useEffect, useRef, useState } from 'react';
import { cloneSettings, type GanSettings } from '../../core/ganSettings';
import type {
  AdversarialWorkerApi, BackendChoice, GanFrame, MetricPoint, StepKind, TrainerStatus, TrainingSpeed, WorkerInfo,
} from './adversarialProtocol';
import { appendMetrics, metricsUpTo } from './metricHistory';

export interface SessionConfig {
  settings: GanSettings;
  customPoints: Float32Array | null;
  speed: TrainingSpeed;
  backend: BackendChoice;
}

export interface AdversarialSession {
  frame: GanFrame | null;
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

export function messageOf(error: unknown): string {
  if (error instanceof Error) return error.message;
  if (typeof error === 'string') return error;
  return 'an unknown error';
}

export function useAdversarialSession(initial: SessionConfig): AdversarialSession {
  // What the worker should hold; a restarted worker gets the same.
  const config = useRef<SessionConfig>(initial);
  const remote = useRef<Remote | null>(null);
  const lastGoodStep = useRef(0);
  const [generation, setGeneration] = useState(0);
  const [frame, setFrame] = useState<GanFrame | null>(null);
  const [metrics, setMetrics] = useState<MetricPoint[]>([]);
  const [status, setStatus] = useState<TrainerStatus>({ kind: 'idle' });
  const [info, setInfo] = useState<WorkerInfo | null>(null);
  const [workerError, setWorkerError] = useState<string | null>(null);

  useEffect(() => {
    let alive = true;
    const worker = new Worker(new URL('../../worker/adversarialWorker.ts', import.meta.url), { type: 'module' });
    const api = Comlink.wrap<AdversarialWorkerApi>(worker);
    const stop = (reason: string) => {
      if (!alive) return;
      alive = false;
      remote.current = null;
      setWorkerError(reason);
      setStatus({ kind: 'idle' });
      setInfo(null);
      worker.terminate();
    };
    worker.onerror = (event) => {
      event.preventDefault();
      stop(event.message || 'it hit an unexpected error');
    };
    worker.onmessageerror = () => stop('a message from it could not be read');

    const onFrame = (next: GanFrame) => {
      if (!alive) return;
      setFrame(next);
      if (next.newMetrics.length > 0) setMetrics((history) => appendMetrics(history, next.newMetrics));
    };
    const onStatus = (next: TrainerStatus) => {
      if (!alive) return;
      if (next.kind === 'diverged') lastGoodStep.current = next.lastGoodStep;
      setStatus(next);
    };

    void (async () => {
      try {
        const started = await api.init(config.current.backend);
        if (!alive) return;
        await api.subscribe(Comlink.proxy(onFrame), Comlink.proxy(onStatus));
        await api.setSpeed(config.current.speed);
        await api.configure(cloneSettings(config.current.settings), config.current.customPoints);
        if (!alive) return;
        remote.current = api;
        setMetrics([]);
        setInfo(started);
      } catch (error) {
        stop(messageOf(error));
      }
    })();

    return () => {
      alive = false;
      remote.current = null;
      api[Comlink.releaseProxy]();
      worker.terminate();
    };
  }, [generation]);

  const call = useCallback(async <T,>(run: (api: Remote) => Promise<T>): Promise<T> => {
    const api = remote.current;
    if (!api) throw new Error('The training worker is not running yet. Please wait a moment, or press Restart.');
    return run(api);
  }, []);

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
    setGeneration((g) => g + 1);
  }, []);

  return {
    frame, metrics, status, info, workerError,
    configure, play, pause, step, setSpeed, setBackend, restoreLastGood, exportCheckpoint, loadCheckpoint, restart,
  };
}
