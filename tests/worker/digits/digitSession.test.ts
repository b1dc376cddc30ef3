import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import * as tf from '../../../src/core/shared/tf';
import '@tensorflow/tfjs-backend-wasm';
import { registerWasmFastKernels } from '../../../src/core/shared/wasmFastKernels';
import { decodeWeightsBundle } from '../../../src/core/shared/weightsBundle';
import { CLASSIFIER_FORMAT, DigitClassifier } from '../../../src/core/mnist/digitClassifier';
import { digitsToFloats, pickDigits, splitDigits } from '../../../src/core/mnist/digitDataset';
import { DEFAULT_DIGIT_SETTINGS, cloneDigitSettings, defaultDigitNetwork, type DigitGanSettings } from '../../../src/core/digits/digitGanSettings';
import { DigitQualityScorer } from '../../../src/core/mnist/digitQuality';
import { DigitSession, GRID_COUNT } from '../../../src/worker/digits/digitSession';
import type { DigitFrame, DigitStatus } from '../../../src/protocol/digits/digitProtocol';
import { loadMnistDigits } from '../../../models/tools/mnistSource';

const { train, heldOut } = splitDigits(loadMnistDigits());
let scorer: DigitQualityScorer;
let session: DigitSession;

const small = (overrides: Partial<DigitGanSettings> = {}): DigitGanSettings => ({
  ...cloneDigitSettings(DEFAULT_DIGIT_SETTINGS),
  architecture: 'mlp',
  batchSize: 16,
  generator: defaultDigitNetwork({ width: 16 }),
  discriminator: defaultDigitNetwork({ width: 16 }),
  ...overrides,
});

function collect(s: DigitSession) {
  const frames: DigitFrame[] = [];
  const statuses: DigitStatus[] = [];
  s.subscribe((f) => frames.push(f), (st) => statuses.push(st));
  return { frames, statuses };
}

beforeAll(async () => {
  tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', false);
  expect(await tf.setBackend('wasm')).toBe(true);
  registerWasmFastKernels();
  const classifier = DigitClassifier.fromBundle(
    decodeWeightsBundle(readFileSync(resolve(import.meta.dirname, '../../../models/digitClassifier.weights')), CLASSIFIER_FORMAT),
  );
  const spread = (n: number) => Array.from({ length: n }, (_, i) => Math.floor((i * train.count) / n));
  scorer = new DigitQualityScorer(classifier, digitsToFloats(heldOut, 0, heldOut.count), digitsToFloats(pickDigits(train, spread(500)), 0, 500));
});

afterEach(() => session?.dispose());

describe('DigitSession', () => {
  it('posts the fixed-noise grid in [0, 1] with a verdict per cell, and a scored metric point per step', () => {
    session = new DigitSession(train, scorer);
    const { frames, statuses } = collect(session);
    session.configure(small());
    expect(statuses.at(-1)).toEqual({ kind: 'paused' });
    const first = frames.at(-1)!;
    expect(first.gridCount).toBe(GRID_COUNT);
    expect(first.grid.length).toBe(GRID_COUNT * 784);
    expect(first.grid.every((v) => v >= 0 && v <= 1)).toBe(true);
    expect(first.gridVerdicts.every((v) => v > 0 && v < 1)).toBe(true);
    session.step();
    const after = frames.at(-1)!;
    expect(after.generatorSteps).toBe(1);
    expect(after.newMetrics).toHaveLength(1);
    expect(after.newMetrics[0].inceptionScore).toBeGreaterThan(1);
    expect(after.newMetrics[0].frechetDistance).toBeGreaterThan(0);
    // Same noise every frame: the grid changes only because the generator learned.
    expect(after.grid).not.toEqual(first.grid);
  });

  it('keeps tensor memory flat over many steps', () => {
    session = new DigitSession(train, null);
    collect(session);
    session.configure(small({ architecture: 'dcgan', generator: defaultDigitNetwork({ width: 8 }), discriminator: defaultDigitNetwork({ width: 8 }) }));
    session.step();
    const baseline = tf.memory().numTensors;
    for (let i = 0; i < 40; i++) session.step();
    expect(tf.memory().numTensors).toBe(baseline);
  });

  it('trains only on the chosen classes and serves real digits of those classes', () => {
    session = new DigitSession(train, null);
    collect(session);
    session.configure(small({ classes: [0, 1] }));
    const real = session.realDigits(40, 3);
    expect(real.images.length).toBe(40 * 784);
    expect([...new Set(real.labels)].sort()).toEqual([0, 1]);
  });

  it('walks the latent space from one seeded sample to another', () => {
    session = new DigitSession(train, null);
    collect(session);
    session.configure(small());
    const walk = session.latentWalk(11, 12, 6, null);
    expect(walk.length).toBe(6 * 784);
    const start = session.sampleWithOverrides(11, [], null);
    const end = session.sampleWithOverrides(12, [], null);
    for (let i = 0; i < 784; i += 37) {
      expect(walk[i]).toBeCloseTo(start[i], 4);
      expect(walk[5 * 784 + i]).toBeCloseTo(end[i], 4);
    }
    const moved = session.sampleWithOverrides(11, [3, -3], null);
    expect(moved).not.toEqual(start);
  });

  it('refuses weights of the wrong shape and keeps the current model', () => {
    session = new DigitSession(train, null);
    const { frames } = collect(session);
    session.configure(small());
    session.step();
    const bad = new Map([['g/dense1/kernel', tf.zeros([3, 3])]]);
    expect(() => session.configure(small(), bad)).toThrow();
    expect(session.currentTrainer?.generatorSteps).toBe(1);
    expect(frames.at(-1)!.generatorSteps).toBe(1);
    tf.dispose([...bad.values()]);
  });
});
