/**
 * Seeded quality runs on a small budget, on the app's backend (wasm, single-threaded):
 * the default lab trained from scratch for a few hundred steps must really swap (A→B
 * pictures look like B and carry A's content). That separate encoders make the swap fail
 * is checked on the shipped comparison model (tests/models/pretrainedFaceSwaps.test.ts),
 * the one the lab and its lesson show. The judges are trained here first, on real pictures only, and must read
 * real pictures well before their readings of swaps mean anything (checked here too, so
 * they are trained once). The digit-style runs are in faceSwapQualityDigitStyles.test.ts
 * (a second file, so the two run in parallel).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import * as tf from '../../../src/core/shared/tf';
import { decodeWeightsBundle, encodeWeightsBundle } from '../../../src/core/shared/weightsBundle';
import { SeededRandom } from '../../../src/core/shared/seededRandom';
import { DEFAULT_FACE_SWAP_SETTINGS, type EncoderMode } from '../../../src/core/faceswap/faceSwapSettings';
import { createSwapDataset, ToyFaceSwapDataset } from '../../../src/core/faceswap/swapDatasets';
import {
  IDENTITY_CLASSIFIER_FORMAT, IdentityClassifier, toyFaceIdentitySource, trainToyFaceIdentityClassifier,
} from '../../../src/core/faceswap/identityClassifier';
import { FactorRegressor, factorError } from '../../../src/core/faceswap/factorRegressor';
import { FACTOR_NAMES } from '../../../src/core/faceswap/faceFactors';
import { blurAndNoise } from '../../../src/core/faceswap/imageReader';
import { scoreToyFaceSwap, type ToyFaceSwapScores } from '../../../src/core/faceswap/swapScores';
import { TOY_FACE_IDENTITIES } from '../../../src/core/faceswap/toyFaceIdentities';
import { SCORED, trainSwapModel, useAppBackend } from './faceSwapQualityRun';

/** Training steps per run: under a minute on wasm on this machine when it is otherwise idle. */
const STEPS = 800;

beforeAll(async () => {
  expect(await useAppBackend()).toBe('wasm');
});

const gapClosed = (s: ToyFaceSwapScores) => (s.factors.unrelated.mean - s.factors.swaps.mean) / (s.factors.unrelated.mean - s.factors.realTarget.mean);

describe('toy faces: Juno\'s expression on Orbo\'s face', () => {
  const settings = { ...DEFAULT_FACE_SWAP_SETTINGS, identityA: 'juno', identityB: 'orbo', seed: 3 };
  const classOf = { a: TOY_FACE_IDENTITIES.findIndex((f) => f.id === 'juno'), b: TOY_FACE_IDENTITIES.findIndex((f) => f.id === 'orbo') };
  let identity: IdentityClassifier;
  let factors: FactorRegressor;

  beforeAll(() => {
    identity = trainToyFaceIdentityClassifier(32, 3);
    factors = new FactorRegressor(32, 3, 11);
    factors.train(['orbo']);
  }, 180_000);

  function run(encoder: EncoderMode): ToyFaceSwapScores {
    const s = { ...settings, encoder };
    const data = createSwapDataset(s);
    const { trainer, seconds } = trainSwapModel(s, data, STEPS);
    const result = scoreToyFaceSwap(trainer, data, { identity, factors, classOf }, SCORED);
    trainer.dispose();
    console.log(`toy faces, ${encoder} encoder: ${STEPS} steps in ${seconds.toFixed(1)} s (${(STEPS / seconds).toFixed(1)} steps/s);`,
      `called B ${result.identity.swaps.toFixed(2)} (real B ${result.identity.realTarget.toFixed(2)}, real A ${result.identity.realSource.toFixed(2)});`,
      `factor error ${result.factors.swaps.mean.toFixed(3)} (real B ${result.factors.realTarget.mean.toFixed(3)}, unrelated ${result.factors.unrelated.mean.toFixed(3)});`,
      `reconstruction ${result.reconstruction.a.toFixed(4)} / ${result.reconstruction.b.toFixed(4)}`);
    return result;
  }

  describe('the judges, trained on real pictures only', () => {
    it('the identity classifier tells every toy character apart on fresh pictures, blurred or not', () => {
      const ids = TOY_FACE_IDENTITIES.map((f) => f.id);
      const fresh = toyFaceIdentitySource(ids, 32, 3, 999)(200);
      const accuracy = (images: Float32Array) => identity.predict(images).filter((c, i) => c === fresh.labels[i]).length / 200;
      expect(accuracy(fresh.images)).toBeGreaterThan(0.97);
      const blurred = fresh.images.slice();
      blurAndNoise(blurred, 32, 3, new SeededRandom(5));
      expect(accuracy(blurred)).toBeGreaterThan(0.95);
      const p = identity.probabilities(fresh.images.subarray(0, 32 * 32 * 3));
      expect(p.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 5);
      expect(identity.fractionCalled(fresh.images, 0)).toBeCloseTo(fresh.labels.filter((l) => l === 0).length / 200, 1);
      const before = tf.memory().numTensors;
      identity.predict(fresh.images);
      expect(tf.memory().numTensors).toBe(before);
      // Saved and loaded, it gives the same verdicts.
      const copy = IdentityClassifier.fromBundle(decodeWeightsBundle(encodeWeightsBundle(identity.toBundle({ note: 'test' })), IDENTITY_CLASSIFIER_FORMAT));
      expect(copy.classNames).toEqual(TOY_FACE_IDENTITIES.map((f) => f.name));
      expect(copy.probabilities(fresh.images)).toEqual(identity.probabilities(fresh.images));
      const bundle = identity.toBundle();
      bundle.metadata.channels = 1;
      expect(() => IdentityClassifier.fromBundle(bundle)).toThrow(/"identity\/conv1\/kernel" has shape \[3, 3, 3, 8\], expected \[3, 3, 1, 8\]/);
      expect(() => IdentityClassifier.fromBundle({ ...bundle, format: 'other' })).toThrow(/not a face-swap identity classifier/);
      expect(tf.memory().numTensors).toBe(before + copy.reader.variables.length);
      copy.dispose();
    });

    it('the factor regressor reads the factors back from real pictures of its character far better than guessing', () => {
      const real = new ToyFaceSwapDataset({ identityA: 'juno', identityB: 'orbo', imageSize: 32, channels: 3, seed: 8 }).evaluationSet('b', 200);
      const error = factorError(factors.readFactors(real.images), real.factors!);
      // Always answering 0 would score 0.5 on each factor.
      expect(error.mean).toBeLessThan(0.2);
      for (const name of ['smile', 'headX', 'headY', 'tilt', 'brows'] as const) expect(error.perFactor[name], name).toBeLessThan(0.2);
      for (const name of FACTOR_NAMES) expect(error.perFactor[name], name).toBeLessThan(0.45);
      const copy = FactorRegressor.fromBundle(decodeWeightsBundle(encodeWeightsBundle(factors.toBundle({ trainedOn: ['orbo'] }))));
      expect(copy.readFactors(real.images)).toEqual(factors.readFactors(real.images));
      expect(() => FactorRegressor.fromBundle({ ...factors.toBundle(), metadata: { factors: ['smile'], imageSize: 32, channels: 3 } })).toThrow(/reads other factors/);
      copy.dispose();
    });
  });

  it('with a shared encoder, swaps look like B and carry A\'s expression and pose', () => {
    const s = run('shared');
    expect(s.identity.realTarget).toBeGreaterThan(0.97);
    expect(s.identity.realSource).toBeLessThan(0.03);
    expect(s.identity.swaps).toBeGreaterThan(0.8);
    // The regressor reads A's factors from the swaps: over half the way from "unrelated" to real B pictures.
    expect(gapClosed(s)).toBeGreaterThan(0.5);
    for (const name of ['headX', 'headY', 'tilt'] as const) expect(s.factors.swaps.perFactor[name], name).toBeLessThan(0.3);
    expect(s.reconstruction.a).toBeLessThan(0.04);
    expect(s.reconstruction.b).toBeLessThan(0.04);
  }, 180_000);

});
