/**
 * Sends the latest of a stream of requests to the worker, one at a time: while one is being
 * answered, newer ones replace each other and only the last is sent once the answer arrives.
 * A slider dragged across twenty values thus costs two sampler runs, not twenty queued ones.
 */
import { useEffect, useState } from 'react';

interface Handlers<Q, A> {
  send(request: Q): Promise<A>;
  onAnswer(answer: A, request: Q): void;
  onError(error: unknown): void;
}

/** The queue of one: at most one request in flight and one waiting (the newest). */
export function createCoalescer<Q, A>(initial: Handlers<Q, A>) {
  let handlers = initial;
  let busy = false;
  let pending: { request: Q } | null = null;
  let alive = true;
  const pump = (): void => {
    if (busy || !pending || !alive) return;
    const { request } = pending;
    pending = null;
    busy = true;
    handlers.send(request).then(
      // An answer to a request already overtaken by a newer one is dropped.
      (answer) => { if (alive && !pending) handlers.onAnswer(answer, request); },
      (error: unknown) => { if (alive) handlers.onError(error); },
    ).finally(() => {
      busy = false;
      pump();
    });
  };
  return {
    submit(request: Q): void {
      pending = { request };
      pump();
    },
    setHandlers(next: Handlers<Q, A>): void {
      handlers = next;
    },
    setAlive(value: boolean): void {
      alive = value;
      if (alive) pump();
    },
  };
}

export function useCoalescedRequest<Q, A>(send: (request: Q) => Promise<A>, onAnswer: (answer: A, request: Q) => void, onError: (error: unknown) => void): (request: Q) => void {
  const [coalescer] = useState(() => createCoalescer<Q, A>({ send, onAnswer, onError }));
  useEffect(() => {
    coalescer.setHandlers({ send, onAnswer, onError });
  }, [coalescer, send, onAnswer, onError]);
  useEffect(() => {
    coalescer.setAlive(true);
    return () => coalescer.setAlive(false);
  }, [coalescer]);
  return coalescer.submit;
}
