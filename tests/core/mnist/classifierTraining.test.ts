import { beforeAll, describe, expect, it } from 'vitest';
import * as tf from '../../../src/core/shared/tf';
import '@tensorflow/tfjs-backend-wasm';
import { SeededRandom } from '../../../src/core/shared/seededRandom';
import { registerWasmFastKernels } from '../../../src/core/shared/wasmFastKernels';
import { ClassifierTrainer, DEFAULT_TRAINING, classifierAccuracy, distortImages } from '../../../src/core/mnist/classifierTraining';
import { DigitClassifier } from '../../../src/core/mnist/digitClassifier';
import { digitsToFloats, pickDigits, splitDigits } from '../../../src/core/mnist/digitDataset';
import { loadMnistDigits } from '../../../models/tools/mnistSource';

const { train, heldOut } = splitDigits(loadMnistDigits());

describe('augmentation', () => {
  const images = digitsToFloats(train, 0, 4);
  const none = { maxShift: 0, maxRotation: 0, maxScale: 0 };

  it('leaves images untouched with zero limits', () => {
    expect(distortImages(images, 28, new SeededRandom(1), none)).toEqual(images);
  });

  it('moves a pixel by a whole-pixel shift', () => {
    const dot = new Float32Array(28 * 28).fill(-1);
    dot[10 * 28 + 10] = 1;
    // Draws come as rotation, scale, x shift, y shift, each uniform(-1, 1) times its limit:
    // no rotation or scaling, and a shift of 2 pixels right and 1 down.
    const draws = [0, 0, 1, 0.5];
    const rng = { uniform: () => draws.shift() } as unknown as SeededRandom;
    const moved = distortImages(dot, 28, rng, { maxShift: 2, maxRotation: 0, maxScale: 0 });
    expect(moved[11 * 28 + 12]).toBeCloseTo(1, 6);
    expect(moved.filter((v) => v > -1).length).toBe(1);
  });

  it('is reproducible from the seed and keeps values in [-1, 1]', () => {
    const limits = { maxShift: 2, maxRotation: 12, maxScale: 0.1 };
    const a = distortImages(images, 28, new SeededRandom(5), limits);
    expect(distortImages(images, 28, new SeededRandom(5), limits)).toEqual(a);
    expect(a).not.toEqual(images);
    expect(Math.min(...a)).toBeGreaterThanOrEqual(-1);
    expect(Math.max(...a)).toBeLessThanOrEqual(1);
  });
});

describe('classifier training', () => {
  beforeAll(async () => {
    tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', false);
    expect(await tf.setBackend('wasm')).toBe(true);
    expect(tf.getBackend()).toBe('wasm');
    registerWasmFastKernels();
  });

  const settings = { ...DEFAULT_TRAINING, seed: 11, steps: 60, batchSize: 32 };
  const weightsAfter = (steps: number): Float32Array[] => {
    const classifier = DigitClassifier.create(3);
    const trainer = new ClassifierTrainer(classifier, train, settings);
    for (let i = 0; i < steps; i++) trainer.trainStep();
    const values = classifier.variables.map((v) => v.dataSync() as Float32Array);
    trainer.dispose();
    classifier.dispose();
    return values;
  };

  it('is deterministic: the same seeds give the same weights', () => {
    expect(weightsAfter(3)).toEqual(weightsAfter(3));
  });

  it('learns: a short run already beats chance by far', () => {
    const classifier = DigitClassifier.create(4);
    const trainer = new ClassifierTrainer(classifier, train, settings);
    const first = trainer.trainStep();
    let last = first;
    for (let i = 1; i < settings.steps; i++) last = trainer.trainStep();
    expect(last).toBeLessThan(first);
    expect(classifierAccuracy(classifier, pickDigits(heldOut, Array.from({ length: 300 }, (_, i) => i * 5)))).toBeGreaterThan(0.6);
    trainer.dispose();
    classifier.dispose();
  });

  it('leaks no tensors per step once the optimiser has made its slots', () => {
    const classifier = DigitClassifier.create(5);
    const trainer = new ClassifierTrainer(classifier, train, settings);
    trainer.trainStep();
    const before = tf.memory().numTensors;
    for (let i = 0; i < 3; i++) trainer.trainStep();
    expect(tf.memory().numTensors).toBe(before);
    trainer.dispose();
    classifier.dispose();
  });

  it('decays the learning rate from its start to its end value', () => {
    const trainer = new ClassifierTrainer(DigitClassifier.create(6), train, DEFAULT_TRAINING);
    expect(trainer.learningRateAt(0)).toBeCloseTo(DEFAULT_TRAINING.learningRate, 12);
    expect(trainer.learningRateAt(DEFAULT_TRAINING.steps)).toBeCloseTo(DEFAULT_TRAINING.finalLearningRate, 12);
    trainer.classifier.dispose();
    trainer.dispose();
  });
});
