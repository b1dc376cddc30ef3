/**
 * FaceSwapAssets with files read from disk: small judges and a tiny checkpoint
 * written here (the shipped files are checked in tests/models/pretrainedFaceSwaps.test.ts),
 * plus the project's digit classifier.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as tf from '../../../src/core/shared/tf';
import '@tensorflow/tfjs-backend-wasm';
import { switchToAppBackend } from '../../core/shared/appBackend';
import { DigitClassifier } from '../../../src/core/mnist/digitClassifier';
import { captureSwapWeights, encodeFaceSwapCheckpoint } from '../../../src/core/faceswap/faceSwapCheckpoint';
import { DEFAULT_FACE_SWAP_SETTINGS, type FaceSwapSettings } from '../../../src/core/autoencoder/faceSwapSettings';
import { FaceSwapTrainer } from '../../../src/core/faceswap/faceSwapTrainer';
import { FactorRegressor } from '../../../src/core/faceswap/factorRegressor';
import { IdentityClassifier } from '../../../src/core/faceswap/identityClassifier';
import { DigitStyleJudges, encodeSwapJudges, ToyFaceJudges } from '../../../src/core/faceswap/swapJudges';
import { TOY_FACE_IDENTITIES } from '../../../src/core/toyfaces/toyFaceIdentities';
import type { SwapScoreSummary } from '../../../src/core/faceswap/swapScoreSummary';
import { decodeWeightsBundle } from '../../../src/core/shared/weightsBundle';
import { FaceSwapAssets } from '../../../src/worker/faceswap/faceSwapAssets';

// In a hook, not at import: files share a worker (isolate: false) and are all imported before any runs.
beforeAll(async () => {
  expect(await switchToAppBackend()).toBe('wasm');
});

const CLASSIFIER = resolve(import.meta.dirname, '../../../models/digitClassifier.weights');
const settings: FaceSwapSettings = { ...DEFAULT_FACE_SWAP_SETTINGS, imageSize: 16, width: 4, latentSize: 8 };
let dir: string;

beforeAll(() => {
  const scratch = resolve(import.meta.dirname, '../../.artifacts');
  mkdirSync(scratch, { recursive: true });
  dir = mkdtempSync(join(scratch, 'face-swap-assets-'));
  // Untrained judges are judges all the same as far as the files go.
  const names = TOY_FACE_IDENTITIES.map((f) => f.name);
  const toy = new ToyFaceJudges(
    { 3: new IdentityClassifier(names, 32, 3, 1), 1: new IdentityClassifier(names, 32, 1, 2) },
    { 3: new FactorRegressor(32, 3, 3), 1: new FactorRegressor(32, 1, 4) },
  );
  writeFileSync(join(dir, 'toy.weights'), encodeSwapJudges(toy));
  toy.dispose();
  const classifier = DigitClassifier.fromBundle(decodeWeightsBundle(readFileSync(CLASSIFIER)));
  const styles = new DigitStyleJudges(new IdentityClassifier(['thin', 'thick'], 32, 1, 5), classifier);
  writeFileSync(join(dir, 'styles.weights'), encodeSwapJudges(styles));
  styles.dispose();
  classifier.dispose();
  const trainer = new FaceSwapTrainer(settings);
  const d = { calledTarget: 0.5, realCalledTarget: 1, factorError: 0.3, factorErrorReal: 0.1, factorErrorUnrelated: 0.5, digitKept: null, thicknessLikeTarget: null };
  const scores: SwapScoreSummary = { step: 0, count: 8, ab: d, ba: d, reconstruction: { a: 0.1, b: 0.1 } };
  writeFileSync(join(dir, 'model.weights'), encodeFaceSwapCheckpoint({ settings, steps: 0, seconds: 0, description: 'untrained', weights: captureSwapWeights(trainer), timeline: [], scores, training: {} }));
  trainer.dispose();
  writeFileSync(join(dir, 'broken.weights'), new TextEncoder().encode('these bytes are not a model at all'));
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

function assets(failFirst = new Set<string>()) {
  const fetched: string[] = [];
  const fetchBytes = async (url: string, what: string) => {
    fetched.push(url);
    if (failFirst.delete(url)) throw new Error(`could not fetch ${what}`);
    return new Uint8Array(readFileSync(url));
  };
  const a = new FaceSwapAssets(
    {
      judges: { toyFaces: join(dir, 'toy.weights'), digitStyles: join(dir, 'styles.weights') },
      digitClassifier: CLASSIFIER,
      pretrained: { mine: join(dir, 'model.weights'), broken: join(dir, 'broken.weights') },
    },
    fetchBytes,
  );
  return { assets: a, fetched };
}

describe('FaceSwapAssets', () => {
  it('fetches and decodes each file once, and shares the judges', async () => {
    const { assets: a, fetched } = assets();
    const [toy, again] = await Promise.all([a.judges('toyFaces'), a.judges('toyFaces')]);
    expect(toy).toBe(again);
    expect(toy.dataset).toBe('toyFaces');
    const styles = await a.judges('digitStyles');
    expect(styles.dataset).toBe('digitStyles');
    expect((styles as DigitStyleJudges).digits).toBeInstanceOf(DigitClassifier);
    const model = await a.pretrained('mine');
    expect(model.settings).toEqual(settings);
    expect(await a.pretrained('mine')).toBe(model);
    expect(fetched.sort()).toEqual([CLASSIFIER, join(dir, 'model.weights'), join(dir, 'styles.weights'), join(dir, 'toy.weights')]);
    const before = tf.memory().numTensors;
    await a.dispose();
    expect(tf.memory().numTensors).toBeLessThan(before);
  });

  it('rejects an unknown id with the shipped ids, and a bad file with the reason', async () => {
    const { assets: a } = assets();
    await expect(a.pretrained('deepfake-9000')).rejects.toThrow('There is no pretrained face-swap model called "deepfake-9000"; the app ships "mine", "broken".');
    await expect(a.pretrained('broken')).rejects.toThrow(/not a weights file/);
    await expect(a.judges('nonsense' as never)).rejects.toThrow(/no face-swap judges for "nonsense"/);
  });

  it('does not cache a failed fetch: the next call fetches again', async () => {
    const { assets: a, fetched } = assets(new Set([join(dir, 'model.weights'), CLASSIFIER]));
    await expect(a.pretrained('mine')).rejects.toThrow(/could not fetch the pretrained face-swap model "mine"/);
    expect((await a.pretrained('mine')).description).toBe('untrained');
    await expect(a.judges('digitStyles')).rejects.toThrow(/could not fetch the digit classifier/);
    expect((await a.judges('digitStyles')).dataset).toBe('digitStyles');
    expect(fetched.filter((u) => u === join(dir, 'model.weights'))).toHaveLength(2);
    expect(fetched.filter((u) => u === CLASSIFIER)).toHaveLength(2);
    await a.dispose();
  });
});
