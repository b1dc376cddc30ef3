import { beforeAll, describe, expect, it } from 'vitest';
import * as tf from '../../../src/core/shared/tf';
import '@tensorflow/tfjs-backend-wasm';
import { switchToAppBackend } from '../shared/appBackend';
import { encodeWeightsBundle, storedValues, WeightsBundleError } from '../../../src/core/shared/weightsBundle';
import {
  captureSwapWeights, decodeFaceSwapCheckpoint, encodeFaceSwapCheckpoint, swapCheckpointMismatch, swapWeightMap, type FaceSwapCheckpoint,
} from '../../../src/core/faceswap/faceSwapCheckpoint';
import { FACE_SWAP_CHECKPOINT_FORMAT, FaceSwapCheckpointError } from '../../../src/core/autoencoder/swapNetFile';
import { DEFAULT_FACE_SWAP_SETTINGS, type FaceSwapSettings } from '../../../src/core/autoencoder/faceSwapSettings';
import { FaceSwapTrainer } from '../../../src/core/faceswap/faceSwapTrainer';
import { createSwapDataset } from '../../../src/core/faceswap/swapDatasets';
import { makeSwapPreview, previewSources, PREVIEW_ROWS } from '../../../src/core/faceswap/swapPreview';
import type { DirectionScores, SwapScoreSummary } from '../../../src/core/faceswap/swapScoreSummary';

// In a hook, not at import: files share a worker (isolate: false) and are all imported before any runs.
beforeAll(async () => {
  expect(await switchToAppBackend()).toBe('wasm');
});

const small: FaceSwapSettings = { ...DEFAULT_FACE_SWAP_SETTINGS, imageSize: 16, width: 4, latentSize: 8, batchSize: 4, seed: 5 };

const direction = (calledTarget: number): DirectionScores => ({
  calledTarget, realCalledTarget: 1, factorError: 0.3, factorErrorReal: 0.12, factorErrorUnrelated: 0.55, digitKept: null, thicknessLikeTarget: null,
});
const summary = (step: number, called: number): SwapScoreSummary => ({ step, count: 16, ab: direction(called), ba: direction(called / 2), reconstruction: { a: 0.05, b: 0.04 } });

/** A real (if tiny) checkpoint: a few steps of training with a preview at step 0 and at the end. */
function makeCheckpoint(s: FaceSwapSettings = small): { checkpoint: FaceSwapCheckpoint; trainer: FaceSwapTrainer } {
  const trainer = new FaceSwapTrainer(s);
  const data = createSwapDataset(s, undefined, 32);
  const sources = previewSources(data);
  const first = makeSwapPreview(trainer, sources);
  let stats = null;
  for (let i = 0; i < 3; i++) {
    const a = data.nextBatch('a', s.batchSize);
    const b = data.nextBatch('b', s.batchSize);
    stats = trainer.step(a.images, b.images, true, { a: a.masks, b: b.masks })!;
  }
  const checkpoint: FaceSwapCheckpoint = {
    settings: s,
    steps: 3,
    seconds: 0.5,
    description: 'tiny',
    weights: captureSwapWeights(trainer),
    timeline: [
      { step: 0, lossA: 0.5, lossB: 0.6, preview: first, scores: null },
      { step: 3, lossA: stats!.lossA, lossB: stats!.lossB, preview: makeSwapPreview(trainer, sources), scores: summary(3, 0.75) },
    ],
    scores: summary(3, 0.75),
    training: { note: 'test' },
  };
  return { checkpoint, trainer };
}

const quantised = (v: Float32Array) => Float32Array.from(v, (x) => Math.round(Math.min(1, Math.max(0, x)) * 255) / 255);
const reason = (f: () => unknown): string => {
  try {
    f();
  } catch (e) {
    return (e as Error).message;
  }
  throw new Error('expected a refusal');
};

describe('face-swap checkpoint', () => {
  it('round-trips settings, float16 weights, 8-bit previews, losses and scores, and loads into a trainer', () => {
    const { checkpoint, trainer } = makeCheckpoint();
    const bytes = encodeFaceSwapCheckpoint(checkpoint);
    const back = decodeFaceSwapCheckpoint(bytes);
    expect(back.settings).toEqual(small);
    expect([back.steps, back.seconds, back.description, back.training]).toEqual([3, 0.5, 'tiny', { note: 'test' }]);
    expect(back.scores).toEqual(checkpoint.scores);
    expect(back.timeline.map((s) => [s.step, s.lossA, s.lossB, s.scores])).toEqual(checkpoint.timeline.map((s) => [s.step, s.lossA, s.lossB, s.scores]));
    for (const [i, snap] of back.timeline.entries()) {
      for (const row of PREVIEW_ROWS) expect(snap.preview.rows[row]).toEqual(quantised(checkpoint.timeline[i].preview.rows[row]));
    }
    for (const w of back.weights) expect(w.data).toEqual(storedValues(checkpoint.weights.find((c) => c.name === w.name)!.data, 'float16'));
    // The decoded weights drive a fresh trainer to the same swaps as the rounded originals.
    const loaded = new FaceSwapTrainer(small);
    const map = swapWeightMap(back);
    loaded.loadWeights(map);
    tf.dispose([...map.values()]);
    const sources = previewSources(createSwapDataset(small, undefined, 32)).a;
    const rounded = new Map(checkpoint.weights.map((w) => [w.name, tf.tensor(storedValues(w.data, 'float16'), w.shape)]));
    trainer.loadWeights(rounded);
    tf.dispose([...rounded.values()]);
    expect(loaded.swap('a', sources)).toEqual(trainer.swap('a', sources));
    loaded.dispose();
    trainer.dispose();
    // Full precision on request.
    expect(decodeFaceSwapCheckpoint(encodeFaceSwapCheckpoint(checkpoint, 'float32')).weights).toEqual(checkpoint.weights);
  });

  it('keeps per-snapshot source pictures when they change, and allows an empty timeline', () => {
    const { checkpoint, trainer } = makeCheckpoint();
    trainer.dispose();
    const changed = structuredClone(checkpoint);
    changed.timeline[1].preview.rows.a = changed.timeline[1].preview.rows.a.map((v) => 1 - v);
    const back = decodeFaceSwapCheckpoint(encodeFaceSwapCheckpoint(changed));
    expect(back.timeline[1].preview.rows.a).toEqual(quantised(changed.timeline[1].preview.rows.a));
    expect(back.timeline[0].preview.rows.a).toEqual(quantised(changed.timeline[0].preview.rows.a));
    expect(encodeFaceSwapCheckpoint(changed).length).toBeGreaterThan(encodeFaceSwapCheckpoint(checkpoint).length);
    expect(decodeFaceSwapCheckpoint(encodeFaceSwapCheckpoint({ ...checkpoint, timeline: [] })).timeline).toEqual([]);
  });

  it('refuses truncated, garbled and wrong-format files with the reason', () => {
    const { checkpoint, trainer } = makeCheckpoint();
    trainer.dispose();
    const bytes = encodeFaceSwapCheckpoint(checkpoint);
    expect(() => decodeFaceSwapCheckpoint(bytes.slice(0, bytes.length - 100))).toThrow(WeightsBundleError);
    expect(() => rewriteSettings(bytes)).toThrow(FaceSwapCheckpointError);
    expect(reason(() => decodeFaceSwapCheckpoint(bytes.slice(0, bytes.length - 100)))).toMatch(/truncated|unexpected/);
    const garbled = bytes.slice();
    garbled[garbled.length - 7] ^= 0xff;
    expect(reason(() => decodeFaceSwapCheckpoint(garbled))).toMatch(/checksum/);
    expect(reason(() => decodeFaceSwapCheckpoint(new TextEncoder().encode('not a model at all')))).toMatch(/not a weights file/);
    const other = encodeWeightsBundle({ format: 'deepfake-lab/digit-gan@1', metadata: {}, weights: [] });
    expect(reason(() => decodeFaceSwapCheckpoint(other))).toMatch(/digit-gan@1/);
    // The right format with broken contents.
    const rewrite = (edit: (metadata: Record<string, any>, weights: any[]) => void) => {
      const metadata: Record<string, any> = JSON.parse(JSON.stringify({ settings: small, steps: 3, seconds: 1, scores: summary(3, 1), timeline: { previewCount: 0, rows: ['aToA', 'aToB', 'bToB', 'bToA'], sharedSources: true, steps: [], losses: [], scores: [] } }));
      const weights = captureSwapWeightsFromCheckpoint(checkpoint);
      edit(metadata, weights);
      return () => decodeFaceSwapCheckpoint(encodeWeightsBundle({ format: FACE_SWAP_CHECKPOINT_FORMAT, metadata, weights }));
    };
    expect(rewrite(() => {})).not.toThrow();
    expect(reason(rewrite((m) => (m.settings.width = 5)))).toMatch(/weight "enc\/conv1\/kernel" has shape/);
    expect(reason(rewrite((m) => (m.settings.encoder = 'twin')))).toMatch(/settings are invalid: encoder/);
    expect(reason(rewrite((_m, w) => w.pop()))).toMatch(/lack "decB\/up3\/bias"/);
    expect(reason(rewrite((m) => delete m.scores))).toMatch(/final scores/);
    expect(reason(rewrite((m) => (m.timeline.steps = [0])))).toMatch(/timeline/);
    expect(reason(() => encodeFaceSwapCheckpoint({ ...checkpoint, timeline: [...checkpoint.timeline].reverse() }))).toMatch(/increasing order/);
  });

  it('names the shape-deciding setting that differs, and lets the others change', () => {
    const { checkpoint, trainer } = makeCheckpoint();
    trainer.dispose();
    expect(swapCheckpointMismatch(checkpoint, { ...small, learningRate: 1e-3, batchSize: 32, seed: 9, warp: false, featurePriority: 0 })).toBeNull();
    expect(swapCheckpointMismatch(checkpoint, { ...small, width: 8 })).toMatch(/width 4.*width 8/);
    expect(swapCheckpointMismatch(checkpoint, { ...small, latentSize: 16 })).toMatch(/latentSize/);
    expect(swapCheckpointMismatch(checkpoint, { ...small, encoder: 'separate' })).toMatch(/encoder shared.*encoder separate/);
    expect(swapCheckpointMismatch(checkpoint, { ...small, identityB: 'mags' })).toMatch(/identities juno→orbo.*identities juno→mags/);
    expect(swapCheckpointMismatch(checkpoint, { ...small, colour: false })).toMatch(/colour colour.*colour grey/);
    expect(swapCheckpointMismatch(checkpoint, { ...small, imageSize: 24 })).toMatch(/imageSize 16.*imageSize 24/);
    expect(swapCheckpointMismatch(checkpoint, { ...small, dataset: 'digitStyles', imageSize: 32 })).toMatch(/dataset toyFaces/);
    expect(swapCheckpointMismatch(checkpoint, { ...small, width: -1 })).toMatch(/invalid/);
  });
});

function captureSwapWeightsFromCheckpoint(c: FaceSwapCheckpoint) {
  return c.weights.map((w) => ({ ...w, data: w.data.slice() }));
}

/** The same file with an invalid batch size in its settings. */
function rewriteSettings(bytes: Uint8Array): FaceSwapCheckpoint {
  const c = decodeFaceSwapCheckpoint(bytes);
  return decodeFaceSwapCheckpoint(encodeWeightsBundle({
    format: FACE_SWAP_CHECKPOINT_FORMAT,
    metadata: { settings: { ...c.settings, batchSize: 0 }, steps: 3, seconds: 1, scores: c.scores, timeline: { previewCount: 0, rows: ['aToA', 'aToB', 'bToB', 'bToA'], sharedSources: true, steps: [], losses: [], scores: [] } },
    weights: c.weights,
  }));
}
