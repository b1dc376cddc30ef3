/**
 * Real and fake digits for the detection tests and bench: real digits from the MNIST
 * split, fakes drawn by the shipped pretrained GANs (models/digitGan-*.weights), all
 * 28×28 in [-1, 1]. Lives under tests/: the detection core may not import the digit lab,
 * so whoever feeds it (a test, the bench, later a worker) brings the pictures.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import * as tf from '../../../src/core/shared/tf';
import { digitsToFloats, pickDigits, splitDigits } from '../../../src/core/mnist/digitDataset';
import { DigitGanTrainer } from '../../../src/core/digits/digitGanTrainer';
import { decodeDigitCheckpoint } from '../../../src/core/mnist/digitCheckpoint';
import { findPretrainedDigitGan, type PretrainedId } from '../../../src/core/mnist/pretrainedDigitGans';
import { SeededRandom } from '../../../src/core/shared/seededRandom';
import { loadMnistDigits } from '../../../models/tools/mnistSource';

const MODELS = resolve(import.meta.dirname, '../../../models');
export const SIDE = 28;

/** `count` real digits spread evenly over the held-out (or training) split, as [-1, 1] floats. */
export function realDigits(count: number, from: 'heldOut' | 'train' = 'heldOut', offset = 0): Float32Array {
  const split = splitDigits(loadMnistDigits())[from];
  if (count > split.count) throw new RangeError(`Only ${split.count} ${from} digits exist.`);
  const picked = Array.from({ length: count }, (_, i) => (Math.floor((i * split.count) / count) + offset) % split.count);
  return digitsToFloats(pickDigits(split, picked), 0, count);
}

/** `count` fakes from a shipped generator, on fresh noise from `seed` (labels cycle 0–9 for the conditional one). */
export function fakeDigits(id: PretrainedId, count: number, seed: number): Float32Array {
  const c = decodeDigitCheckpoint(new Uint8Array(readFileSync(resolve(MODELS, findPretrainedDigitGan(id)!.file))));
  const trainer = new DigitGanTrainer(c.settings);
  try {
    const tensors = new Map(c.weights.map((w) => [w.name, tf.tensor(w.data, w.shape)] as const));
    trainer.loadWeights(tensors, 'generator');
    tf.dispose([...tensors.values()]);
    const noise = trainer.sampleNoise(count, new SeededRandom(seed));
    const labels = c.settings.conditional ? Int32Array.from({ length: count }, (_, i) => i % 10) : undefined;
    return trainer.generate(noise, labels);
  } finally {
    trainer.dispose();
  }
}
