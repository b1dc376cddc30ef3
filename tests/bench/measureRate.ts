/** Times a training loop: a short warm-up (JIT, lazy optimizer slots), then at least `seconds` of epochs. */
export interface RateMeasurement {
  epochsPerSecond: number;
  epochs: number;
  seconds: number;
}

/** `onTimedStart` runs between warm-up and timing (e.g. to count live tensors). */
export function measureEpochRate(trainEpoch: () => void, seconds = 3, warmupSeconds = 0.5, onTimedStart?: () => void): RateMeasurement {
  const warmupEnd = performance.now() + warmupSeconds * 1000;
  for (let i = 0; i < 5 || performance.now() < warmupEnd; i++) trainEpoch();
  onTimedStart?.();
  const start = performance.now();
  let epochs = 0;
  while (performance.now() - start < seconds * 1000) {
    trainEpoch();
    epochs++;
  }
  const elapsed = (performance.now() - start) / 1000;
  return { epochsPerSecond: epochs / elapsed, epochs, seconds: elapsed };
}
