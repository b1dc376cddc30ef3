import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as tf from '../../src/core/shared/tf';
import { splitDigits } from '../../src/core/mnist/digitDataset';
import { decodeDigitCheckpoint } from '../../src/core/mnist/digitCheckpoint';
import { findPretrainedDigitGan, type PretrainedDigitGan } from '../../src/core/mnist/pretrainedDigitGans';
import { loadMnistDigits } from '../../models/tools/mnistSource';
import { selectWasmBackend } from '../../models/trainClassifier';
import { loadScoring, timelineSteps, trainPretrainedGan, type PretrainPlan, type Scoring } from '../../models/trainDigitGans';

const { train, heldOut } = splitDigits(loadMnistDigits());
let scoring: Scoring;
let dir: string;

beforeAll(async () => {
  await selectWasmBackend();
  scoring = loadScoring(train, heldOut);
  const scratch = resolve(import.meta.dirname, '../.artifacts');
  mkdirSync(scratch, { recursive: true });
  dir = mkdtempSync(join(scratch, 'train-digit-gans-'));
});

afterAll(() => {
  scoring.classifier.dispose();
  rmSync(dir, { recursive: true, force: true });
});

/** The conditional catalogue model shrunk to a few seconds of training. */
function tiny(): PretrainedDigitGan {
  const model = findPretrainedDigitGan('dcgan-conditional')!;
  return {
    ...model,
    settings: { ...model.settings, latentSize: 8, batchSize: 8, generator: { ...model.settings.generator, width: 4 }, discriminator: { ...model.settings.discriminator, width: 4 } },
  };
}
const plan: PretrainPlan = { steps: 12, decayFrom: 0.5, finalLearningRate: 0.1, ema: 0.9, storage: { generator: 'float32', discriminator: 'float16' } };

describe('trainDigitGans', () => {
  it('spaces the timeline by doubling from step 0 to the last step', () => {
    expect(timelineSteps(6000)).toEqual([0, 23, 47, 94, 188, 375, 750, 1500, 3000, 6000]);
    expect(timelineSteps(4)).toEqual([0, 1, 2, 4]);
  });

  it('trains, writes a checkpoint the app can load, leaks no tensors, and gives the same weights for the same seed', async () => {
    const before = tf.memory().numTensors;
    const first = await trainPretrainedGan(tiny(), plan, scoring, { train }, join(dir, 'a.weights'), false);
    expect(tf.memory().numTensors).toBe(before);
    await trainPretrainedGan(tiny(), plan, scoring, { train }, join(dir, 'b.weights'), false);
    const [a, b] = ['a', 'b'].map((f) => decodeDigitCheckpoint(new Uint8Array(readFileSync(join(dir, `${f}.weights`)))));
    expect(a.weights).toEqual(b.weights);
    expect(a.timeline.snapshots).toEqual(b.timeline.snapshots);
    expect(a.settings).toEqual(tiny().settings);
    expect(a.figures.steps).toBe(12);
    expect(a.figures.samples).toBe(1000);
    expect(a.figures.inceptionScore).toBeCloseTo(first.quality.inceptionScore, 10);
    expect(a.timeline.snapshots.map((s) => s.step)).toEqual(timelineSteps(12));
    expect(a.timeline.labels).toEqual(Int32Array.from({ length: 64 }, (_, i) => i % 10));
    expect(a.weights.find((w) => w.name === 'd/out/kernel')?.storage).toBe('float16');
    expect(a.weights.find((w) => w.name === 'g/up2/kernel')?.storage).toBeUndefined();
    expect(first.classAgreement).toBeGreaterThanOrEqual(0);
    expect(first.bytes).toBe(readFileSync(join(dir, 'a.weights')).length);
  });
});
