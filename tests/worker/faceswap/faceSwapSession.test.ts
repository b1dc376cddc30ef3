import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import * as tf from '../../../src/core/shared/tf';
import '@tensorflow/tfjs-backend-wasm';
import { registerWasmFastKernels } from '../../../src/core/shared/wasmFastKernels';
import { NEUTRAL_FACTORS } from '../../../src/core/faceswap/faceFactors';
import { DEFAULT_FACE_SWAP_SETTINGS, type FaceSwapSettings } from '../../../src/core/faceswap/faceSwapSettings';
import { PREVIEW_COUNT, PREVIEW_ROWS } from '../../../src/core/faceswap/swapPreview';
import { captureSwapWeights, decodeFaceSwapCheckpoint, type FaceSwapCheckpoint } from '../../../src/core/faceswap/faceSwapCheckpoint';
import { FaceSwapTrainer } from '../../../src/core/faceswap/faceSwapTrainer';
import type { DirectionScores } from '../../../src/core/faceswap/swapScoreSummary';
import { decodeSwapJudges } from '../../../src/core/faceswap/swapJudges';
import { FaceSwapSession, LIVE_SCORE_COUNT } from '../../../src/worker/faceswap/faceSwapSession';
import { loadMnistDigits } from '../../../models/tools/mnistSource';
import type { SessionClock } from '../../../src/worker/shared/sessionClock';
import type { FaceSwapFrame, FaceSwapStatus } from '../../../src/protocol/faceswap/faceSwapProtocol';

/** Small enough to train a few hundred steps in seconds on wasm. */
const small = (overrides: Partial<FaceSwapSettings> = {}): FaceSwapSettings => ({
  ...DEFAULT_FACE_SWAP_SETTINGS, width: 8, latentSize: 16, batchSize: 8, ...overrides,
});

/** Real time, but the slices run only when the test says so (no timers left behind). */
class ManualClock implements SessionClock {
  private queue: (() => void)[] = [];
  now = () => performance.now();
  defer = (next: () => void) => {
    this.queue.push(next);
  };
  /** Runs queued slices (each may queue the next) until `until` holds or `max` slices have run. */
  run(until: () => boolean, max = 100_000): number {
    let ran = 0;
    while (this.queue.length > 0 && ran < max && !until()) {
      this.queue.shift()!();
      ran++;
    }
    return ran;
  }
  get queued(): number {
    return this.queue.length;
  }
}

function collect(s: FaceSwapSession) {
  const frames: FaceSwapFrame[] = [];
  const statuses: FaceSwapStatus[] = [];
  s.subscribe((f) => frames.push(f), (st) => statuses.push(st));
  return { frames, statuses };
}

const noJudges = { judges: null };
const modelFile = (name: string) => readFileSync(resolve(import.meta.dirname, '../../../models', name));
let session: FaceSwapSession;

beforeAll(async () => {
  tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', false);
  expect(await tf.setBackend('wasm')).toBe(true);
  registerWasmFastKernels();
});

afterEach(() => session?.dispose());

describe('FaceSwapSession', () => {
  it('posts a preview of the right size at once, and one metric point per manual step', () => {
    session = new FaceSwapSession(new ManualClock());
    const { frames, statuses } = collect(session);
    session.configure(small(), noJudges);
    expect(statuses.at(-1)).toEqual({ kind: 'paused' });
    const first = frames.at(-1)!;
    expect(first.steps).toBe(0);
    expect(first.preview).toMatchObject({ count: PREVIEW_COUNT, imageSize: 32, channels: 3 });
    for (const row of PREVIEW_ROWS) {
      expect(first.preview.rows[row].length).toBe(PREVIEW_COUNT * 32 * 32 * 3);
      expect(first.preview.rows[row].every((v) => v >= 0 && v <= 1)).toBe(true);
    }
    session.step();
    const after = frames.at(-1)!;
    expect(after.steps).toBe(1);
    expect(after.newMetrics).toHaveLength(1);
    expect(after.newMetrics[0]).toMatchObject({ step: 1, scores: null });
    expect(after.newMetrics[0].lossA).toBeGreaterThan(0);
    // The same source pictures every frame; only the model's outputs moved.
    expect(after.preview.rows.a).toEqual(first.preview.rows.a);
    expect(after.preview.rows.aToB).not.toEqual(first.preview.rows.aToB);
  });

  it('trains in slices while playing: steps advance, the losses fall, and pause stops the steps', () => {
    const clock = new ManualClock();
    session = new FaceSwapSession(clock);
    const { frames, statuses } = collect(session);
    session.configure(small(), noJudges);
    session.play();
    expect(statuses.at(-1)).toEqual({ kind: 'running' });
    clock.run(() => (frames.at(-1)?.steps ?? 0) >= 300);
    const losses = frames.flatMap((f) => f.newMetrics).map((p) => p.lossA + p.lossB);
    expect(losses.length).toBeGreaterThan(4);
    const mean = (xs: number[]) => xs.reduce((s, v) => s + v, 0) / xs.length;
    expect(mean(losses.slice(-3))).toBeLessThan(0.5 * mean(losses.slice(0, 2)));
    expect(frames.at(-1)!.stepsPerSecond).toBeGreaterThan(0);

    session.pause();
    expect(statuses.at(-1)).toEqual({ kind: 'paused' });
    const stopped = session.currentTrainer!.steps;
    // A slice queued before the pause finds the loop stopped and trains nothing.
    clock.run(() => false);
    expect(clock.queued).toBe(0);
    expect(session.currentTrainer!.steps).toBe(stopped);
    expect(frames.at(-1)!.stepsPerSecond).toBe(0);
  });

  it('refuses weights that do not fit and keeps the current model', () => {
    session = new FaceSwapSession(new ManualClock());
    const { frames } = collect(session);
    session.configure(small(), noJudges);
    session.step();
    const trainer = session.currentTrainer;
    const bad = new Map([['enc/conv1/kernel', tf.zeros([3, 3])]]);
    expect(() => session.configure(small({ seed: 9 }), noJudges, bad)).toThrow();
    tf.dispose([...bad.values()]);
    expect(session.currentTrainer).toBe(trainer);
    expect(session.currentTrainer!.steps).toBe(1);
    expect(frames.at(-1)!.steps).toBe(1);
    // Digit styles without the digits: refused with the reason, the toy-face model still there.
    expect(() => session.configure(small({ dataset: 'digitStyles' }), noJudges)).toThrow(/MNIST digits/);
    expect(session.currentTrainer).toBe(trainer);
  });

  it('starts from a pretrained checkpoint that fits, counting on from its steps; refuses one that does not and keeps the current model', () => {
    const trained = small({ seed: 5 });
    const source = new FaceSwapTrainer(trained);
    const direction: DirectionScores = {
      calledTarget: 0.9, realCalledTarget: 1, factorError: 0.2, factorErrorReal: 0.1, factorErrorUnrelated: 0.6, digitKept: null, thicknessLikeTarget: null,
    };
    const checkpoint: FaceSwapCheckpoint = {
      settings: trained, steps: 1234, seconds: 60, description: 'a test model', weights: captureSwapWeights(source), timeline: [],
      scores: { step: 1234, count: 8, ab: direction, ba: direction, reconstruction: { a: 0.01, b: 0.01 } }, training: {},
    };
    const probe = source.swap('a', new Float32Array(32 * 32 * 3).fill(0.2));
    source.dispose();

    session = new FaceSwapSession(new ManualClock());
    const { frames } = collect(session);
    session.configure(small(), noJudges);
    session.step();
    const trainer = session.currentTrainer;
    // Width decides the shape: refused, naming it, and nothing changes.
    expect(() => session.configurePretrained(small({ seed: 5, width: 12 }), checkpoint, 'test', noJudges)).toThrow(/width 8.*width 12/);
    expect(session.currentTrainer).toBe(trainer);
    expect(frames.at(-1)!.steps).toBe(1);

    // The learning rate does not: the weights load, and the steps count on from the checkpoint's.
    const start = session.configurePretrained(small({ seed: 5, learningRate: 1e-3 }), checkpoint, 'test', noJudges);
    expect(start).toMatchObject({ id: 'test', steps: 1234, description: 'a test model' });
    expect(frames.at(-1)!.steps).toBe(1234);
    expect(session.currentTrainer!.swap('a', new Float32Array(32 * 32 * 3).fill(0.2))).toEqual(probe);
    session.step();
    expect(frames.at(-1)!.steps).toBe(1235);
  });

  it('pauses with a message naming the step when the loss blows up, and puts the last good weights back', () => {
    const clock = new ManualClock();
    session = new FaceSwapSession(clock);
    const { frames, statuses } = collect(session);
    // Adam with β2 = 0 and β1 near 1 divides a long memory of gradients by the last one alone: the steps explode.
    session.configure(small({ learningRate: 0.05, beta1: 0.9999, beta2: 0 }), noJudges);
    session.play();
    clock.run(() => statuses.at(-1)?.kind === 'diverged', 20_000);
    const status = statuses.at(-1)!;
    expect(status.kind).toBe('diverged');
    const message = status.kind === 'diverged' ? status.message : '';
    expect(message).toMatch(/diverged at step \d+/);
    expect(message).toMatch(/not a number/);
    const goodStep = Number(/weights from step (\d+)/.exec(message)?.[1]);
    expect(session.currentTrainer!.steps).toBe(goodStep);
    // The last frame shows the restored model: finite pictures at the good step.
    const last = frames.at(-1)!;
    expect(last.steps).toBe(goodStep);
    expect(Object.values(last.preview.rows).every((row) => row.every(Number.isFinite))).toBe(true);
    clock.run(() => false);
    expect(session.currentTrainer!.steps).toBe(goodStep);
  });

  it('puppet: moving a factor changes A\'s picture and its swap; the code map covers both sides', () => {
    session = new FaceSwapSession(new ManualClock());
    collect(session);
    session.configure(small(), noJudges);
    for (let i = 0; i < 5; i++) session.step();
    const neutral = session.puppet({ ...NEUTRAL_FACTORS })!;
    expect(neutral.source.length).toBe(32 * 32 * 3);
    expect(neutral.swap.length).toBe(32 * 32 * 3);
    const smiling = session.puppet({ ...NEUTRAL_FACTORS, smile: 1, headX: 1 })!;
    expect(smiling.source).not.toEqual(neutral.source);
    expect(smiling.swap).not.toEqual(neutral.swap);
    expect(smiling.reconstruction.every((v) => v >= 0 && v <= 1)).toBe(true);
    expect(() => session.puppet({ ...NEUTRAL_FACTORS, smile: 3 })).toThrow(/smile must be between -1 and 1/);
    // A digit question (the page not yet caught up with a switch) gets no answer rather than an error.
    expect(session.puppetDigit(0)).toBeNull();
    const map = session.projectCodes(20);
    expect(map.points.length).toBe(80);
    expect([...map.sides].filter((s) => s === 1)).toHaveLength(20);
  });

  it('keeps tensor memory flat over many slices and steps', () => {
    const clock = new ManualClock();
    session = new FaceSwapSession(clock);
    const { frames } = collect(session);
    session.configure(small({ schedule: 'alternate', ssimWeight: 1 }), noJudges);
    session.step();
    const baseline = tf.memory().numTensors;
    session.play();
    clock.run(() => frames.length > 12);
    session.pause();
    for (let i = 0; i < 5; i++) session.step();
    session.puppet({ ...NEUTRAL_FACTORS });
    session.projectCodes(8);
    expect(tf.memory().numTensors).toBe(baseline);
    // A new model of the same shape frees the old one entirely.
    session.configure(small({ schedule: 'alternate', ssimWeight: 1, seed: 2 }), noJudges);
    session.step();
    expect(tf.memory().numTensors).toBe(baseline);
  });

  it('scores the swaps with the shipped judges: at once on a manual step, then every few seconds of play', () => {
    const judges = decodeSwapJudges(modelFile('faceSwapJudges-toyFaces.weights'));
    try {
      const clock = new ManualClock();
      session = new FaceSwapSession(clock);
      const { frames } = collect(session);
      session.configure(small(), { judges });
      session.step();
      const scored = frames.at(-1)!.newMetrics[0].scores!;
      expect(scored).toMatchObject({ step: 1, count: LIVE_SCORE_COUNT });
      // The yardstick: the judge knows real Orbo pictures.
      expect(scored.ab.realCalledTarget).toBeGreaterThan(0.9);
      expect(scored.ab.factorError).toBeGreaterThan(0);
      const baseline = tf.memory().numTensors;
      session.play();
      const start = performance.now();
      clock.run(() => performance.now() - start > 7000);
      session.pause();
      const points = frames.flatMap((f) => f.newMetrics).slice(1);
      const withScores = points.filter((p) => p.scores !== null);
      // Most frames carry only losses; the scores come every ~3 s.
      expect(withScores.length).toBeGreaterThanOrEqual(1);
      expect(withScores.length).toBeLessThan(points.length / 3);
      expect(session.scoreNow().count).toBe(128);
      // Scoring inside the loop frees everything it makes, too.
      expect(tf.memory().numTensors).toBe(baseline);
    } finally {
      session.dispose();
      judges.dispose();
    }
  });

  it('digit styles: loads the thin and thick digits, and the digit puppet steps through held-out thin digits', () => {
    session = new FaceSwapSession(new ManualClock());
    const { frames } = collect(session);
    session.configure(small({ dataset: 'digitStyles' }), { digits: loadMnistDigits(), judges: null });
    expect(frames.at(-1)!.preview).toMatchObject({ imageSize: 32, channels: 1 });
    session.step();
    const first = session.puppetDigit(0)!;
    const second = session.puppetDigit(1)!;
    expect(first.source.length).toBe(32 * 32);
    expect(second.source).not.toEqual(first.source);
    expect(second.swap).not.toEqual(first.swap);
    expect(session.puppet({ ...NEUTRAL_FACTORS })).toBeNull();
    expect(() => session.puppetDigit(-1)).toThrow(/whole number/);
  });

  it('saves the model to a file and loads it back: same swaps, same steps; a file that is not a model is refused and the model stays', () => {
    const judges = decodeSwapJudges(modelFile('faceSwapJudges-toyFaces.weights'));
    try {
      session = new FaceSwapSession(new ManualClock());
      collect(session);
      session.configure(small({ seed: 3 }), { judges });
      for (let i = 0; i < 4; i++) session.step();
      const face = new Float32Array(32 * 32 * 3).fill(0.3);
      const before = session.currentTrainer!.swap('a', face);
      const bytes = session.exportModel();
      expect(bytes.length).toBeGreaterThan(1000);

      const other = new FaceSwapSession(new ManualClock());
      const { frames } = collect(other);
      try {
        other.configure(small({ seed: 8, latentSize: 8 }), { judges });
        const file = decodeFaceSwapCheckpoint(bytes);
        const loaded = other.loadModel(file, file.settings, { judges });
        expect(loaded.steps).toBe(4);
        expect(other.currentTrainer!.settings).toMatchObject({ seed: 3, latentSize: 16 });
        expect(frames.at(-1)!.steps).toBe(4);
        const after = other.currentTrainer!.swap('a', face);
        // float16 storage: equal to about three decimal places.
        const worst = after.reduce((m, v, i) => Math.max(m, Math.abs(v - before[i])), 0);
        expect(worst).toBeLessThan(0.01);
        expect(loaded.scores.ab.calledTarget).toBeGreaterThanOrEqual(0);

        const trainer = other.currentTrainer;
        expect(() => decodeFaceSwapCheckpoint(new TextEncoder().encode('{"not": "a model"}'))).toThrow();
        expect(() => decodeFaceSwapCheckpoint(bytes.slice(0, bytes.length / 2))).toThrow();
        expect(other.currentTrainer).toBe(trainer);
      } finally {
        other.dispose();
      }
    } finally {
      session.dispose();
      judges.dispose();
    }
  });
});
