/**
 * Runs the adversarial lab's worker: starts it, keeps the latest frame, the
 * whole metric history, the trainer's status and the backend in React state,
 * and notices when it dies, loudly (an error) or silently (it stops answering),
 * so it can be restarted with the last settings.
 */
import * as Comlink from 'comlink';
import { callOverLink, openWorkerLink, type WorkerLink } from '../shared/workerLink';
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

export function messageOf(error: unknown): string {
  if (error instanceof Error) return error.message;
  if (typeof error === 'string') return error;
  return 'an unknown error';
}

// The watchdog. A worker that closes itself (or is killed by the browser) fires
// no error event: it just goes quiet, and every call to it waits forever.
/** While training runs, frames come every 100 ms; this long without one is suspicious. */
export const FRAME_SILENCE_MS = 3000;
/** A call unanswered this long, with nothing else heard from the worker, is suspicious too. */
export const CALL_SILENCE_MS = 3000;
/** A probe (a cheap call) unanswered this long means the worker has stopped. */
export const PROBE_TIMEOUT_MS = 5000;
export const WATCHDOG_TICK_MS = 1000;

export interface WatchdogState {
  now: number;
  /** Training is on, so frames should be arriving. */
  running: boolean;
  /** When the worker last showed it is alive: a frame, a status, an answer. */
  lastHeard: number;
  /** When the oldest call still waiting for its answer was sent; null when none waits. */
  oldestPendingCall: number | null;
  /** The probe out now (when it was sent, and watchdog ticks since), or null. */
  probe: { sentAt: number; ticks: number } | null;
}

export type WatchdogVerdict = 'fine' | 'probe' | 'stopped';

/**
 * What to do on a watchdog tick. A probe counts as unanswered only after enough
 * ticks too: if the page itself froze, its answer may be queued behind this tick.
 */
export function watchdogVerdict(s: WatchdogState): WatchdogVerdict {
  if (s.probe) {
    const late = s.now - s.probe.sentAt >= PROBE_TIMEOUT_MS && s.probe.ticks >= Math.ceil(PROBE_TIMEOUT_MS / WATCHDOG_TICK_MS);
    return late ? 'stopped' : 'fine';
  }
  const quiet = s.now - s.lastHeard;
  if (s.running && quiet >= FRAME_SILENCE_MS) return 'probe';
  if (s.oldestPendingCall !== null && s.now - s.oldestPendingCall >= CALL_SILENCE_MS && quiet >= CALL_SILENCE_MS) return 'probe';
  return 'fine';
}

const SILENT_STOP = 'it stopped answering (the browser may have closed it, for example when memory ran low)';

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
    let alive = true;
    let running = false;
    let probe: WatchdogState['probe'] = null;
    const worker = new Worker(new URL('../../worker/adversarialWorker.ts', import.meta.url), { type: 'module' });
    const api = Comlink.wrap<AdversarialWorkerApi>(worker);
    const { link, endCalls } = openWorkerLink(api);
    const heard = () => { link.lastHeard = performance.now(); };

    const stop = (reason: string) => {
      if (!alive) return;
      alive = false;
      clearInterval(watchdog);
      remote.current = null;
      endCalls(new Error('The training worker has stopped. Press Restart to start it again.'));
      setWorkerError(reason);
      setStatus({ kind: 'idle' });
      setInfo(null);
      setFrame((last) => last && { ...last, workerStopped: true });
      worker.terminate();
    };
    worker.onerror = (event) => {
      event.preventDefault();
      stop(event.message || 'it hit an unexpected error');
    };
    worker.onmessageerror = () => stop('a message from it could not be read');

    const onFrame = (next: GanFrame) => {
      if (!alive) return;
      heard();
      if (next.epochsPerSecond > 0) lastRate.current = next.epochsPerSecond;
      setFrame({ ...next, workerStopped: false, lastRate: lastRate.current });
      if (next.newMetrics.length > 0) setMetrics((history) => appendMetrics(history, next.newMetrics));
    };
    const onStatus = (next: TrainerStatus) => {
      if (!alive) return;
      heard();
      running = next.kind === 'running';
      if (next.kind === 'diverged') lastGoodStep.current = next.lastGoodStep;
      setStatus(next);
    };

    const watchdog = setInterval(() => {
      // Start-up is not watched: loading a backend may take a while, and a failure there throws.
      if (!alive || remote.current !== link) return;
      if (probe) probe.ticks++;
      const waiting = [...link.pending.values()];
      const verdict = watchdogVerdict({
        now: performance.now(),
        running,
        lastHeard: link.lastHeard,
        oldestPendingCall: waiting.length > 0 ? Math.min(...waiting) : null,
        probe,
      });
      if (verdict === 'stopped') {
        stop(SILENT_STOP);
      } else if (verdict === 'probe') {
        const sent = { sentAt: performance.now(), ticks: 0 };
        probe = sent;
        // Setting the speed it already has: the cheapest call there is, with no effect on training.
        api.setSpeed(config.current.speed).then(
          () => {
            heard();
            if (probe === sent) probe = null;
          },
          () => undefined,
        );
      }
    }, WATCHDOG_TICK_MS);

    void (async () => {
      try {
        const started = await api.init(config.current.backend);
        if (!alive) return;
        await api.subscribe(Comlink.proxy(onFrame), Comlink.proxy(onStatus));
        await api.setSpeed(config.current.speed);
        await api.configure(cloneSettings(config.current.settings), config.current.customPoints);
        if (!alive) return;
        heard();
        remote.current = link;
        setMetrics([]);
        setInfo(started);
      } catch (error) {
        stop(messageOf(error));
      }
    })();

    return () => {
      alive = false;
      clearInterval(watchdog);
      remote.current = null;
      endCalls(new Error('The training worker was replaced.'));
      api[Comlink.releaseProxy]();
      worker.terminate();
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
