import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import * as tf from '../../../src/core/shared/tf';
import '@tensorflow/tfjs-backend-wasm';
import { registerWasmFastKernels } from '../../../src/core/shared/wasmFastKernels';
import { createDiffusionSession, FIELD_SIZE, pictureOf, SHOWN_PARTICLES, SHOWN_REALS, WALK_TIME_SHARE, type DiffusionTrainingSession } from '../../../src/worker/diffusion/diffusionAdapter';
import { DEFAULT_DIFFUSION_SETTINGS, type DiffusionSettings } from '../../../src/core/diffusion/diffusionSettings';
import type { DiffusionFrame } from '../../../src/protocol/diffusion/diffusionProtocol';
import type { StartRequest } from '../../../src/protocol/shared/sessionProtocol';
import { FakeClock, collect, expectRateOverWindow } from '../shared/sessionTestKit';

const small = (change: Partial<DiffusionSettings> = {}): DiffusionSettings => ({ ...DEFAULT_DIFFUSION_SETTINGS, hidden: [16], batchSize: 32, timesteps: 20, ...change });
const scratch: StartRequest = { kind: 'scratch' };
const fileStart = (bytes: Uint8Array, name = 'model.weights'): StartRequest => ({ kind: 'file', name, bytes });

let session: DiffusionTrainingSession;

beforeAll(async () => {
  tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', false);
  expect(await tf.setBackend('wasm')).toBe(true);
  registerWasmFastKernels();
});

afterEach(() => session?.dispose());

describe('the diffusion lab on the training session', () => {
  it('posts a complete frame on configure and after each step, with the loss and the coverage', async () => {
    session = createDiffusionSession();
    const { frames, statuses } = collect<DiffusionFrame>(session);
    expect(await session.configure(small(), scratch)).toEqual({ settings: small(), start: null });
    expect(statuses.at(-1)).toEqual({ kind: 'paused' });
    const first = frames.at(-1)!;
    expect(first.samples.length).toBe(2 * SHOWN_PARTICLES);
    expect(first.reals.length).toBe(2 * SHOWN_REALS);
    // The full ancestral walk over T = 20: 21 states of every particle, from t = 20 to 0.
    expect(first.view).toEqual({ sampler: 'ancestral', steps: 20, fieldStep: 20 });
    expect(Array.from(first.times)).toEqual(Array.from({ length: 21 }, (_, i) => 20 - i));
    expect(first.trajectory.length).toBe(21 * 2 * SHOWN_PARTICLES);
    expect(first.field.length).toBe(2 * FIELD_SIZE * FIELD_SIZE);
    expect(first.modeCount).toBe(8);
    expect(first.samplesPerSecond).toBeGreaterThan(0);
    expect(first.newMetrics).toEqual([]);

    session.step();
    const after = frames.at(-1)!;
    expect(after.steps).toBe(1);
    expect(after.newMetrics).toHaveLength(1);
    expect(after.newMetrics[0]).toMatchObject({ step: 1, modesCovered: expect.any(Number), highQuality: expect.any(Number) });
    expect(after.newMetrics[0].loss).toBeGreaterThan(0);
    expect(after.newMetrics[0].smoothedLoss).toBe(after.newMetrics[0].loss);
    expect(after.samples).not.toEqual(first.samples);
  });

  it('measures the steps-per-second readout over RATE_WINDOW_MS on a clock moved by hand', async () => {
    const clock = new FakeClock();
    session = createDiffusionSession(clock);
    await session.configure(small(), scratch);
    expectRateOverWindow(session, clock, 0);
  });

  it('changes the sampling view without touching training, fitting it to the model', async () => {
    session = createDiffusionSession();
    const { frames } = collect<DiffusionFrame>(session);
    await session.configure(small(), scratch);
    for (let i = 0; i < 3; i++) session.step();
    const picture = session.setView({ sampler: 'ddim', steps: 5, fieldStep: 7 });
    expect(picture.view).toEqual({ sampler: 'ddim', steps: 5, fieldStep: 7 });
    expect(picture.times.length).toBe(6);
    expect(picture.trajectory.length).toBe(6 * 2 * SHOWN_PARTICLES);
    expect(session.model!.trainer.steps).toBe(3);
    // The ancestral sampler takes all T steps, whatever was asked; flow matching has only Euler.
    expect(session.setView({ sampler: 'ancestral', steps: 5, fieldStep: 99 }).view).toEqual({ sampler: 'ancestral', steps: 20, fieldStep: 20 });
    await session.configure(small({ objective: 'velocity' }), scratch);
    expect(frames.at(-1)!.view).toEqual({ sampler: 'euler', steps: 5, fieldStep: 20 });
    expect(() => session.setView({ sampler: 'heun' as never, steps: 5, fieldStep: 1 })).toThrow('The sampler must be ancestral, ddim or euler (got "heun").');
    expect(() => session.setView({ sampler: 'euler', steps: 0, fieldStep: 1 })).toThrow('The sampling steps must be a whole number, at least 1 (got 0).');
  });

  it('refuses invalid settings and a pretrained start with the reason, and keeps the running model; tensors stay flat', async () => {
    session = createDiffusionSession();
    const { frames, statuses } = collect<DiffusionFrame>(session);
    await session.configure(small({ seed: 4 }), scratch);
    for (let i = 0; i < 3; i++) session.step();
    const model = session.model;
    const counts = { frames: frames.length, statuses: statuses.length, tensors: tf.memory().numTensors };

    await expect(session.configure(small({ timeEmbedding: 5 }), scratch)).rejects.toThrow('The settings are not valid: timeEmbedding (5) must be even: it holds sine and cosine pairs.');
    await expect(session.configure(small(), { kind: 'pretrained', id: 'ring' })).rejects.toThrow(/ships no pretrained models/);

    expect(session.model).toBe(model);
    expect(session.settings).toEqual(small({ seed: 4 }));
    expect(model!.trainer.steps).toBe(3);
    expect({ frames: frames.length, statuses: statuses.length, tensors: tf.memory().numTensors }).toEqual(counts);
    session.step();
    session.step();
    expect(frames.at(-1)!.steps).toBe(5);
    expect(tf.memory().numTensors).toBe(counts.tensors);
  });

  it('saves a model file that loads back with the same samples, and refuses one that does not fit', async () => {
    session = createDiffusionSession();
    const { frames } = collect<DiffusionFrame>(session);
    await session.configure(small({ seed: 5, dataset: 'moons' }), scratch);
    for (let i = 0; i < 4; i++) session.step();
    const bytes = session.saveModel();
    const before = frames.at(-1)!;
    expect(before.modeCount).toBe(0);
    expect(before.modesCovered).toBeNull();

    await expect(session.configure(null, fileStart(new TextEncoder().encode('not a model')))).rejects.toThrow(/unusable/);
    await expect(session.configure(small({ seed: 5, dataset: 'moons', hidden: [8] }), fileStart(bytes, 'mine.weights')))
      .rejects.toThrow('The model file "mine.weights" cannot be loaded with these settings: the denoiser has layers 18→16→2 in the file but 18→8→2 in the settings');
    expect(frames.at(-1)!.steps).toBe(4);

    const accepted = await session.configure(null, fileStart(bytes));
    expect(accepted.settings).toEqual(small({ seed: 5, dataset: 'moons' }));
    const reloaded = frames.at(-1)!;
    expect(reloaded.steps).toBe(4);
    expect(Array.from(reloaded.samples)).toEqual(Array.from(before.samples));
  });

  it('races a GAN when asked: both train on one clock, frames carry its fakes and both sides\' figures, tensors stay flat', async () => {
    session = createDiffusionSession();
    const { frames } = collect<DiffusionFrame>(session);
    await session.configure(small(), scratch);
    expect(frames.at(-1)!.race).toBeNull();
    session.step();
    // The denoiser alone, with its optimizer's moments.
    const alone = tf.memory().numTensors;
    expect(() => session.setRace('yes' as never)).toThrow('The race must be switched on (true) or off (false) (got yes).');

    session.setRace(true);
    // Every model built while the race is on races a fresh GAN: a reset starts both from scratch.
    await session.configure(small(), scratch);
    const first = frames.at(-1)!.race!;
    expect(first.fakes.length).toBe(2 * SHOWN_PARTICLES);
    expect(first.diffusion).toMatchObject({ trainingSeconds: 0, steps: 0 });
    expect(first.gan).toMatchObject({ trainingSeconds: 0, steps: 0 });

    session.step();
    const racing = tf.memory().numTensors;
    for (let i = 0; i < 4; i++) session.step();
    expect(tf.memory().numTensors).toBe(racing);
    const race = frames.at(-1)!.race!;
    expect(frames.at(-1)!.steps).toBe(5);
    expect(race.diffusion.steps).toBe(5);
    expect(race.gan.steps).toBeGreaterThan(0);
    // After each denoiser step the GAN has caught up: its time is at least the denoiser's.
    expect(race.gan.trainingSeconds).toBeGreaterThanOrEqual(race.diffusion.trainingSeconds);
    expect(race.diffusion.trainingSeconds).toBeGreaterThan(0);
    expect(race.gan.modesCovered).toEqual(expect.any(Number));
    expect(race.gan.highQuality).toEqual(expect.any(Number));
    expect(race.gan.samplesPerSecond).toBeGreaterThan(0);
    expect(race.diffusion.samplesPerSecond).toBe(frames.at(-1)!.samplesPerSecond);
    expect(race.fakes).not.toEqual(first.fakes);

    // A rebuild on another backend keeps the GAN's weights and both clocks.
    await session.rebuildOnCurrentBackend();
    expect(frames.at(-1)!.race!.fakes).toEqual(race.fakes);
    expect(frames.at(-1)!.race!.gan.trainingSeconds).toBe(race.gan.trainingSeconds);

    // Off: the GAN goes, and its tensors with it.
    session.setRace(false);
    session.step();
    expect(frames.at(-1)!.race).toBeNull();
    expect(tf.memory().numTensors).toBe(alone);
  });

  it('while training, redraws the walk only as often as WALK_TIME_SHARE of the time allows; when due, at once', async () => {
    session = createDiffusionSession(new FakeClock());
    await session.configure(small(), scratch);
    const model = session.requireModel();
    model.trainer.step(false);
    const first = pictureOf(model, 1000, false);
    expect(first.fresh).toBe(true);
    const took = model.cached!.tookMs;
    expect(took).toBeGreaterThan(0);

    // Newer weights wait until the last walk is at most the share of the time since it started …
    model.trainer.step(false);
    const waited = pictureOf(model, 1000 + took / WALK_TIME_SHARE - 1, false);
    expect(waited.fresh).toBe(false);
    expect(Array.from(waited.picture.samples)).toEqual(Array.from(first.picture.samples));
    const redrawn = pictureOf(model, 1000 + took / WALK_TIME_SHARE, false);
    expect(redrawn.fresh).toBe(true);
    expect(Array.from(redrawn.picture.samples)).not.toEqual(Array.from(first.picture.samples));

    // … unless a walk is due (paused, or a while since the last), and a new view never waits.
    model.trainer.step(false);
    expect(pictureOf(model, model.cached!.madeAt, true).fresh).toBe(true);
    model.view = { sampler: 'ddim', steps: 4, fieldStep: 3 };
    expect(pictureOf(model, model.cached!.madeAt, false)).toMatchObject({ fresh: true, picture: { view: { sampler: 'ddim', steps: 4 } } });
    expect(pictureOf(model, model.cached!.madeAt, false).fresh).toBe(false);
  });

  it('rebuilds the model on the backend now chosen, keeping its weights, steps and view', async () => {
    session = createDiffusionSession();
    const { frames } = collect<DiffusionFrame>(session);
    await session.configure(small(), scratch);
    for (let i = 0; i < 4; i++) session.step();
    session.setView({ sampler: 'ddim', steps: 4, fieldStep: 3 });
    session.step();
    const before = frames.at(-1)!;
    await session.rebuildOnCurrentBackend();
    expect(frames.at(-1)!.steps).toBe(5);
    expect(frames.at(-1)!.view).toEqual({ sampler: 'ddim', steps: 4, fieldStep: 3 });
    expect(Array.from(frames.at(-1)!.samples)).toEqual(Array.from(before.samples));
  });
});
