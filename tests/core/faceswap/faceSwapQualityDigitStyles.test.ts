/**
 * Seeded quality runs of the digit-style swap on a small budget, on the app's backend
 * (wasm, single-threaded): thin digits swapped to the thick style keep their digit and
 * slant and get thick strokes. (Separate encoders breaking the swap is checked on the shipped
 * toy-face comparison model, tests/models/pretrainedFaceSwaps.test.ts.) The
 * style judge is trained here first, on real pictures only; the digit classifier is the
 * shipped one. The toy-face runs are in faceSwapQuality.test.ts.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { DigitClassifier } from '../../../src/core/mnist/digitClassifier';
import { decodeWeightsBundle } from '../../../src/core/shared/weightsBundle';
import { DEFAULT_FACE_SWAP_SETTINGS, type EncoderMode } from '../../../src/core/faceswap/faceSwapSettings';
import { createSwapDataset, DigitStyleSwapDataset } from '../../../src/core/faceswap/swapDatasets';
import { IdentityClassifier, swapDatasetIdentitySource } from '../../../src/core/faceswap/identityClassifier';
import { scoreDigitStyleSwap, type DigitStyleSwapScores } from '../../../src/core/faceswap/swapScores';
import { loadMnistDigits } from '../../../models/tools/mnistSource';
import { SCORED, trainSwapModel, useAppBackend } from './faceSwapQualityRun';

/** Training steps per run: about a minute on wasm on this machine when it is otherwise idle. */
const STEPS = 1000;

beforeAll(async () => {
  expect(await useAppBackend()).toBe('wasm');
});

describe('digit styles: thin digits redrawn in thick strokes', () => {
  const settings = { ...DEFAULT_FACE_SWAP_SETTINGS, dataset: 'digitStyles' as const, seed: 2 };
  const digits = loadMnistDigits();
  let style: IdentityClassifier;
  let classifier: DigitClassifier;

  beforeAll(() => {
    classifier = DigitClassifier.fromBundle(decodeWeightsBundle(readFileSync(resolve(import.meta.dirname, '../../../models/digitClassifier.weights'))));
    // The style judge learns from other digits than the swap's (another seed's pools).
    style = new IdentityClassifier(['thin', 'thick'], 32, 1, 5);
    style.train(swapDatasetIdentitySource(new DigitStyleSwapDataset(digits, 99, 1024)), { steps: 80, batchSize: 32, learningRate: 3e-3, seed: 6 });
  }, 60_000);

  function run(encoder: EncoderMode): DigitStyleSwapScores {
    const s = { ...settings, encoder };
    const data = createSwapDataset(s, digits);
    const { trainer, seconds } = trainSwapModel(s, data, STEPS);
    const result = scoreDigitStyleSwap(trainer, data, { identity: style, digits: classifier, classOf: { a: 0, b: 1 } }, SCORED);
    trainer.dispose();
    console.log(`digit styles, ${encoder} encoder: ${STEPS} steps in ${seconds.toFixed(1)} s;`,
      `called thick ${result.identity.swaps.toFixed(2)}; digit kept ${result.recognised.swaps.toFixed(2)} (real ${result.recognised.realSource.toFixed(2)});`,
      `thickness ${result.thickness.swaps.toFixed(2)} px (thin ${result.thickness.realSource.toFixed(2)}, thick ${result.thickness.realTarget.toFixed(2)}), like thick ${result.thicknessLikeTarget.toFixed(2)};`,
      `slant error ${result.slant.swaps.toFixed(3)} (unrelated ${result.slant.unrelated.toFixed(3)})`);
    return result;
  }

  it('with a shared encoder, thin→thick swaps keep their digit and slant and get thick strokes', () => {
    const s = run('shared');
    expect(s.recognised.realSource).toBeGreaterThan(0.9);
    expect(s.identity.swaps).toBeGreaterThan(0.6);
    expect(s.recognised.swaps).toBeGreaterThan(0.7);
    expect(s.thicknessLikeTarget).toBeGreaterThan(0.6);
    expect(s.thickness.swaps).toBeGreaterThan(1.8 * s.thickness.realSource);
    expect(s.slant.swaps).toBeLessThan(0.5 * s.slant.unrelated);
  }, 180_000);

});
