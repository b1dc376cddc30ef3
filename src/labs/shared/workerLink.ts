/**
 * The page's handle on a lab's training worker: the comlink proxy, when the
 * worker was last heard from, the calls still waiting for an answer (for the
 * watchdog), and a promise that rejects when the worker stops, so that every
 * waiting call ends instead of hanging. Shared by every lab's session hook.
 */
import type * as Comlink from 'comlink';

export interface WorkerLink<Api> {
  api: Comlink.Remote<Api>;
  lastHeard: number;
  /** Calls waiting for an answer: id → when sent. */
  pending: Map<number, number>;
  nextCallId: number;
  /** Rejects when the worker stops, so calls waiting on it end too. */
  stopped: Promise<never>;
}

/** The worker is gone (crashed, went quiet or was replaced): a call to it was not refused, it was never answered. */
export class WorkerStoppedError extends Error {
  constructor(message = 'The training worker has stopped. Press Restart to start it again.') {
    super(message);
    this.name = 'WorkerStoppedError';
  }
}

/** A new link and the function that ends every call waiting on it. */
export function openWorkerLink<Api>(api: Comlink.Remote<Api>): { link: WorkerLink<Api>; endCalls(reason: Error): void } {
  let endCalls: (reason: Error) => void = () => {};
  const stopped = new Promise<never>((_, reject) => { endCalls = reject; });
  stopped.catch(() => {}); // only calls waiting on it care
  return { link: { api, lastHeard: performance.now(), pending: new Map(), nextCallId: 0, stopped }, endCalls };
}

/** Runs one call over the link, tracked for the watchdog; a stopped worker ends the wait. */
export async function callOverLink<Api, T>(link: WorkerLink<Api> | null, run: (api: Comlink.Remote<Api>) => Promise<T>): Promise<T> {
  if (!link) throw new Error('The training worker is not running yet. Please wait a moment, or press Restart.');
  const id = link.nextCallId++;
  link.pending.set(id, performance.now());
  try {
    return await Promise.race([run(link.api), link.stopped]);
  } finally {
    link.pending.delete(id);
    link.lastHeard = performance.now();
  }
}
