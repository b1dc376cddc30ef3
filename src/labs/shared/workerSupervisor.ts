/**
 * Watches a lab's training worker from the page. A worker that crashes fires an error
 * event; one that closes itself (or is killed by the browser, say when memory runs low)
 * fires nothing: it goes quiet and every call to it would wait forever. The supervisor
 * turns both into one "stopped, and why", ends the waiting calls, and terminates the worker.
 * Shared by every lab's session hook; what the lab does on start-up and on each frame stays there.
 */
import * as Comlink from 'comlink';
import { openWorkerLink, WorkerStoppedError, type WorkerLink } from './workerLink';

/** While training runs, frames come several times a second; this long without one is suspicious. */
export const FRAME_SILENCE_MS = 3000;
/** A call unanswered this long, with nothing else heard from the worker, is suspicious too. */
export const CALL_SILENCE_MS = 3000;
/** A probe (a cheap call) unanswered this long means the worker has stopped. */
export const PROBE_TIMEOUT_MS = 5000;
export const WATCHDOG_TICK_MS = 1000;

const SILENT_STOP = 'it stopped answering (the browser may have closed it, for example when memory ran low)';

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

export interface SupervisorOptions<Api> {
  /** The worker stopped (crashed, went quiet, or failed to start): say why. Not called on dispose(). */
  onStopped(reason: string): void;
  /** A cheap call with no effect on training, sent when the worker has been quiet too long. */
  probe(api: Comlink.Remote<Api>): Promise<unknown>;
}

export interface SupervisedWorker<Api> {
  api: Comlink.Remote<Api>;
  link: WorkerLink<Api>;
  /** False once stopped or disposed: anything the worker sends after that is ignored. */
  readonly alive: boolean;
  /** Call on every frame and status from the worker: it is alive. */
  heard(): void;
  /** Whether training runs (frames are then expected). */
  setRunning(running: boolean): void;
  /** Start-up is over: watch from now on (loading a backend may take a while, and a failure there throws). */
  watch(): void;
  stop(reason: string): void;
  /** The page is done with it (unmounted, or replaced by a new worker). */
  dispose(): void;
}

export function superviseWorker<Api>(worker: Worker, options: SupervisorOptions<Api>): SupervisedWorker<Api> {
  const api = Comlink.wrap<Api>(worker);
  const { link, endCalls } = openWorkerLink(api);
  let alive = true;
  let watching = false;
  let running = false;
  let probe: WatchdogState['probe'] = null;
  const heard = () => { link.lastHeard = performance.now(); };

  const finish = (reason: Error) => {
    alive = false;
    clearInterval(watchdog);
    endCalls(reason);
    worker.terminate();
  };
  const stop = (reason: string) => {
    if (!alive) return;
    finish(new WorkerStoppedError());
    options.onStopped(reason);
  };
  worker.onerror = (event) => {
    event.preventDefault();
    stop(event.message || 'it hit an unexpected error');
  };
  worker.onmessageerror = () => stop('a message from it could not be read');

  const watchdog = setInterval(() => {
    if (!alive || !watching) return;
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
      options.probe(api).then(() => {
        heard();
        if (probe === sent) probe = null;
      }, () => undefined);
    }
  }, WATCHDOG_TICK_MS);

  return {
    api,
    link,
    get alive() { return alive; },
    heard,
    setRunning: (next) => { running = next; },
    watch: () => {
      heard();
      watching = true;
    },
    stop,
    dispose: () => {
      if (alive) finish(new Error('The training worker was replaced.'));
      api[Comlink.releaseProxy]();
    },
  };
}
