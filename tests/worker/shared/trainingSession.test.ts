/**
 * The generic TrainingSession on a toy lab with no TF.js: a "model" is one number that each
 * step multiplies by the settings' rate, so every count, rate and divergence is exact.
 */
import { describe, expect, it } from 'vitest';
import { RATE_WINDOW_MS, type FrameBase, type StartRequest } from '../../../src/protocol/shared/sessionProtocol';
import type { SessionAdapter } from '../../../src/worker/shared/sessionAdapter';
import { TrainingSession } from '../../../src/worker/shared/trainingSession';
import { FakeClock, collect, expectRateOverWindow } from './sessionTestKit';

interface ToySettings {
  rate: number;
  width: number;
}
interface ToyModel {
  settings: ToySettings;
  weight: number;
  steps: number;
  loss: number | null;
}
interface ToyMetric {
  step: number;
  loss: number;
}
interface ToyFrame extends FrameBase<ToyMetric> {
  weight: number;
}
interface ToyTypes {
  settings: ToySettings;
  model: ToyModel;
  metric: ToyMetric;
  frame: ToyFrame;
  startInfo: { id: string };
  stepKind: 'half' | undefined;
}

/** The toy lab: counts what it builds and frees, and can hold a pretrained start until the test lets it go. */
class ToyAdapter implements SessionAdapter<ToyTypes> {
  readonly pacing = { stepsPerSecondPerSpeed: 10, frameIntervalMs: 100, sliceMs: 20 };
  liveModels = 0;
  liveStates = 0;
  private releaseSlow: (() => void) | null = null;

  letSlowStartFinish(): void {
    this.releaseSlow?.();
  }

  async build(settings: ToySettings | null, start: StartRequest, loading: (message: string) => void) {
    let weight = 1;
    let steps = 0;
    let from: ToySettings | null = null;
    if (start.kind === 'file') {
      const file = JSON.parse(new TextDecoder().decode(start.bytes)) as { settings: ToySettings; weight: number; steps: number };
      ({ weight, steps } = file);
      from = file.settings;
    } else if (start.kind === 'pretrained') {
      if (start.id !== 'slow') throw new Error(`There is no pretrained toy called "${start.id}".`);
      loading('Loading the slow toy…');
      await new Promise<void>((resolve) => (this.releaseSlow = resolve));
      [weight, steps, from] = [0.5, 100, { rate: 1, width: 3 }];
    }
    const chosen = settings ?? from!;
    if (!(chosen.rate > 0)) throw new Error(`rate must be positive, got ${chosen.rate}`);
    if (from && from.width !== chosen.width) throw new Error(`width ${from.width} in the start, but ${chosen.width} in the settings`);
    this.liveModels++;
    return {
      model: { settings: { ...chosen }, weight, steps, loss: null },
      settings: { ...chosen },
      start: start.kind === 'scratch' ? null : { id: start.kind === 'file' ? 'file' : start.id },
      trainedSeconds: 0,
    };
  }

  steps = (model: ToyModel) => model.steps;

  trainStep(model: ToyModel, _withStats: boolean, kind?: 'half') {
    model.weight *= kind === 'half' ? Math.sqrt(model.settings.rate) : model.settings.rate;
    model.steps++;
    model.loss = model.weight;
  }

  observe(model: ToyModel, { record }: { record: boolean }) {
    if (!Number.isFinite(model.weight)) return { nonFinite: 'the weight' };
    return { nonFinite: null, fields: { weight: model.weight }, metric: record && model.loss !== null ? { step: model.steps, loss: model.loss } : null, scored: false };
  }

  capture(model: ToyModel) {
    const { weight, steps } = model;
    this.liveStates++;
    return {
      steps,
      restore: (into: ToyModel) => {
        into.weight = weight;
        into.steps = steps;
        into.loss = null;
      },
      dispose: () => {
        this.liveStates--;
      },
    };
  }

  divergenceAdvice = (model: ToyModel) => `The rate ${model.settings.rate} is too high.`;

  save(model: ToyModel) {
    return new TextEncoder().encode(JSON.stringify({ settings: model.settings, weight: model.weight, steps: model.steps }));
  }

  dispose() {
    this.liveModels--;
  }
}

function toySession() {
  const adapter = new ToyAdapter();
  const clock = new FakeClock();
  const session = new TrainingSession<ToyTypes>(adapter, clock);
  // At 'max' the loop fills each slice until the clock moves, and this clock moves only when told.
  session.setSpeed(1);
  return { adapter, clock, session, ...collect(session, clock) };
}

const scratch: StartRequest = { kind: 'scratch' };

describe('TrainingSession', () => {
  it('builds a model on configure, answers the accepted settings, and posts its first frame paused', async () => {
    const { session, frames, statuses } = toySession();
    const accepted = await session.configure({ rate: 2, width: 3 }, scratch);
    expect(accepted).toEqual({ settings: { rate: 2, width: 3 }, start: null });
    expect(statuses).toEqual([{ kind: 'paused' }]);
    expect(frames).toEqual([{ weight: 1, steps: 0, stepsPerSecond: 0, newMetrics: [] }]);
    session.step();
    session.step('half');
    expect(frames.at(-1)).toMatchObject({ steps: 2, weight: 2 * Math.SQRT2, newMetrics: [{ step: 2, loss: 2 * Math.SQRT2 }] });
  });

  it('refuses a configuration with the reason, keeping the running model, its steps and its settings', async () => {
    const { session, clock, frames, statuses } = toySession();
    await session.configure({ rate: 1.01, width: 3 }, scratch);
    const model = session.model;
    session.play();
    clock.runUntil(500);
    const stepsBefore = model!.steps;
    expect(stepsBefore).toBeGreaterThan(3);
    const framesBefore = frames.length;
    await expect(session.configure({ rate: -1, width: 3 }, scratch)).rejects.toThrow('rate must be positive, got -1');
    await expect(session.configure({ rate: 1, width: 4 }, { kind: 'pretrained', id: 'nothing' })).rejects.toThrow('There is no pretrained toy called "nothing".');
    await expect(session.configure(null, scratch)).rejects.toThrow(/Settings are needed/);
    expect(session.model).toBe(model);
    expect(session.settings).toEqual({ rate: 1.01, width: 3 });
    expect(model!.steps).toBe(stepsBefore);
    expect(frames.length).toBe(framesBefore);
    // Still training, as before.
    expect(statuses.at(-1)).toEqual({ kind: 'running' });
    clock.runUntil(1000);
    expect(model!.steps).toBeGreaterThan(stepsBefore);
    expect(frames.at(-1)!.steps).toBe(model!.steps);
  });

  it('trains on while a start loads, shows that it loads, and puts the running status back when the start is refused', async () => {
    const { adapter, session, clock, statuses } = toySession();
    await session.configure({ rate: 1.01, width: 3 }, scratch);
    session.play();
    const refused = session.configure({ rate: 1, width: 4 }, { kind: 'pretrained', id: 'slow' });
    await Promise.resolve();
    await Promise.resolve();
    expect(statuses.at(-1)).toEqual({ kind: 'loading', message: 'Loading the slow toy…' });
    const steps = session.model!.steps;
    clock.runUntil(400);
    expect(session.model!.steps).toBeGreaterThan(steps);
    adapter.letSlowStartFinish();
    await expect(refused).rejects.toThrow('width 3 in the start, but 4 in the settings');
    expect(statuses.at(-1)).toEqual({ kind: 'running' });
    expect(session.settings).toEqual({ rate: 1.01, width: 3 });
  });

  it('applies configurations in the order asked, even when an earlier one loads longer', async () => {
    const { adapter, session } = toySession();
    const slow = session.configure(null, { kind: 'file', name: 'x', bytes: new TextEncoder().encode('{"settings":{"rate":3,"width":3},"weight":7,"steps":4}') });
    const pretrained = session.configure({ rate: 1, width: 3 }, { kind: 'pretrained', id: 'slow' });
    const last = session.configure({ rate: 5, width: 2 }, scratch);
    await slow;
    await Promise.resolve();
    adapter.letSlowStartFinish();
    expect((await pretrained).start).toEqual({ id: 'slow' });
    await last;
    expect(session.settings).toEqual({ rate: 5, width: 2 });
    expect(adapter.liveModels).toBe(1);
  });

  it('measures the steps-per-second readout over RATE_WINDOW_MS', async () => {
    const { session, clock } = toySession();
    await session.configure({ rate: 1, width: 3 }, scratch);
    expect(RATE_WINDOW_MS).toBe(1000);
    expectRateOverWindow(session, clock, 0);
  });

  it('pauses on divergence with the step of the last healthy state, refuses to save, and restores that state', async () => {
    const { session, clock, frames, statuses } = toySession();
    await session.configure({ rate: 1e60, width: 3 }, scratch);
    session.play();
    clock.runUntil(3000);
    const diverged = statuses.at(-1)!;
    expect(diverged.kind).toBe('diverged');
    const lastFrame = frames.at(-1)!;
    expect(diverged).toEqual({
      kind: 'diverged',
      lastGoodStep: lastFrame.steps,
      message: `Training diverged at step ${session.model!.steps}: the weight became infinite or not a number. The rate 1e+60 is too high. `
        + `Training is paused; Restore puts back the last good state (step ${lastFrame.steps}).`,
    });
    const badSteps = session.model!.steps;
    clock.runUntil(6000);
    expect(session.model!.steps).toBe(badSteps);
    expect(() => session.saveModel()).toThrow(/restore the last good state before saving/);

    session.restoreLastGood();
    expect(statuses.at(-1)).toEqual({ kind: 'paused' });
    expect(session.model).toMatchObject({ weight: lastFrame.weight, steps: lastFrame.steps });
    expect(frames.at(-1)).toMatchObject({ weight: lastFrame.weight, steps: lastFrame.steps, newMetrics: [] });
    expect(session.saveModel().length).toBeGreaterThan(0);
  });

  it('saves a file that starts the same model again, with its own settings or with settings that fit it', async () => {
    const { session } = toySession();
    await session.configure({ rate: 1.5, width: 3 }, scratch);
    for (let i = 0; i < 3; i++) session.step();
    const bytes = session.saveModel();
    await session.configure({ rate: 9, width: 1 }, scratch);
    const file: StartRequest = { kind: 'file', name: 'toy.json', bytes };
    expect(await session.configure(null, file)).toEqual({ settings: { rate: 1.5, width: 3 }, start: { id: 'file' } });
    expect(session.model).toMatchObject({ weight: 1.5 ** 3, steps: 3 });
    await session.configure({ rate: 1.1, width: 3 }, file);
    expect(session.model).toMatchObject({ weight: 1.5 ** 3, steps: 3, settings: { rate: 1.1 } });
  });

  it('rebuilds on another backend keeping weights and steps, and frees every model and state it replaces', async () => {
    const { adapter, session, frames } = toySession();
    await session.configure({ rate: 2, width: 3 }, scratch);
    for (let i = 0; i < 4; i++) session.step();
    const before = session.model;
    await session.rebuildOnCurrentBackend();
    expect(session.model).not.toBe(before);
    expect(session.model).toMatchObject({ weight: 16, steps: 4 });
    expect(frames.at(-1)).toMatchObject({ weight: 16, steps: 4 });
    expect(adapter.liveModels).toBe(1);
    expect(adapter.liveStates).toBe(1);
    session.dispose();
    expect(adapter.liveModels).toBe(0);
    expect(adapter.liveStates).toBe(0);
  });

  it('rebuilds on another backend after a divergence from the last healthy state, so nothing not-a-number comes back', async () => {
    const { adapter, session, clock, frames, statuses } = toySession();
    await session.configure({ rate: 1e60, width: 3 }, scratch);
    session.play();
    clock.runUntil(3000);
    const diverged = statuses.at(-1)!;
    expect(diverged.kind).toBe('diverged');
    const lastGood = frames.at(-1)!;
    await session.rebuildOnCurrentBackend();
    expect(session.model).toMatchObject({ weight: lastGood.weight, steps: lastGood.steps });
    expect(Number.isFinite(session.model!.weight)).toBe(true);
    expect(statuses.at(-1)).toEqual({ kind: 'paused' });
    expect(adapter.liveModels).toBe(1);
    expect(adapter.liveStates).toBe(1);
  });

  it('leaves a running loop alone when asked for the speed it already has (the watchdog probes that way)', async () => {
    const { session, clock, statuses } = toySession();
    await session.configure({ rate: 1, width: 3 }, scratch);
    session.play();
    clock.runUntil(2500);
    const told = statuses.length;
    const steps = session.model!.steps;
    session.setSpeed(1);
    expect(statuses.length).toBe(told);
    clock.runUntil(3500);
    expect(session.model!.steps).toBeGreaterThan(steps);
    expect(statuses.length).toBe(told);
  });
});
