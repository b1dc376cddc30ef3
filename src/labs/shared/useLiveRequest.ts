/**
 * Keeps a picture asked of the worker up to date: re-asks whenever `key`
 * changes (new weights, a slider moved), never with two requests in flight and
 * at most once per `minIntervalMs`, and always ends on the newest key.
 */
import { useEffect, useRef, useState } from 'react';

export function useLiveRequest<T>(
  request: (() => Promise<T>) | null,
  key: string,
  minIntervalMs: number,
  onError: (error: unknown) => void,
): T | null {
  const [value, setValue] = useState<T | null>(null);
  const latest = useRef({ request, onError, minIntervalMs });
  const state = useRef({ inFlight: false, queued: false, lastAt: -Infinity, timer: 0 as ReturnType<typeof setTimeout> | 0, alive: true });

  useEffect(() => {
    latest.current = { request, onError, minIntervalMs };
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
      const ask = latest.current.request;
      if (!ask || !s.alive) return;
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
      ask()
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
  }, [key, request]);

  return value;
}
