/**
 * Fakes for the detection lab from a digit GAN checkpoint (the shipped ones, or any file in
 * the digit GAN format): only the generator is built, its weights loaded from the file, and
 * it draws `count` digits on standard normal noise from `seed` (a conditional generator is
 * asked for the digits 0–9 in turn). The same noise, in the same order, as
 * DigitGanTrainer.sampleNoise(count, new SeededRandom(seed)), so the pictures equal the
 * digit lab's own for that seed. Values in [-1, 1], 28×28, picture after picture.
 */
import * as tf from '../shared/tf';
import { readBack } from '../shared/readBack';
import { SeededRandom } from '../shared/seededRandom';
import { CLASS_COUNT } from '../mnist/digitGanSettings';
import { createDigitNet, disposeDigitNet, generatorForward, loadWeights } from '../mnist/digitGanModels';
import type { DigitCheckpoint } from '../mnist/digitCheckpoint';

/** Largest number of fakes drawn in one call (more would hold a large tensor at once). */
export const MAX_FAKES = 5000;
const CHUNK = 250;

export function drawGeneratorFakes(checkpoint: DigitCheckpoint, count: number, seed: number): Float32Array {
  if (!Number.isInteger(count) || count < 1 || count > MAX_FAKES) throw new RangeError(`The number of fakes must be a whole number from 1 to ${MAX_FAKES}, not ${count}.`);
  if (!Number.isInteger(seed) || seed < 0) throw new RangeError(`The seed must be a whole number, at least 0, not ${seed}.`);
  const { settings } = checkpoint;
  // The initial weights are overwritten by the file's; any seed does for them.
  const net = createDigitNet('generator', settings, new SeededRandom(0));
  const weights = new Map(checkpoint.weights.map((w) => [w.name, tf.tensor(w.data, w.shape)] as const));
  try {
    loadWeights(net, weights);
    const noise = new Float32Array(count * settings.latentSize);
    new SeededRandom(seed).fillNormal(noise);
    const size = 28 * 28;
    const out = new Float32Array(count * size);
    for (let start = 0; start < count; start += CHUNK) {
      const n = Math.min(CHUNK, count - start);
      const z = noise.subarray(start * settings.latentSize, (start + n) * settings.latentSize);
      const pictures = readBack(() => {
        const oneHot = settings.conditional
          ? tf.oneHot(tf.tensor1d(Int32Array.from({ length: n }, (_, i) => (start + i) % CLASS_COUNT), 'int32'), CLASS_COUNT).toFloat() as tf.Tensor2D
          : null;
        return generatorForward(net, tf.tensor2d(z, [n, settings.latentSize]), oneHot);
      });
      out.set(pictures, start * size);
    }
    return out;
  } finally {
    tf.dispose([...weights.values()]);
    disposeDigitNet(net);
  }
}
