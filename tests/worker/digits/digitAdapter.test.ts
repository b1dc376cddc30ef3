import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import * as tf from '../../../src/core/shared/tf';
import '@tensorflow/tfjs-backend-wasm';
import { registerWasmFastKernels } from '../../../src/core/shared/wasmFastKernels';
import { decodeWeightsBundle } from '../../../src/core/shared/weightsBundle';
import { CLASSIFIER_FORMAT, DigitClassifier } from '../../../src/core/mnist/digitClassifier';
import { digitsToFloats, pickDigits, splitDigits } from '../../../src/core/mnist/digitDataset';
import { DEFAULT_DIGIT_SETTINGS, cloneDigitSettings, defaultDigitNetwork, type DigitGanSettings } from '../../../src/core/mnist/digitGanSettings';
import { decodeDigitCheckpoint } from '../../../src/core/mnist/digitCheckpoint';
import { DigitQualityScorer } from '../../../src/core/mnist/digitQuality';
import { SeededRandom } from '../../../src/core/shared/seededRandom';
import { GRID_COUNT, type DigitLabData } from '../../../src/worker/digits/digitAdapter';
import { DigitLab } from '../../../src/worker/digits/digitLab';
import type { DigitFrame } from '../../../src/protocol/digits/digitProtocol';
import type { StartRequest } from '../../../src/protocol/shared/sessionProtocol';
import { loadMnistDigits } from '../../../models/tools/mnistSource';
import { FakeClock, collect, expectRateOverWindow } from '../shared/sessionTestKit';

const { train, heldOut } = splitDigits(loadMnistDigits());
let scorer: DigitQualityScorer;
let lab: DigitLab;

const small = (overrides: Partial<DigitGanSettings> = {}): DigitGanSettings => ({
  ...cloneDigitSettings(DEFAULT_DIGIT_SETTINGS),
  architecture: 'mlp',
  batchSize: 16,
  generator: defaultDigitNetwork({ width: 16 }),
  discriminator: defaultDigitNetwork({ width: 16 }),
  ...overrides,
});

const noPretrained = (id: string) => Promise.reject(new Error(`no pretrained model "${id}" in this test`));
const data = (withScorer: boolean): DigitLabData => ({ train, scorer: withScorer ? scorer : null, pretrained: noPretrained });
const scratch: StartRequest = { kind: 'scratch' };
const fileStart = (bytes: Uint8Array, name = 'digits.weights'): StartRequest => ({ kind: 'file', name, bytes });

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

afterEach(() => lab?.session.dispose());

describe('the digit forger on the training session', () => {
  it('posts the fixed-noise grid in [0, 1] with a verdict per cell, and a scored metric point per step', async () => {
    lab = new DigitLab(data(true));
    const { frames, statuses } = collect<DigitFrame>(lab.session);
    await lab.session.configure(small(), scratch);
    expect(statuses.at(-1)).toEqual({ kind: 'paused' });
    const first = frames.at(-1)!;
    expect(first.gridCount).toBe(GRID_COUNT);
    expect(first.grid.length).toBe(GRID_COUNT * 784);
    expect(first.grid.every((v) => v >= 0 && v <= 1)).toBe(true);
    expect(first.gridVerdicts.every((v) => v > 0 && v < 1)).toBe(true);
    lab.session.step();
    const after = frames.at(-1)!;
    expect(after.steps).toBe(1);
    expect(after.newMetrics).toHaveLength(1);
    expect(after.newMetrics[0].inceptionScore).toBeGreaterThan(1);
    expect(after.newMetrics[0].frechetDistance).toBeGreaterThan(0);
    // Same noise every frame: the grid changes only because the generator learned.
    expect(after.grid).not.toEqual(first.grid);
  });

  it('measures the steps-per-second readout over RATE_WINDOW_MS', async () => {
    const clock = new FakeClock();
    lab = new DigitLab(data(false), clock);
    await lab.session.configure(small({ generator: defaultDigitNetwork({ width: 8 }), discriminator: defaultDigitNetwork({ width: 8 }) }), scratch);
    expectRateOverWindow(lab.session, clock, 0);
  });

  it('keeps tensor memory flat over many steps and frames', async () => {
    const clock = new FakeClock();
    lab = new DigitLab(data(false), clock);
    const { frames } = collect<DigitFrame>(lab.session);
    await lab.session.configure(small({ architecture: 'dcgan', generator: defaultDigitNetwork({ width: 8 }), discriminator: defaultDigitNetwork({ width: 8 }) }), scratch);
    lab.session.step();
    const baseline = tf.memory().numTensors;
    for (let i = 0; i < 30; i++) lab.session.step();
    lab.session.setSpeed(1);
    lab.session.play();
    clock.runUntil(clock.now() + 2000);
    lab.session.pause();
    expect(frames.length).toBeGreaterThan(35);
    expect(tf.memory().numTensors).toBe(baseline);
  });

  it('trains only on the chosen classes and serves real digits of those classes', async () => {
    lab = new DigitLab(data(false));
    collect(lab.session);
    await lab.session.configure(small({ classes: [0, 1] }), scratch);
    const real = lab.realDigits(40, 3);
    expect(real.images.length).toBe(40 * 784);
    expect([...new Set(real.labels)].sort()).toEqual([0, 1]);
  });

  it('walks the latent space from one seeded sample to another', async () => {
    lab = new DigitLab(data(false));
    collect(lab.session);
    await lab.session.configure(small(), scratch);
    const walk = lab.latentWalk(11, 12, 6, null);
    expect(walk.length).toBe(6 * 784);
    const start = lab.sampleWithOverrides(11, [], null);
    const end = lab.sampleWithOverrides(12, [], null);
    for (let i = 0; i < 784; i += 37) {
      expect(walk[i]).toBeCloseTo(start[i], 4);
      expect(walk[5 * 784 + i]).toBeCloseTo(end[i], 4);
    }
    const moved = lab.sampleWithOverrides(11, [3, -3], null);
    expect(moved).not.toEqual(start);
  });

  it('saves a file that starts the same model again: same weights, steps, grid and classes', async () => {
    lab = new DigitLab(data(true));
    const { frames } = collect<DigitFrame>(lab.session);
    const settings = small({ conditional: true, classes: [2, 5, 7], seed: 9 });
    await lab.session.configure(settings, scratch);
    for (let i = 0; i < 4; i++) lab.session.step();
    const saved = frames.at(-1)!;
    const probe = lab.session.model!.trainer.sampleNoise(3, new SeededRandom(1));
    const drawn = lab.session.model!.trainer.generate(probe, [2, 5, 7]);
    const bytes = lab.session.saveModel();

    const file = decodeDigitCheckpoint(bytes);
    expect(file.settings).toEqual(settings);
    expect(file.figures).toMatchObject({ steps: 4, samples: 500, realBaseline: scorer.realBaseline });
    expect(file.figures.inceptionScore).toBeGreaterThan(1);
    expect(file.timeline.snapshots.map((s) => s.step)).toEqual([4]);

    const other = new DigitLab(data(false));
    const seen = collect<DigitFrame>(other.session);
    try {
      await other.session.configure(small({ seed: 3 }), scratch);
      const accepted = await other.session.configure(null, fileStart(bytes));
      expect(accepted.settings).toEqual(settings);
      expect(accepted.start).toMatchObject({ id: 'file', steps: 4, quality: { inceptionScore: file.figures.inceptionScore } });
      expect(accepted.start!.timeline).toHaveLength(1);
      const live = seen.frames.at(-1)!;
      expect(live.steps).toBe(4);
      // Float32 weights: exactly the same generator, the same grid noise and classes.
      expect(other.session.model!.trainer.generate(probe, [2, 5, 7])).toEqual(drawn);
      expect(live.grid).toEqual(saved.grid);
      expect(live.gridLabels).toEqual(saved.gridLabels);
      const snapshot = accepted.start!.timeline[0].grid;
      for (let i = 0; i < snapshot.length; i += 53) expect(Math.abs(snapshot[i] - live.grid[i])).toBeLessThanOrEqual(0.5 / 255 + 1e-6);
      other.session.step();
      expect(seen.frames.at(-1)!.steps).toBe(5);
      // Without a scorer there are no quality figures to save.
      expect(() => other.session.saveModel()).toThrow(/cannot be saved with its quality figures/);
    } finally {
      other.session.dispose();
    }
  });

  it('refuses a file that is not a model, or does not fit the chosen settings, and keeps the running model and its settings', async () => {
    lab = new DigitLab(data(true));
    await lab.session.configure(small({ seed: 2 }), scratch);
    lab.session.step();
    const bytes = lab.session.saveModel();
    lab.session.step();
    const model = lab.session.model;
    const { frames, statuses } = collect<DigitFrame>(lab.session);
    await expect(lab.session.configure(small({ generator: defaultDigitNetwork({ width: 32 }) }), fileStart(bytes, 'mine.weights'))).rejects.toThrow(
      'The model file "mine.weights" cannot be loaded: it holds an unconditional MLP GAN, latent 64, widths G 16 / D 16, but the chosen settings ask for generatorWidth 32 instead of 16.',
    );
    const damaged = bytes.slice();
    damaged[damaged.length - 10] ^= 0xff;
    await expect(lab.session.configure(null, fileStart(damaged))).rejects.toThrow(/checksum does not match/);
    await expect(lab.session.configure(null, fileStart(new TextEncoder().encode('not a model')))).rejects.toThrow();
    expect(lab.session.model).toBe(model);
    expect(lab.session.settings).toEqual(small({ seed: 2 }));
    expect(model!.trainer.steps).toBe(2);
    expect(frames).toHaveLength(0);
    expect(statuses).toHaveLength(0);
  });
});
