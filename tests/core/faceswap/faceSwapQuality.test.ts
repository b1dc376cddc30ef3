/**
 * Seeded quality runs on a small budget, on the app's backend (wasm, single-threaded):
 * the default lab trained from scratch for a few hundred steps must really swap (A→B
 * pictures look like B and carry A's content), and the separate-encoder comparison must
 * really fail. The judges are trained here first, on real pictures only.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import * as tf from '../../../src/core/shared/tf';
import '@tensorflow/tfjs-backend-wasm';
import { registerWasmFastKernels } from '../../../src/core/shared/wasmFastKernels';
import { DigitClassifier } from '../../../src/core/mnist/digitClassifier';
import { decodeWeightsBundle } from '../../../src/core/shared/weightsBundle';
import { FaceSwapTrainer } from '../../../src/core/faceswap/faceSwapTrainer';
import { DEFAULT_FACE_SWAP_SETTINGS, type EncoderMode, type FaceSwapSettings } from '../../../src/core/faceswap/faceSwapSettings';
import { createSwapDataset, DigitStyleSwapDataset, type SwapDataset } from '../../../src/core/faceswap/swapDatasets';
import { IdentityClassifier, swapDatasetIdentitySource, trainToyFaceIdentityClassifier } from '../../../src/core/faceswap/identityClassifier';
import { FactorRegressor } from '../../../src/core/faceswap/factorRegressor';
import { scoreDigitStyleSwap, scoreToyFaceSwap, type DigitStyleSwapScores, type ToyFaceSwapScores } from '../../../src/core/faceswap/swapScores';
import { TOY_FACE_IDENTITIES } from '../../../src/core/faceswap/toyFaceIdentities';
import { loadMnistDigits } from '../../../models/tools/mnistSource';

/** Training steps per run: under a minute on wasm on this machine when it is otherwise idle. */
const STEPS = { toyFaces: 800, digitStyles: 1000 };
const SCORED = 128;

beforeAll(async () => {
  tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', false);
  expect(await tf.setBackend('wasm')).toBe(true);
  registerWasmFastKernels();
});

function train(settings: FaceSwapSettings, data: SwapDataset): { trainer: FaceSwapTrainer; seconds: number } {
  const trainer = new FaceSwapTrainer(settings);
  const started = performance.now();
  for (let i = 0; i < STEPS[settings.dataset]; i++) {
    const a = data.nextBatch('a', settings.batchSize);
    const b = data.nextBatch('b', settings.batchSize);
    trainer.step(a.images, b.images, false, { a: a.masks, b: b.masks });
  }
  return { trainer, seconds: (performance.now() - started) / 1000 };
}

const gapClosed = (s: ToyFaceSwapScores) => (s.factors.unrelated.mean - s.factors.swaps.mean) / (s.factors.unrelated.mean - s.factors.realTarget.mean);

describe('toy faces: Juno\'s expression on Orbo\'s face', () => {
  const settings = { ...DEFAULT_FACE_SWAP_SETTINGS, identityA: 'juno', identityB: 'orbo', seed: 3 };
  const classOf = { a: TOY_FACE_IDENTITIES.findIndex((f) => f.id === 'juno'), b: TOY_FACE_IDENTITIES.findIndex((f) => f.id === 'orbo') };
  let identity: IdentityClassifier;
  let factors: FactorRegressor;
  const scores = new Map<EncoderMode, ToyFaceSwapScores>();

  beforeAll(() => {
    identity = trainToyFaceIdentityClassifier(32, 3);
    factors = new FactorRegressor(32, 3, 11);
    factors.train(['orbo']);
  }, 180_000);

  function run(encoder: EncoderMode): ToyFaceSwapScores {
    const s = { ...settings, encoder };
    const data = createSwapDataset(s);
    const { trainer, seconds } = train(s, data);
    const result = scoreToyFaceSwap(trainer, data, { identity, factors, classOf }, SCORED);
    trainer.dispose();
    console.log(`toy faces, ${encoder} encoder: ${STEPS.toyFaces} steps in ${seconds.toFixed(1)} s (${(STEPS.toyFaces / seconds).toFixed(1)} steps/s);`,
      `called B ${result.identity.swaps.toFixed(2)} (real B ${result.identity.realTarget.toFixed(2)}, real A ${result.identity.realSource.toFixed(2)});`,
      `factor error ${result.factors.swaps.mean.toFixed(3)} (real B ${result.factors.realTarget.mean.toFixed(3)}, unrelated ${result.factors.unrelated.mean.toFixed(3)});`,
      `reconstruction ${result.reconstruction.a.toFixed(4)} / ${result.reconstruction.b.toFixed(4)}`);
    scores.set(encoder, result);
    return result;
  }

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

  it('with separate encoders, the swap fails: B\'s decoder cannot read A\'s code', () => {
    const separate = run('separate');
    const shared = scores.get('shared')!;
    // Each autoencoder still reconstructs its own pictures…
    expect(separate.reconstruction.a).toBeLessThan(0.05);
    expect(separate.reconstruction.b).toBeLessThan(0.05);
    // …but what B's decoder draws from A's code has little to do with A's picture.
    expect(separate.factors.swaps.mean).toBeGreaterThan(shared.factors.swaps.mean + 0.1);
    expect(gapClosed(separate)).toBeLessThan(gapClosed(shared) - 0.3);
  }, 180_000);
});

describe('digit styles: thin digits redrawn in thick strokes', () => {
  const settings = { ...DEFAULT_FACE_SWAP_SETTINGS, dataset: 'digitStyles' as const, seed: 2 };
  const digits = loadMnistDigits();
  let style: IdentityClassifier;
  let classifier: DigitClassifier;
  const scores = new Map<EncoderMode, DigitStyleSwapScores>();

  beforeAll(() => {
    classifier = DigitClassifier.fromBundle(decodeWeightsBundle(readFileSync(resolve(import.meta.dirname, '../../../models/digitClassifier.weights'))));
    // The style judge learns from other digits than the swap's (another seed's pools).
    style = new IdentityClassifier(['thin', 'thick'], 32, 1, 5);
    style.train(swapDatasetIdentitySource(new DigitStyleSwapDataset(digits, 99, 1024)), { steps: 80, batchSize: 32, learningRate: 3e-3, seed: 6 });
  }, 60_000);

  function run(encoder: EncoderMode): DigitStyleSwapScores {
    const s = { ...settings, encoder };
    const data = createSwapDataset(s, digits);
    const { trainer, seconds } = train(s, data);
    const result = scoreDigitStyleSwap(trainer, data, { identity: style, digits: classifier, classOf: { a: 0, b: 1 } }, SCORED);
    trainer.dispose();
    console.log(`digit styles, ${encoder} encoder: ${STEPS.digitStyles} steps in ${seconds.toFixed(1)} s;`,
      `called thick ${result.identity.swaps.toFixed(2)}; digit kept ${result.recognised.swaps.toFixed(2)} (real ${result.recognised.realSource.toFixed(2)});`,
      `thickness ${result.thickness.swaps.toFixed(2)} px (thin ${result.thickness.realSource.toFixed(2)}, thick ${result.thickness.realTarget.toFixed(2)}), like thick ${result.thicknessLikeTarget.toFixed(2)};`,
      `slant error ${result.slant.swaps.toFixed(3)} (unrelated ${result.slant.unrelated.toFixed(3)})`);
    scores.set(encoder, result);
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

  it('with separate encoders, the swaps lose the digit', () => {
    const separate = run('separate');
    const shared = scores.get('shared')!;
    expect(separate.recognised.swaps).toBeLessThan(shared.recognised.swaps - 0.4);
    expect(separate.slant.swaps).toBeGreaterThan(shared.slant.swaps + 0.05);
  }, 180_000);
});
