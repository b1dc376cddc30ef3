/**
 * Keeps a picture asked of the worker up to date: re-asks whenever the view's `version` (new
 * weights) or one of its `inputs` (a slider moved) changes, never with two requests in flight
 * and at most once per `minIntervalMs`, and always ends on the newest question.
 */
import { useEffect, useRef, useState } from 'react';

/** What a live view gets from its page: whether the worker can answer, which weights it holds, where failures go. */
export interface LiveView {
  ready: boolean;
  /** Changes whenever the weights may have (a new frame, a new model). */
  version: string;
  onError(error: unknown): void;
}

export function useLiveRequest<T>(view: LiveView, inputs: readonly unknown[], minIntervalMs: number, request: () => Promise<T>): T | null {
  const [value, setValue] = useState<T | null>(null);
  const latest = useRef({ request, ready: view.ready, onError: view.onError, minIntervalMs });
  const state = useRef({ inFlight: false, queued: false, lastAt: -Infinity, timer: 0 as ReturnType<typeof setTimeout> | 0, alive: true });
  // The question as text: the request itself may be a new function on every render.
  const key = JSON.stringify([view.ready, view.version, ...inputs]);

  useEffect(() => {
    latest.current = { request, ready: view.ready, onError: view.onError, minIntervalMs };
  });

  useEffect(() => {
    const s = state.current;
    s.alive = true;
    return () => {
      s.alive = false;
      if (s.timer) clearTimeout(s.timer);
    };
  }, []);

  useEffect(() => {
    const s = state.current;
    const run = () => {
      s.timer = 0;
      if (!latest.current.ready || !s.alive) return;
      if (s.inFlight) {
        s.queued = true;
        return;
      }
      const wait = s.lastAt + latest.current.minIntervalMs - performance.now();
      if (wait > 0) {
        s.timer = setTimeout(run, wait);
        return;
      }
      s.inFlight = true;
      s.lastAt = performance.now();
      latest.current.request()
        .then((result) => { if (s.alive) setValue(result); }, (error: unknown) => { if (s.alive) latest.current.onError(error); })
        .finally(() => {
          s.inFlight = false;
          if (s.queued) {
            s.queued = false;
            run();
          }
        });
    };
    if (s.timer) clearTimeout(s.timer);
    run();
  }, [key]);

  return value;
}
