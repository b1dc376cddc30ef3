/**
 * Runs a lab's training worker from the page: starts it, supervises it (workerSupervisor.ts),
 * keeps what it reports in React state (sessionState.ts), and after a crash and Restart gives
 * the new worker the configuration the old one last accepted, a loaded model file included, so
 * training comes back as it was. Every lab uses this hook; its own calls go through `call`.
 */
import * as Comlink from 'comlink';
import { useCallback, useEffect, useMemo, useReducer, useRef, useState } from 'react';
import type {
  AcceptedConfig, BackendChoice, FrameBase, SessionStatus, StartRequest, TrainingSessionApi, TrainingSpeed, WorkerInfo,
} from '../../protocol/shared/sessionProtocol';
import { messageOf } from './messageOf';
import {
  initialSession, reduceSession, type HistoryRules, type SessionEvent, type SessionSetup, type SessionState,
} from './sessionState';
import { configureAtStart } from './sessionStartup';
import { callOverLink, WorkerStoppedError, type WorkerLink } from './workerLink';
import { superviseWorker } from './workerSupervisor';

/** The types one lab's session works with (a lab names them once, in an interface of its own). */
export interface PageSessionTypes {
  api: TrainingSessionApi<this['settings'], this['frame'], this['info'], this['startInfo']>;
  settings: unknown;
  frame: FrameBase<this['metric']>;
  info: WorkerInfo;
  startInfo: unknown;
  metric: { step: number };
  /** A timeline snapshot, for a lab with a timeline. */
  snapshot: { step: number };
}

/** A lab's side of the session: how to start its worker, and how its frames and trained starts feed the history. */
export interface LabSession<L extends PageSessionTypes> extends HistoryRules<L['frame'], L['startInfo'], L['metric'], L['snapshot']> {
  /**
   * A new worker, written in the lab's own folder as `new Worker(new URL('…Worker.ts', import.meta.url), { type: 'module' })`
   * so the bundler finds and bundles each lab's worker.
   */
  createWorker(): Worker;
}

export interface SessionStartup<Settings> extends SessionSetup<Settings> {
  speed: TrainingSpeed;
  backend: BackendChoice;
}

export type PageSessionState<L extends PageSessionTypes> = SessionState<L['settings'], L['frame'], L['info'], L['startInfo'], L['metric'], L['snapshot']>;

export interface SessionHandle<L extends PageSessionTypes> extends PageSessionState<L> {
  /** The worker has started and built a model: the controls may be used. */
  ready: boolean;
  /** Asks the worker for a new model; rejects with the worker's reason (nothing changes) when it refuses. */
  configure(settings: L['settings'] | null, start: StartRequest): Promise<AcceptedConfig<L['settings'], L['startInfo']>>;
  play(): Promise<void>;
  pause(): Promise<void>;
  step(): Promise<void>;
  setSpeed(speed: TrainingSpeed): Promise<void>;
  setBackend(backend: BackendChoice): Promise<void>;
  restoreLastGood(): Promise<void>;
  saveModel(): Promise<Uint8Array>;
  /** A new worker with the last accepted configuration, speed and backend. */
  restart(): void;
  /** Any call of the lab's own worker API, tracked for the watchdog; a stopped worker ends it with a reason. */
  call<T>(run: (api: Comlink.Remote<L['api']>) => Promise<T>): Promise<T>;
}

/** The shared calls as the page makes them through comlink: every answer a promise. */
interface SharedSessionCalls<L extends PageSessionTypes> {
  init(backend: BackendChoice): Promise<L['info']>;
  subscribe(onFrame: (frame: L['frame']) => void, onStatus: (status: SessionStatus) => void): Promise<void>;
  configure(settings: L['settings'] | null, start: StartRequest): Promise<AcceptedConfig<L['settings'], L['startInfo']>>;
  play(): Promise<void>;
  pause(): Promise<void>;
  step(): Promise<void>;
  setSpeed(speed: TrainingSpeed): Promise<void>;
  restoreLastGood(): Promise<void>;
  saveModel(): Promise<Uint8Array>;
}

/** The worker's proxy as the shared calls: comlink's types cannot follow a lab's API through the generic. */
function callsOf<L extends PageSessionTypes>(remote: Comlink.Remote<unknown>): SharedSessionCalls<L> {
  return remote as unknown as SharedSessionCalls<L>;
}

/** What a lab may add to the session's start-up. */
export interface SessionOptions<L extends PageSessionTypes> {
  /**
   * Runs on every new worker (the first, and each Restart) before the model is built, for what the
   * build needs from the page that the settings do not carry (a file the learner loaded, say).
   */
  beforeConfigure?: (api: Comlink.Remote<L['api']>) => Promise<void>;
}

export function useTrainingSession<L extends PageSessionTypes>(lab: LabSession<L>, initial: SessionStartup<L['settings']>, options: SessionOptions<L> = {}): SessionHandle<L> {
  type Settings = L['settings'];
  type Frame = L['frame'];
  type StartInfo = L['startInfo'];
  type State = PageSessionState<L>;
  type Event = SessionEvent<Settings, Frame, L['info'], StartInfo>;

  const reducer = useMemo(() => (state: State, event: Event): State => reduceSession(lab, state, event), [lab]);
  const [state, dispatch] = useReducer(reducer, null, (): State => initialSession({ settings: initial.settings, start: initial.start }, lab.startingStatus));
  // What a restarted worker is given: the last accepted configuration, the speed and the backend.
  const setup = useRef<SessionStartup<Settings>>(initial);
  const link = useRef<WorkerLink<unknown> | null>(null);
  // Settles when the current worker has started (or rejects when it stopped first): calls made before wait for it.
  const startup = useRef<Promise<void>>(Promise.resolve());
  const lastGoodStep = useRef(0);
  const [generation, setGeneration] = useState(0);
  const beforeConfigure = useRef(options.beforeConfigure);
  useEffect(() => {
    beforeConfigure.current = options.beforeConfigure;
  }, [options.beforeConfigure]);

  const accept = useCallback((config: SessionSetup<Settings>, startInfo: StartInfo | null, startProblem?: string) => {
    setup.current = { ...setup.current, ...config };
    dispatch({ type: 'accepted', config, startInfo, startProblem });
  }, []);

  useEffect(() => {
    let markStarted: () => void = () => {};
    let markFailed: (error: Error) => void = () => {};
    startup.current = new Promise<void>((resolve, reject) => {
      markStarted = resolve;
      markFailed = reject;
    });
    startup.current.catch(() => {}); // only calls waiting on it care
    const worker = superviseWorker<unknown>(lab.createWorker(), {
      onStopped: (reason) => {
        link.current = null;
        markFailed(new WorkerStoppedError());
        dispatch({ type: 'stopped', reason });
      },
      // Setting the speed it already has: the cheapest call there is, with no effect on training.
      probe: (remote) => callsOf<L>(remote).setSpeed(setup.current.speed),
    });
    const api = callsOf<L>(worker.api);

    const onFrame = (frame: Frame) => {
      if (!worker.alive) return;
      worker.heard();
      dispatch({ type: 'frame', frame });
    };
    const onStatus = (status: SessionStatus) => {
      if (!worker.alive) return;
      worker.heard();
      worker.setRunning(status.kind === 'running');
      if (status.kind === 'diverged') lastGoodStep.current = status.lastGoodStep;
      dispatch({ type: 'status', status });
    };

    void (async () => {
      try {
        const { backend, speed } = setup.current;
        let info = await api.init(backend);
        if (!worker.alive) return;
        await api.subscribe(Comlink.proxy(onFrame), Comlink.proxy(onStatus));
        await api.setSpeed(speed);
        await beforeConfigure.current?.(worker.api as Comlink.Remote<L['api']>);
        if (!worker.alive) return;
        const model = await configureAtStart((settings, start) => api.configure(settings, start), setup.current);
        if (!worker.alive) return;
        // A speed or backend chosen while the worker was starting (loading can take seconds): send it now.
        if (setup.current.backend !== backend) info = await api.init(setup.current.backend);
        if (setup.current.speed !== speed) await api.setSpeed(setup.current.speed);
        if (!worker.alive) return;
        accept(model.config, model.startInfo, model.startProblem);
        worker.watch();
        link.current = worker.link;
        dispatch({ type: 'started', info });
        markStarted();
      } catch (error) {
        worker.stop(messageOf(error));
      }
    })();

    return () => {
      link.current = null;
      markFailed(new WorkerStoppedError('The training worker was replaced.'));
      worker.dispose();
    };
  }, [generation, lab, accept]);

  /** Runs a call once the worker has started (waiting for it if it is starting). */
  const callRemote = useCallback(async <T,>(run: (remote: Comlink.Remote<unknown>) => Promise<T>): Promise<T> => {
    if (!link.current) await startup.current;
    return callOverLink(link.current, run);
  }, []);
  const callBase = useCallback(<T,>(run: (api: SharedSessionCalls<L>) => Promise<T>) => callRemote((remote) => run(callsOf<L>(remote))), [callRemote]);
  // The lab's own API is the same worker: the proxy answers every call it exposes.
  const call = useCallback(<T,>(run: (api: Comlink.Remote<L['api']>) => Promise<T>) =>
    callRemote((remote) => run(remote as Comlink.Remote<L['api']>)), [callRemote]);

  const configure = useCallback(async (settings: Settings | null, start: StartRequest) => {
    const accepted = await callBase((api) => api.configure(settings, start));
    accept({ settings: accepted.settings, start }, accepted.start);
    return accepted;
  }, [callBase, accept]);

  const setSpeed = useCallback(async (speed: TrainingSpeed) => {
    setup.current = { ...setup.current, speed };
    if (link.current) await callOverLink(link.current, (remote) => callsOf<L>(remote).setSpeed(speed));
  }, []);

  const setBackend = useCallback(async (backend: BackendChoice) => {
    setup.current = { ...setup.current, backend };
    if (!link.current) return;
    const info = await callOverLink(link.current, (remote) => callsOf<L>(remote).init(backend));
    dispatch({ type: 'started', info });
  }, []);

  const restoreLastGood = useCallback(async () => {
    await callBase((api) => api.restoreLastGood());
    dispatch({ type: 'restored', step: lastGoodStep.current });
  }, [callBase]);

  const play = useCallback(() => callBase((api) => api.play()), [callBase]);
  const pause = useCallback(() => callBase((api) => api.pause()), [callBase]);
  const step = useCallback(() => callBase((api) => api.step()), [callBase]);
  const saveModel = useCallback(() => callBase((api) => api.saveModel()), [callBase]);

  const restart = useCallback(() => {
    dispatch({ type: 'restarting' });
    setGeneration((g) => g + 1);
  }, []);

  return {
    ...state,
    ready: state.info !== null,
    configure, play, pause, step, setSpeed, setBackend, restoreLastGood, saveModel, restart, call,
  };
}
