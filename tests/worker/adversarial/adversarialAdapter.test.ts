import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import * as tf from '../../../src/core/shared/tf';
import { createAdversarialSession, type AdversarialTrainingSession } from '../../../src/worker/adversarial/adversarialAdapter';
import { DEFAULT_SETTINGS, cloneSettings, defaultNetwork, type GanSettings } from '../../../src/core/pointGan/ganSettings';
import { serializeCheckpoint } from '../../../src/core/adversarial/adversarialCheckpoint';
import type { AdversarialSetup, GanFrame } from '../../../src/protocol/adversarial/adversarialProtocol';
import type { StartRequest } from '../../../src/protocol/shared/sessionProtocol';
import { SHOWN_SAMPLES, HEATMAP_SIZE } from '../../../src/worker/adversarial/ganFrameBuilder';
import { FakeClock, collect, expectRateOverWindow } from '../shared/sessionTestKit';

const small = (overrides: Partial<GanSettings> = {}): GanSettings => ({
  ...cloneSettings(DEFAULT_SETTINGS),
  batchSize: 64,
  generator: defaultNetwork({ hidden: [16] }),
  discriminator: defaultNetwork({ hidden: [16] }),
  ...overrides,
});

const setup = (overrides: Partial<GanSettings> = {}, customPoints: Float32Array | null = null): AdversarialSetup => ({ settings: small(overrides), customPoints });
const scratch: StartRequest = { kind: 'scratch' };
const fileStart = (bytes: Uint8Array, name = 'model.json'): StartRequest => ({ kind: 'file', name, bytes });

const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function waitFor(condition: () => boolean, timeoutMs = 20_000): Promise<void> {
  const start = Date.now();
  while (!condition()) {
    if (Date.now() - start > timeoutMs) throw new Error('timed out waiting for condition');
    await wait(20);
  }
}

let session: AdversarialTrainingSession;

beforeAll(async () => {
  await tf.setBackend('cpu');
  expect(tf.getBackend()).toBe('cpu');
});

afterEach(() => session?.dispose());

describe('the adversarial lab on the training session', () => {
  it('posts a complete frame on configure and after each step', async () => {
    session = createAdversarialSession();
    const { frames, statuses } = collect<GanFrame>(session);
    expect(await session.configure(setup(), scratch)).toEqual({ settings: { settings: small(), customPoints: null }, start: null });
    expect(statuses.at(-1)).toEqual({ kind: 'paused' });
    const first = frames.at(-1)!;
    expect(first.fakes.length).toBe(SHOWN_SAMPLES * 2);
    expect(first.heatmap.length).toBe(HEATMAP_SIZE * HEATMAP_SIZE);
    expect(first.modeCenters.length).toBe(16);
    expect(first.newMetrics).toHaveLength(0);

    session.step('both');
    const after = frames.at(-1)!;
    expect(after.steps).toBe(1);
    expect(after.discriminatorSteps).toBe(1);
    expect(after.newMetrics).toHaveLength(1);
    expect(after.newMetrics[0].modesCovered).not.toBeNull();
    // One step of both networks moves the fakes and changes the verdict.
    expect(after.fakes).not.toEqual(first.fakes);
    expect(after.heatmap).not.toEqual(first.heatmap);

    session.step('discriminator');
    expect(frames.at(-1)!.discriminatorSteps).toBe(2);
    expect(frames.at(-1)!.steps).toBe(1);
    // No kind: an epoch (k discriminator steps, then one generator step).
    session.step();
    expect(frames.at(-1)).toMatchObject({ steps: 2, discriminatorSteps: 3 });
  });

  it('trains while playing and stops when paused', async () => {
    session = createAdversarialSession();
    const { frames } = collect<GanFrame>(session);
    await session.configure(setup(), scratch);
    session.play();
    // Past step 50 and with at least two metric points recorded: a slow machine may reach step 50 in the first frame alone.
    await waitFor(() => (frames.at(-1)?.steps ?? 0) > 50 && frames.flatMap((f) => f.newMetrics).length > 1);
    session.pause();
    const stoppedAt = frames.at(-1)!.steps;
    await wait(300);
    expect(frames.at(-1)!.steps).toBe(stoppedAt);
    const metrics = frames.flatMap((f) => f.newMetrics);
    expect(metrics.length).toBeGreaterThan(1);
    expect(metrics.every((m, i) => i === 0 || m.step > metrics[i - 1].step)).toBe(true);
  });

  it('measures the steps-per-second readout over RATE_WINDOW_MS', async () => {
    const clock = new FakeClock();
    session = createAdversarialSession(clock);
    await session.configure(setup(), scratch);
    expectRateOverWindow(session, clock, 0);
  });

  it('keeps the tensor count flat across many steps and frames', async () => {
    const clock = new FakeClock();
    session = createAdversarialSession(clock);
    const { frames } = collect<GanFrame>(session);
    await session.configure(setup({ loss: 'wganGp' }), scratch);
    session.step('both');
    const baseline = tf.memory().numTensors;
    for (let i = 0; i < 30; i++) session.step(i % 3 === 0 ? 'generator' : 'both');
    session.setSpeed(1);
    session.play();
    clock.runUntil(clock.now() + 3000);
    session.pause();
    expect(frames.length).toBeGreaterThan(30);
    expect(tf.memory().numTensors).toBe(baseline);
  });

  it('refuses invalid settings, a pretrained start and bad custom points with the reason, and keeps the running model', async () => {
    session = createAdversarialSession();
    const { frames, statuses } = collect<GanFrame>(session);
    await session.configure(setup({ seed: 4 }), scratch);
    for (let i = 0; i < 3; i++) session.step();
    const model = session.model;
    const counts = { frames: frames.length, statuses: statuses.length, tensors: tf.memory().numTensors };

    await expect(session.configure(setup({ packing: 3 }), scratch)).rejects.toThrow('The settings are not valid: batchSize (64) must be a multiple of packing (3).');
    await expect(session.configure(setup({}, new Float32Array([1, 2, 3])), scratch)).rejects.toThrow('The custom points must be x, y pairs');
    await expect(session.configure(setup(), { kind: 'pretrained', id: 'ring' })).rejects.toThrow(/ships no pretrained models/);

    expect(session.model).toBe(model);
    expect(session.settings).toEqual({ settings: small({ seed: 4 }), customPoints: null });
    expect(model!.trainer.steps).toBe(3);
    expect({ frames: frames.length, statuses: statuses.length, tensors: tf.memory().numTensors }).toEqual(counts);
    session.step();
    expect(frames.at(-1)!.steps).toBe(4);
  });

  it('pauses on divergence, says why, and restores the last good state', async () => {
    session = createAdversarialSession();
    const { frames, statuses } = collect<GanFrame>(session);
    const explosive = setup({
      generator: defaultNetwork({ hidden: [16], optimizer: 'sgd', momentum: 0.99, learningRate: 10 }),
      discriminator: defaultNetwork({ hidden: [16], optimizer: 'sgd', momentum: 0.99, learningRate: 10 }),
    });
    await session.configure(explosive, scratch);
    session.play();
    await waitFor(() => statuses.some((s) => s.kind === 'diverged'));
    const diverged = statuses.find((s) => s.kind === 'diverged');
    if (diverged?.kind !== 'diverged') throw new Error('no divergence');
    expect(diverged.message).toMatch(/diverged at step \d+/);
    expect(diverged.message).toMatch(/learning rates 10/);
    const stepsAtDivergence = frames.at(-1)?.steps ?? 0;
    expect(diverged.lastGoodStep).toBe(stepsAtDivergence);
    await wait(200);
    // Training stopped: no further frames with more steps.
    expect(frames.at(-1)?.steps ?? 0).toBe(stepsAtDivergence);
    session.restoreLastGood();
    const restored = frames.at(-1)!;
    expect(restored.steps).toBe(diverged.lastGoodStep);
    expect(restored.fakes.every(Number.isFinite)).toBe(true);
    expect(restored.heatmap.every(Number.isFinite)).toBe(true);
    expect(statuses.at(-1)).toEqual({ kind: 'paused' });
  });

  it('saves a model file that loads back with the same weights, and refuses a bad one without touching the session', async () => {
    session = createAdversarialSession();
    const { frames } = collect<GanFrame>(session);
    const points = new Float32Array([0, 0, 1, 1, -1, 0.5]);
    await session.configure(setup({ seed: 5, dataset: 'custom' }, points), scratch);
    for (let i = 0; i < 5; i++) session.step('both');
    const bytes = session.saveModel();
    const before = frames.at(-1)!;

    const text = (t: string) => fileStart(new TextEncoder().encode(t));
    await expect(session.configure(null, text('{"not": "a checkpoint"}'))).rejects.toThrow(/not a trained-model file/);
    await expect(session.configure(null, text('certainly not json'))).rejects.toThrow(/not valid JSON/);
    await expect(session.configure(setup({ seed: 5, dataset: 'custom', generator: defaultNetwork({ hidden: [8] }) }, points), fileStart(bytes, 'mine.json')))
      .rejects.toThrow('The model file "mine.json" cannot be loaded with these settings: the generator has layers 2→16→2 in the file but 2→8→2 in the settings');
    session.step('both');
    expect(frames.at(-1)!.steps).toBe(6);

    const accepted = await session.configure(null, fileStart(bytes));
    expect(accepted.settings.settings.seed).toBe(5);
    expect(accepted.settings.customPoints).toEqual(points);
    const reloaded = frames.at(-1)!;
    expect(reloaded.steps).toBe(5);
    expect(Array.from(reloaded.fakes)).toEqual(Array.from(before.fakes));
    expect(Array.from(reloaded.heatmap)).toEqual(Array.from(before.heatmap));

    // A file's weights with other settings that keep its layer sizes: a new learning rate, say.
    const faster = setup({ seed: 5, dataset: 'custom', generator: defaultNetwork({ hidden: [16], learningRate: 0.01 }) }, points);
    expect((await session.configure(faster, fileStart(bytes))).settings.settings.generator.learningRate).toBe(0.01);
    expect(Array.from(frames.at(-1)!.fakes)).toEqual(Array.from(before.fakes));
  });

  it('loads a file exported as checkpoint text before files were saved as bytes', async () => {
    session = createAdversarialSession();
    const { frames } = collect<GanFrame>(session);
    await session.configure(setup({ seed: 8 }), scratch);
    for (let i = 0; i < 3; i++) session.step();
    const model = session.model!;
    const text = serializeCheckpoint({ settings: model.trainer.settings, weights: model.trainer.captureWeights(), customPoints: null });
    const before = frames.at(-1)!.fakes;
    await session.configure(setup({ seed: 1 }), scratch);
    await session.configure(null, fileStart(new TextEncoder().encode(text), 'old.json'));
    expect(frames.at(-1)!.steps).toBe(3);
    expect(frames.at(-1)!.fakes).toEqual(before);
  });

  it('rebuilds the model on the backend now chosen, keeping its weights and steps', async () => {
    session = createAdversarialSession();
    const { frames } = collect<GanFrame>(session);
    await session.configure(setup(), scratch);
    for (let i = 0; i < 4; i++) session.step();
    const before = frames.at(-1)!;
    const trainer = session.model!.trainer;
    await session.rebuildOnCurrentBackend();
    expect(session.model!.trainer).not.toBe(trainer);
    expect(frames.at(-1)!.steps).toBe(4);
    expect(frames.at(-1)!.fakes).toEqual(before.fakes);
  });
});

describe("the averaged generator's points in the frames", () => {
  const maxDiff = (a: Float32Array, b: Float32Array) => a.reduce((m, v, i) => Math.max(m, Math.abs(v - b[i])), 0);

  it('are sent only while the average is on, from the same noise as the fakes', async () => {
    session = createAdversarialSession();
    const { frames } = collect<GanFrame>(session);
    await session.configure(setup(), scratch);
    session.step('both');
    expect(frames.at(-1)!.averagedFakes).toHaveLength(0);

    await session.configure(setup({ generatorAverage: 0.9 }), scratch);
    const first = frames.at(-1)!;
    expect(first.averagedFakes).toHaveLength(SHOWN_SAMPLES * 2);
    // Before any generator step the average is the generator itself.
    expect(maxDiff(first.averagedFakes, first.fakes)).toBe(0);
    // Its first update copies the generator (no pull towards the random start)...
    session.step('both');
    expect(maxDiff(frames.at(-1)!.averagedFakes, frames.at(-1)!.fakes)).toBeLessThan(1e-6);
    // ...later ones lag behind it, so the two sets of points part.
    for (let i = 0; i < 5; i++) session.step('both');
    const later = frames.at(-1)!;
    expect(later.averagedFakes.every(Number.isFinite)).toBe(true);
    expect(maxDiff(later.averagedFakes, later.fakes)).toBeGreaterThan(1e-4);
    expect(maxDiff(later.averagedFakes, first.averagedFakes)).toBeGreaterThan(1e-4);
  });

  it('keep the tensor count flat across steps and frames', async () => {
    const clock = new FakeClock();
    session = createAdversarialSession(clock);
    const { frames } = collect<GanFrame>(session);
    await session.configure(setup({ generatorAverage: 0.99 }), scratch);
    session.step('both');
    const baseline = tf.memory().numTensors;
    for (let i = 0; i < 10; i++) session.step('both');
    session.setSpeed(1);
    session.play();
    clock.runUntil(clock.now() + 1000);
    session.pause();
    expect(frames.length).toBeGreaterThan(10);
    expect(frames.at(-1)!.averagedFakes).toHaveLength(SHOWN_SAMPLES * 2);
    expect(tf.memory().numTensors).toBe(baseline);
  });

  it('restart from the loaded generator when a model file is loaded with the average on', async () => {
    session = createAdversarialSession();
    const { frames } = collect<GanFrame>(session);
    await session.configure(setup({ seed: 4, generatorAverage: 0.9 }), scratch);
    for (let i = 0; i < 6; i++) session.step('both');
    const saved = frames.at(-1)!;
    expect(maxDiff(saved.averagedFakes, saved.fakes)).toBeGreaterThan(1e-4);
    const bytes = session.saveModel();

    // The file carries the networks, not the average: alone, it loads with the average off.
    await session.configure(null, fileStart(bytes));
    expect(frames.at(-1)!.averagedFakes).toHaveLength(0);
    expect(frames.at(-1)!.fakes).toEqual(saved.fakes);

    // With the average asked for, it starts again from the loaded generator.
    await session.configure(setup({ seed: 4, generatorAverage: 0.9 }), fileStart(bytes));
    const loaded = frames.at(-1)!;
    expect(loaded.steps).toBe(6);
    expect(loaded.fakes).toEqual(saved.fakes);
    expect(loaded.averagedFakes).toEqual(saved.fakes);
  });
});
