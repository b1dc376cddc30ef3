/**
 * Runs the face-swap lab's worker: starts it, keeps the latest frame, the
 * metric history, the timeline of preview snapshots, the status and the
 * backend in React state, and notices when the worker dies, loudly or
 * silently, so it can be restarted. A pretrained model brings its own timeline
 * and curves, from step 0 to where it stopped.
 */
import * as Comlink from 'comlink';
import { useCallback, useEffect, useRef, useState } from 'react';
import { cloneSwapSettings, type FaceSwapSettings } from '../../core/faceswap/faceSwapSettings';
import type { FaceFactors } from '../../core/faceswap/faceFactors';
import { addSnapshot } from '../shared/timeline';
import { messageOf } from '../shared/messageOf';
import { callOverLink, type WorkerLink } from '../shared/workerLink';
import { superviseWorker } from '../shared/workerSupervisor';
import type {
  BackendChoice, CodeProjection, FaceSwapFrame, FaceSwapStatus, FaceSwapWorkerApi, FaceSwapWorkerInfo, LoadedSwapModel, PretrainedSwapStart, PuppetPictures,
  SwapMetricPoint, SwapScoreSummary, SwapSnapshot, TrainingSpeed,
} from '../../protocol/faceswap/faceSwapProtocol';
import { appendSwapMetrics, metricsOfTimeline } from './swapMetrics';

export interface FaceSwapSessionConfig {
  settings: FaceSwapSettings;
  /** A shipped pretrained model's id, or null for a fresh model (see swapStartChoices.ts). */
  pretrained: string | null;
  speed: TrainingSpeed;
  backend: BackendChoice;
}

export interface FaceSwapSessionFrame extends FaceSwapFrame {
  workerStopped: boolean;
  /** The latest non-zero steps per second; null before any. */
  lastRate: number | null;
  /** Counts frames since the page opened: views that depend on the weights redraw when it changes. */
  sequence: number;
}

export interface FaceSwapSessionHandle {
  frame: FaceSwapSessionFrame | null;
  metrics: SwapMetricPoint[];
  timeline: SwapSnapshot[];
  status: FaceSwapStatus;
  info: FaceSwapWorkerInfo | null;
  /** What the pretrained model now training says about itself, or null for a fresh one. */
  pretrained: PretrainedSwapStart | null;
  workerError: string | null;
  /** Why the lab started from scratch instead of the pretrained model asked for, if it had to. */
  startProblem: string | null;
  configure(settings: FaceSwapSettings, pretrained: string | null): Promise<PretrainedSwapStart | null>;
  play(): Promise<void>;
  pause(): Promise<void>;
  step(): Promise<void>;
  setSpeed(speed: TrainingSpeed): Promise<void>;
  scoreNow(): Promise<SwapScoreSummary>;
  puppet(factors: FaceFactors): Promise<PuppetPictures | null>;
  puppetDigit(index: number): Promise<PuppetPictures | null>;
  /** The current model as a file the lab can load again. */
  exportModel(): Promise<Uint8Array>;
  /** A saved model (with `settings`, or null for its own); refused with the reason, the current model kept. */
  loadModel(bytes: Uint8Array, settings: FaceSwapSettings | null): Promise<LoadedSwapModel>;
  projectCodes(count: number): Promise<CodeProjection>;
  restart(): void;
}

type Remote = Comlink.Remote<FaceSwapWorkerApi>;

export const LOADING_MESSAGE = 'Starting the training worker and loading the model…';
/** About 18 MB of colour previews: a long run still scrubs smoothly. */
export const MAX_SWAP_SNAPSHOTS = 40;

function snapshotOf(frame: FaceSwapFrame, previous: SwapSnapshot | undefined): SwapSnapshot {
  const point = frame.newMetrics.at(-1);
  return {
    step: frame.steps,
    lossA: point?.lossA ?? previous?.lossA ?? NaN,
    lossB: point?.lossB ?? previous?.lossB ?? NaN,
    preview: frame.preview,
    scores: point?.scores ?? null,
  };
}

export function useFaceSwapSession(initial: FaceSwapSessionConfig): FaceSwapSessionHandle {
  const config = useRef<FaceSwapSessionConfig>(initial);
  const remote = useRef<WorkerLink<FaceSwapWorkerApi> | null>(null);
  const lastRate = useRef<number | null>(null);
  const sequence = useRef(0);
  const [generation, setGeneration] = useState(0);
  const [frame, setFrame] = useState<FaceSwapSessionFrame | null>(null);
  const [metrics, setMetrics] = useState<SwapMetricPoint[]>([]);
  const [timeline, setTimeline] = useState<SwapSnapshot[]>([]);
  const [status, setStatus] = useState<FaceSwapStatus>({ kind: 'loading', message: LOADING_MESSAGE });
  const [info, setInfo] = useState<FaceSwapWorkerInfo | null>(null);
  const [pretrained, setPretrained] = useState<PretrainedSwapStart | null>(null);
  const [workerError, setWorkerError] = useState<string | null>(null);
  const [startProblem, setStartProblem] = useState<string | null>(null);

  /**
   * A new model's history. Its first frame has already arrived (the worker posts it before
   * answering) and restarted the timeline; a pretrained model puts its stored past before it.
   */
  const startHistory = useCallback((loaded: PretrainedSwapStart | null) => {
    setPretrained(loaded);
    if (loaded) {
      setTimeline((t) => {
        const live = t.at(-1);
        const stored = loaded.timeline.slice();
        const last = stored.at(-1);
        return live && (!last || live.step >= last.step) ? addSnapshot(stored, live, MAX_SWAP_SNAPSHOTS) : stored;
      });
    }
    setMetrics(loaded ? metricsOfTimeline(loaded.timeline) : []);
  }, []);

  useEffect(() => {
    const worker = superviseWorker<FaceSwapWorkerApi>(new Worker(new URL('../../worker/faceswap/faceSwapWorker.ts', import.meta.url), { type: 'module' }), {
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

    const onFrame = (next: FaceSwapFrame) => {
      if (!worker.alive) return;
      worker.heard();
      if (next.stepsPerSecond > 0) lastRate.current = next.stepsPerSecond;
      setFrame({ ...next, workerStopped: false, lastRate: lastRate.current, sequence: ++sequence.current });
      setTimeline((t) => addSnapshot(t, snapshotOf(next, t.at(-1)), MAX_SWAP_SNAPSHOTS));
      if (next.newMetrics.length > 0) setMetrics((history) => appendSwapMetrics(history, next.newMetrics));
    };
    const onStatus = (next: FaceSwapStatus) => {
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
        let loaded: PretrainedSwapStart | null;
        try {
          loaded = await api.configure(cloneSwapSettings(config.current.settings), config.current.pretrained);
        } catch (error) {
          // A shipped model that cannot load must not leave the lab empty: start from scratch and say why.
          if (config.current.pretrained === null) throw error;
          config.current = { ...config.current, pretrained: null };
          loaded = await api.configure(cloneSwapSettings(config.current.settings), null);
          setStartProblem(`The pretrained model could not be loaded, so training starts from scratch: ${messageOf(error)}`);
        }
        if (!worker.alive) return;
        startHistory(loaded);
        worker.watch();
        remote.current = worker.link;
        setInfo(started);
      } catch (error) {
        worker.stop(messageOf(error));
      }
    })();

    return () => {
      remote.current = null;
      worker.dispose();
    };
  }, [generation, startHistory]);

  const call = useCallback(<T,>(run: (api: Remote) => Promise<T>): Promise<T> => callOverLink(remote.current, run), []);

  const configure = useCallback(async (settings: FaceSwapSettings, choice: string | null) => {
    // Not started yet: the worker's start-up reads config.current.
    if (!remote.current) {
      config.current = { ...config.current, settings: cloneSwapSettings(settings), pretrained: choice };
      return null;
    }
    const loaded = await call((api) => api.configure(cloneSwapSettings(settings), choice));
    // Only once the worker accepted it: a refused model leaves the running one, and its history, in place.
    config.current = { ...config.current, settings: cloneSwapSettings(settings), pretrained: choice };
    startHistory(loaded);
    return loaded;
  }, [call, startHistory]);

  const setSpeed = useCallback(async (speed: TrainingSpeed) => {
    config.current = { ...config.current, speed };
    if (remote.current) await call((api) => api.setSpeed(speed));
  }, [call]);

  const play = useCallback(() => call((api) => api.play()), [call]);
  const pause = useCallback(() => call((api) => api.pause()), [call]);
  const step = useCallback(() => call((api) => api.step()), [call]);
  const scoreNow = useCallback(() => call((api) => api.scoreNow()), [call]);
  const puppet = useCallback((factors: FaceFactors) => call((api) => api.puppet(factors)), [call]);
  const puppetDigit = useCallback((index: number) => call((api) => api.puppetDigit(index)), [call]);
  const projectCodes = useCallback((count: number) => call((api) => api.projectCodes(count)), [call]);
  const exportModel = useCallback(() => call((api) => api.exportModel()), [call]);
  const loadModel = useCallback(async (bytes: Uint8Array, settings: FaceSwapSettings | null) => {
    const loaded = await call((api) => api.loadModel(bytes, settings && cloneSwapSettings(settings)));
    // A restarted worker cannot have the file: it starts afresh with the file's settings.
    config.current = { ...config.current, settings: cloneSwapSettings(loaded.settings), pretrained: null };
    startHistory(loaded);
    return loaded;
  }, [call, startHistory]);

  const restart = useCallback(() => {
    setInfo(null);
    setStatus({ kind: 'loading', message: LOADING_MESSAGE });
    setWorkerError(null);
    setFrame((last) => last && { ...last, workerStopped: false });
    setGeneration((g) => g + 1);
  }, []);

  return {
    frame, metrics, timeline, status, info, pretrained, workerError, startProblem,
    configure, play, pause, step, setSpeed, scoreNow, puppet, puppetDigit, projectCodes, exportModel, loadModel, restart,
  };
}
