import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import * as tf from '../../../src/core/shared/tf';
import { AdversarialSession } from '../../../src/worker/adversarial/adversarialSession';
import { DEFAULT_SETTINGS, cloneSettings, defaultNetwork, type GanSettings } from '../../../src/core/adversarial/ganSettings';
import type { GanFrame, TrainerStatus } from '../../../src/protocol/adversarial/adversarialProtocol';
import { SHOWN_SAMPLES, HEATMAP_SIZE } from '../../../src/worker/adversarial/ganFrameBuilder';

const small = (overrides: Partial<GanSettings> = {}): GanSettings => ({
  ...cloneSettings(DEFAULT_SETTINGS),
  batchSize: 64,
  generator: defaultNetwork({ hidden: [16] }),
  discriminator: defaultNetwork({ hidden: [16] }),
  ...overrides,
});

function collect(session: AdversarialSession) {
  const frames: GanFrame[] = [];
  const statuses: TrainerStatus[] = [];
  session.subscribe((f) => frames.push(f), (s) => statuses.push(s));
  return { frames, statuses };
}

const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function waitFor(condition: () => boolean, timeoutMs = 20_000): Promise<void> {
  const start = Date.now();
  while (!condition()) {
    if (Date.now() - start > timeoutMs) throw new Error('timed out waiting for condition');
    await wait(20);
  }
}

let session: AdversarialSession;

beforeAll(async () => {
  await tf.setBackend('cpu');
  expect(tf.getBackend()).toBe('cpu');
});

afterEach(() => session?.dispose());

describe('AdversarialSession', () => {
  it('posts a complete frame on configure and after each step', async () => {
    session = new AdversarialSession();
    const { frames, statuses } = collect(session);
    await session.configure(small(), null);
    expect(statuses.at(-1)).toEqual({ kind: 'paused' });
    const first = frames.at(-1)!;
    expect(first.fakes.length).toBe(SHOWN_SAMPLES * 2);
    expect(first.heatmap.length).toBe(HEATMAP_SIZE * HEATMAP_SIZE);
    expect(first.modeCenters.length).toBe(16);
    expect(first.newMetrics).toHaveLength(0);

    await session.step('both');
    const after = frames.at(-1)!;
    expect(after.generatorSteps).toBe(1);
    expect(after.discriminatorSteps).toBe(1);
    expect(after.newMetrics).toHaveLength(1);
    expect(after.newMetrics[0].modesCovered).not.toBeNull();
    // One step of both networks moves the fakes and changes the verdict.
    expect(after.fakes).not.toEqual(first.fakes);
    expect(after.heatmap).not.toEqual(first.heatmap);

    await session.step('discriminator');
    expect(frames.at(-1)!.discriminatorSteps).toBe(2);
    expect(frames.at(-1)!.generatorSteps).toBe(1);
  });

  it('trains while playing and stops when paused', async () => {
    session = new AdversarialSession();
    const { frames } = collect(session);
    await session.configure(small(), null);
    session.play();
    await waitFor(() => (frames.at(-1)?.generatorSteps ?? 0) > 50);
    session.pause();
    const stoppedAt = frames.at(-1)!.generatorSteps;
    await wait(300);
    expect(frames.at(-1)!.generatorSteps).toBe(stoppedAt);
    const metrics = frames.flatMap((f) => f.newMetrics);
    expect(metrics.length).toBeGreaterThan(1);
    expect(metrics.every((m, i) => i === 0 || m.step > metrics[i - 1].step)).toBe(true);
  });

  it('keeps the tensor count flat across many frames', async () => {
    session = new AdversarialSession();
    collect(session);
    await session.configure(small(), null);
    await session.step('both');
    const baseline = tf.memory().numTensors;
    for (let i = 0; i < 30; i++) await session.step(i % 3 === 0 ? 'generator' : 'both');
    expect(tf.memory().numTensors).toBe(baseline);
  });

  it('pauses on divergence, says why, and restores the last good state', async () => {
    session = new AdversarialSession();
    const { frames, statuses } = collect(session);
    const explosive = small({
      generator: defaultNetwork({ hidden: [16], optimizer: 'sgd', momentum: 0.99, learningRate: 10 }),
      discriminator: defaultNetwork({ hidden: [16], optimizer: 'sgd', momentum: 0.99, learningRate: 10 }),
    });
    await session.configure(explosive, null);
    session.play();
    await waitFor(() => statuses.some((s) => s.kind === 'diverged'));
    const diverged = statuses.find((s) => s.kind === 'diverged');
    expect(diverged && diverged.kind === 'diverged' && diverged.message).toMatch(/diverged at step \d+/);
    expect(diverged && diverged.kind === 'diverged' && diverged.message).toMatch(/learning rates 10/);
    const stepsAtDivergence = frames.at(-1)?.generatorSteps ?? 0;
    await wait(200);
    // Training stopped: no further frames with more steps.
    expect(frames.at(-1)?.generatorSteps ?? 0).toBe(stepsAtDivergence);
    await session.restoreLastGood();
    const restored = frames.at(-1)!;
    expect(restored.fakes.every(Number.isFinite)).toBe(true);
    expect(restored.heatmap.every(Number.isFinite)).toBe(true);
    expect(statuses.at(-1)).toEqual({ kind: 'paused' });
  });

  it('round-trips a checkpoint and refuses a bad one without touching the session', async () => {
    session = new AdversarialSession();
    const { frames } = collect(session);
    await session.configure(small({ seed: 5 }), null);
    for (let i = 0; i < 5; i++) await session.step('both');
    const text = await session.exportCheckpoint();
    const before = frames.at(-1)!;

    await expect(session.loadCheckpoint('{"not": "a checkpoint"}')).rejects.toThrow();
    await expect(session.loadCheckpoint('certainly not json')).rejects.toThrow();
    await session.step('both');
    expect(frames.at(-1)!.generatorSteps).toBe(6);

    const loaded = await session.loadCheckpoint(text);
    expect(loaded.settings.seed).toBe(5);
    const reloaded = frames.at(-1)!;
    expect(reloaded.generatorSteps).toBe(5);
    expect(Array.from(reloaded.fakes)).toEqual(Array.from(before.fakes));
  });
});
