import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import * as tf from '../../../src/core/shared/tf';
import '@tensorflow/tfjs-backend-wasm';
import { registerWasmFastKernels } from '../../../src/core/shared/wasmFastKernels';
import { decodeWeightsBundle } from '../../../src/core/shared/weightsBundle';
import { CLASSIFIER_FORMAT, DigitClassifier } from '../../../src/core/mnist/digitClassifier';
import { digitsToFloats, onlyClasses, pickDigits, splitDigits } from '../../../src/core/mnist/digitDataset';
import { DigitQualityScorer } from '../../../src/core/mnist/digitQuality';
import { SeededRandom } from '../../../src/core/shared/seededRandom';
import { loadMnistDigits } from '../../../models/tools/mnistSource';

const { train, heldOut } = splitDigits(loadMnistDigits());
const N = 500;
// The set is stored class by class: spread the picks so every class is in.
const everyKth = (count: number, n: number) => Array.from({ length: n }, (_, i) => Math.floor((i * count) / n));

describe('DigitQualityScorer', () => {
  let scorer: DigitQualityScorer;
  beforeAll(async () => {
    tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', false);
    expect(await tf.setBackend('wasm')).toBe(true);
    registerWasmFastKernels();
    const classifier = DigitClassifier.fromBundle(
      decodeWeightsBundle(readFileSync(resolve(import.meta.dirname, '../../../models/digitClassifier.weights')), CLASSIFIER_FORMAT),
    );
    scorer = new DigitQualityScorer(
      classifier,
      digitsToFloats(heldOut, 0, heldOut.count),
      digitsToFloats(pickDigits(train, everyKth(train.count, N)), 0, N),
    );
  });

  it('gives real digits a high Inception Score and a small distance (the yardstick)', () => {
    expect(scorer.realBaseline.inceptionScore).toBeGreaterThan(9);
    expect(scorer.realBaseline.frechetDistance).toBeLessThan(20);
  });

  it('scores noise and a single digit class far below real data', () => {
    const noise = new SeededRandom(3).fillNormal(new Float32Array(N * 784)).map((v) => Math.tanh(v));
    const noiseScore = scorer.score(noise);
    expect(noiseScore.inceptionScore).toBeLessThan(3);
    expect(noiseScore.frechetDistance).toBeGreaterThan(10 * scorer.realBaseline.frechetDistance);
    const ones = onlyClasses(train, [1]);
    const oneScore = scorer.score(digitsToFloats(ones, 0, Math.min(N, ones.count)));
    expect(oneScore.inceptionScore).toBeLessThan(1.3);
    expect(oneScore.frechetDistance).toBeGreaterThan(5 * scorer.realBaseline.frechetDistance);
  });
});
