/**
 * Runs the digit forger's worker: starts it (which loads the digits and the
 * classifier), keeps the latest frame, the metric history, the timeline of
 * grid snapshots, the status and the backend in React state, and notices when
 * the worker dies, loudly or silently, so it can be restarted.
 */
import * as Comlink from 'comlink';
import { callOverLink, openWorkerLink, type WorkerLink } from '../shared/workerLink';
import { useCallback, useEffect, useRef, useState } from 'react';
import { cloneDigitSettings, type DigitGanSettings } from '../../core/digits/digitGanSettings';
import type { DigitQuality } from '../../core/digits/digitQuality';
import { WATCHDOG_TICK_MS, messageOf, watchdogVerdict, type WatchdogState } from '../adversarial/useAdversarialSession';
import { appendDigitMetrics } from './digitMetrics';
import type {
  BackendChoice, DigitFrame, DigitMetricPoint, DigitStatus, DigitWorkerApi, DigitWorkerInfo, PretrainedStart, RealDigits, TrainingSpeed,
} from './digitProtocol';
import { addSnapshot, type GridSnapshot } from './timeline';

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
const SILENT_STOP = 'it stopped answering (the browser may have closed it, for example when memory ran low)';

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
    let alive = true;
    let running = false;
    let probe: WatchdogState['probe'] = null;
    const worker = new Worker(new URL('../../worker/digitWorker.ts', import.meta.url), { type: 'module' });
    const api = Comlink.wrap<DigitWorkerApi>(worker);
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

    const onFrame = (next: DigitFrame) => {
      if (!alive) return;
      heard();
      if (next.epochsPerSecond > 0) lastRate.current = next.epochsPerSecond;
      setFrame({ ...next, workerStopped: false, lastRate: lastRate.current, sequence: ++sequence.current });
      setTimeline((t) => addSnapshot(t, snapshotOf(next)));
      if (next.newMetrics.length > 0) setMetrics((history) => appendDigitMetrics(history, next.newMetrics));
    };
    const onStatus = (next: DigitStatus) => {
      if (!alive) return;
      heard();
      running = next.kind === 'running';
      setStatus(next);
    };

    const watchdog = setInterval(() => {
      if (!alive || remote.current !== link) return;
      if (probe) probe.ticks++;
      const waiting = [...link.pending.values()];
      const verdict = watchdogVerdict({
        now: performance.now(), running, lastHeard: link.lastHeard, oldestPendingCall: waiting.length > 0 ? Math.min(...waiting) : null, probe,
      });
      if (verdict === 'stopped') {
        stop(SILENT_STOP);
      } else if (verdict === 'probe') {
        const sent = { sentAt: performance.now(), ticks: 0 };
        probe = sent;
        api.setSpeed(config.current.speed).then(() => {
          heard();
          if (probe === sent) probe = null;
        }, () => undefined);
      }
    }, WATCHDOG_TICK_MS);

    void (async () => {
      try {
        const started = await api.init(config.current.backend);
        if (!alive) return;
        await api.subscribe(Comlink.proxy(onFrame), Comlink.proxy(onStatus));
        await api.setSpeed(config.current.speed);
        const loaded = await api.configure(cloneDigitSettings(config.current.settings), config.current.pretrained);
        if (loaded) setTimeline(timelineOf(loaded));
        const reference = await api.realQuality();
        if (!alive) return;
        heard();
        remote.current = link;
        setMetrics([]);
        setInfo(started);
        setRealQuality(reference ?? started.realQuality);
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
