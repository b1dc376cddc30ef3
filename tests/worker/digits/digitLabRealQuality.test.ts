/**
 * The digit forger's real-digit yardstick for the quality charts: it must
 * follow the classes being trained.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import * as tf from '../../../src/core/shared/tf';
import '@tensorflow/tfjs-backend-wasm';
import { decodeWeightsBundle } from '../../../src/core/shared/weightsBundle';
import { CLASSIFIER_FORMAT, DigitClassifier } from '../../../src/core/mnist/digitClassifier';
import { digitsToFloats, splitDigits } from '../../../src/core/mnist/digitDataset';
import { DEFAULT_DIGIT_SETTINGS, cloneDigitSettings, defaultDigitNetwork } from '../../../src/core/mnist/digitGanSettings';
import { DigitQualityScorer } from '../../../src/core/mnist/digitQuality';
import { DigitLab } from '../../../src/worker/digits/digitLab';
import { loadMnistDigits } from '../../../models/tools/mnistSource';

const { train, heldOut } = splitDigits(loadMnistDigits());
let scorer: DigitQualityScorer;

beforeAll(async () => {
  tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', false);
  expect(await tf.setBackend('wasm')).toBe(true);
  const classifier = DigitClassifier.fromBundle(
    decodeWeightsBundle(readFileSync(resolve(import.meta.dirname, '../../../models/digitClassifier.weights')), CLASSIFIER_FORMAT),
  );
  scorer = new DigitQualityScorer(classifier, digitsToFloats(heldOut, 0, heldOut.count), digitsToFloats(heldOut, 0, 500));
});

const noPretrained = (id: string) => Promise.reject(new Error(`no pretrained model "${id}" in this test`));
const scratch = { kind: 'scratch' } as const;

describe('DigitLab.realQuality', () => {
  it('scores real digits of the trained classes only, and is null without a scorer', async () => {
    const lab = new DigitLab({ train, scorer, pretrained: noPretrained });
    const { session } = lab;
    session.subscribe(() => {}, () => {});
    const small = { ...cloneDigitSettings(DEFAULT_DIGIT_SETTINGS), batchSize: 8, generator: defaultDigitNetwork({ width: 8 }), discriminator: defaultDigitNetwork({ width: 8 }) };
    try {
      await session.configure(small, scratch);
      const all = lab.realQuality()!;
      expect(all.inceptionScore).toBeGreaterThan(8);
      await session.configure({ ...small, classes: [0, 1] }, scratch);
      const two = lab.realQuality()!;
      // Two classes: near 2 (a little above when the classifier hesitates towards a third digit), far from 10.
      expect(two.inceptionScore).toBeGreaterThan(1.8);
      expect(two.inceptionScore).toBeLessThan(2.5);
      // Measured against all ten classes, real 0s and 1s sit far from the crowd.
      expect(two.frechetDistance).toBeGreaterThan(all.frechetDistance);
      expect(lab.realQuality()).toBe(two);
    } finally {
      session.dispose();
    }
    const unscored = new DigitLab({ train, scorer: null, pretrained: noPretrained });
    expect(unscored.realQuality()).toBeNull();
  });
});
