/**
 * A seeded quality run of the digit-style swap on a small budget, on the app's backend
 * (wasm, single-threaded): after a few hundred steps from scratch, thin digits swapped to
 * the thick style keep their digit and slant and get thick strokes. The judges are the
 * shipped ones (models/faceSwapJudges-digitStyles.weights with the project's digit
 * classifier); the full quality bar is checked on the shipped, longer-trained model
 * (tests/models/pretrainedFaceSwaps.test.ts). The toy-face run is in faceSwapQuality.test.ts.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DigitClassifier } from '../../../src/core/mnist/digitClassifier';
import { decodeWeightsBundle } from '../../../src/core/shared/weightsBundle';
import { DEFAULT_FACE_SWAP_SETTINGS } from '../../../src/core/autoencoder/faceSwapSettings';
import { createSwapDataset } from '../../../src/core/faceswap/swapDatasets';
import { decodeSwapJudges, type DigitStyleJudges } from '../../../src/core/faceswap/swapJudges';
import { scoreDigitStyleSwap, type DigitStyleSwapScores } from '../../../src/core/faceswap/swapScores';
import { loadMnistDigits } from '../../../models/tools/mnistSource';
import { SCORED, trainSwapModel } from './faceSwapQualityRun';
import { switchToAppBackend } from '../shared/appBackend';

/** Training steps of the run (measured at this seed: 100 steps keep 26% of the digits, 300 steps 78%). */
const STEPS = 300;

const models = (file: string) => new Uint8Array(readFileSync(resolve(import.meta.dirname, '../../../models', file)));
let classifier: DigitClassifier;
let judges: DigitStyleJudges;

beforeAll(async () => {
  expect(await switchToAppBackend()).toBe('wasm');
  classifier = DigitClassifier.fromBundle(decodeWeightsBundle(models('digitClassifier.weights')));
  judges = decodeSwapJudges(models('faceSwapJudges-digitStyles.weights'), classifier) as DigitStyleJudges;
});

afterAll(() => {
  judges.dispose();
  classifier.dispose();
});

describe('digit styles: thin digits redrawn in thick strokes', () => {
  const settings = { ...DEFAULT_FACE_SWAP_SETTINGS, dataset: 'digitStyles' as const, seed: 2, encoder: 'shared' as const };

  function run(): DigitStyleSwapScores {
    const data = createSwapDataset(settings, loadMnistDigits());
    const { trainer, seconds } = trainSwapModel(settings, data, STEPS);
    const result = scoreDigitStyleSwap(trainer, data, { identity: judges.identity, digits: classifier, classOf: { a: 0, b: 1 } }, SCORED);
    trainer.dispose();
    console.log(`digit styles, shared encoder: ${STEPS} steps in ${seconds.toFixed(1)} s;`,
      `called thick ${result.identity.swaps.toFixed(2)}; digit kept ${result.recognised.swaps.toFixed(2)} (real ${result.recognised.realSource.toFixed(2)});`,
      `thickness ${result.thickness.swaps.toFixed(2)} px (thin ${result.thickness.realSource.toFixed(2)}, thick ${result.thickness.realTarget.toFixed(2)}), like thick ${result.thicknessLikeTarget.toFixed(2)};`,
      `slant error ${result.slant.swaps.toFixed(3)} (unrelated ${result.slant.unrelated.toFixed(3)})`);
    return result;
  }

  it('with a shared encoder, after a few hundred steps thin→thick swaps keep their digit and slant and get thick strokes', () => {
    const s = run();
    expect(s.recognised.realSource).toBeGreaterThan(0.9);
    expect(s.identity.swaps).toBeGreaterThan(0.8);
    expect(s.recognised.swaps).toBeGreaterThan(0.7);
    expect(s.thicknessLikeTarget).toBeGreaterThan(0.6);
    expect(s.thickness.swaps).toBeGreaterThan(1.8 * s.thickness.realSource);
    expect(s.slant.swaps).toBeLessThan(0.6 * s.slant.unrelated);
  }, 180_000);
});
