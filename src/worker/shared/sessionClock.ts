/** The time source and scheduler a worker session's training loop runs on (tests pass a manual one). */
export interface SessionClock {
  now(): number;
  /** Yield to the event loop (so pause/step messages get through), then run `next`. */
  defer(next: () => void, delayMs: number): void;
}

export const realClock: SessionClock = {
  now: () => performance.now(),
  defer: (next, delayMs) => {
    if (delayMs > 0) {
      setTimeout(next, delayMs);
      return;
    }
    // A MessageChannel hop avoids setTimeout's 4 ms clamp between slices.
    const channel = new MessageChannel();
    channel.port1.onmessage = () => {
      channel.port1.close();
      next();
    };
    channel.port2.postMessage(null);
  },
};
