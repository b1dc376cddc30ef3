import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import * as tf from '../../../src/core/shared/tf';
import '@tensorflow/tfjs-backend-wasm';
import { switchToAppBackend } from '../../core/shared/appBackend';
import { splitDigits } from '../../../src/core/mnist/digitDataset';
import { DEFAULT_DIGIT_SETTINGS, cloneDigitSettings, defaultDigitNetwork, type DigitGanSettings } from '../../../src/core/mnist/digitGanSettings';
import { DigitGanTrainer } from '../../../src/core/digits/digitGanTrainer';
import { captureWeights, encodeDigitCheckpoint, decodeDigitCheckpoint, quantisePixels, type DigitCheckpoint } from '../../../src/core/mnist/digitCheckpoint';
import { SeededRandom } from '../../../src/core/shared/seededRandom';
import { PRETRAINED_DIGIT_GANS, pretrainedSettings } from '../../../src/core/mnist/pretrainedDigitGans';
import { GRID_COUNT, toUnitRange } from '../../../src/worker/digits/digitAdapter';
import { DigitLab } from '../../../src/worker/digits/digitLab';
import { PretrainedCheckpoints } from '../../../src/worker/shared/pretrainedCheckpoints';
import type { DigitFrame } from '../../../src/protocol/digits/digitProtocol';
import { loadMnistDigits } from '../../../models/tools/mnistSource';
import { collect } from '../shared/sessionTestKit';

const { train } = splitDigits(loadMnistDigits());

// In a hook, not at import: files share a worker (isolate: false) and are all imported before any runs.
beforeAll(async () => {
  expect(await switchToAppBackend()).toBe('wasm');
});

const small = (overrides: Partial<DigitGanSettings> = {}): DigitGanSettings => ({
  ...cloneDigitSettings(DEFAULT_DIGIT_SETTINGS),
  architecture: 'dcgan',
  upsampling: 'resize',
  conditional: true,
  latentSize: 16,
  batchSize: 8,
  seed: 42,
  generator: defaultDigitNetwork({ width: 4 }),
  discriminator: defaultDigitNetwork({ width: 4 }),
  ...overrides,
});

/** A real (if tiny) checkpoint: a trainer with random weights, as if trained for `steps`, with a two-snapshot timeline. */
function makeCheckpoint(s: DigitGanSettings, steps = 30): { checkpoint: DigitCheckpoint; grid: Float32Array } {
  const trainer = new DigitGanTrainer(s);
  const labels = s.conditional ? trainer.fixedLabels(GRID_COUNT) : null;
  const grid = trainer.generate(trainer.fixedNoise(GRID_COUNT), labels ?? undefined);
  const checkpoint: DigitCheckpoint = {
    settings: s,
    weights: captureWeights(trainer),
    timeline: {
      gridCount: GRID_COUNT,
      labels,
      snapshots: [
        { step: 0, pixels: new Uint8Array(GRID_COUNT * 784), verdicts: new Float32Array(GRID_COUNT).fill(0.5), quality: null },
        { step: steps, pixels: quantisePixels(grid), verdicts: new Float32Array(GRID_COUNT).fill(0.25), quality: { inceptionScore: 3, frechetDistance: 90 } },
      ],
    },
    figures: { inceptionScore: 3, frechetDistance: 90, steps, seconds: 1.5, samples: 500, realBaseline: { inceptionScore: 9.7, frechetDistance: 7.7 } },
    description: 'tiny',
    training: {},
  };
  trainer.dispose();
  return { checkpoint: decodeDigitCheckpoint(encodeDigitCheckpoint(checkpoint)), grid };
}

/** A lab whose pretrained models are the given checkpoints, by id. */
function labWith(checkpoints: Record<string, DigitCheckpoint>): DigitLab {
  return new DigitLab({ train, scorer: null, pretrained: async (id) => checkpoints[id] ?? Promise.reject(new Error(`no "${id}"`)) });
}

const pretrained = (id: string) => ({ kind: 'pretrained', id }) as const;

let lab: DigitLab;
afterEach(() => lab?.session.dispose());

describe('the digit forger started from a pretrained checkpoint', () => {
  it("starts from the checkpoint's weights and step count, and its live grid continues the timeline", async () => {
    const s = small();
    const { checkpoint, grid } = makeCheckpoint(s);
    lab = labWith({ tiny: checkpoint });
    const { frames, statuses } = collect<DigitFrame>(lab.session);
    // Another seed for training: the grid still uses the checkpoint's noise, so it matches the timeline.
    const accepted = await lab.session.configure({ ...s, seed: 7 }, pretrained('tiny'));
    expect(accepted.settings).toEqual({ ...s, seed: 7 });
    const start = accepted.start!;
    expect(statuses.at(-1)).toEqual({ kind: 'paused' });
    const frame = frames.at(-1)!;
    expect(frame.steps).toBe(30);
    expect(frame.grid.length).toBe(GRID_COUNT * 784);
    // Same weights, same noise: the live grid is the checkpoint's last snapshot (to within its 256 grey levels).
    const expected = toUnitRange(grid);
    for (let i = 0; i < expected.length; i += 97) expect(Math.abs(frame.grid[i] - expected[i])).toBeLessThan(1e-5);
    expect(frame.gridLabels).toEqual(checkpoint.timeline.labels);

    expect(start.id).toBe('tiny');
    expect(start.steps).toBe(30);
    expect(start.quality).toEqual({ inceptionScore: 3, frechetDistance: 90 });
    expect(start.realBaseline).toEqual({ inceptionScore: 9.7, frechetDistance: 7.7 });
    expect(start.timeline.map((t) => t.step)).toEqual([0, 30]);
    const last = start.timeline[1];
    expect(last.gridCount).toBe(GRID_COUNT);
    expect([last.inceptionScore, last.frechetDistance]).toEqual([3, 90]);
    expect(start.timeline[0].inceptionScore).toBeNull();
    for (let i = 0; i < expected.length; i += 97) expect(Math.abs(last.grid[i] - expected[i])).toBeLessThanOrEqual(0.5 / 255 + 1e-6);
    expect(last.verdicts.every((v) => v === 0.25)).toBe(true);
    expect(last.labels).toEqual(checkpoint.timeline.labels);
  });

  it('keeps training from there without leaking tensors', async () => {
    const { checkpoint } = makeCheckpoint(small());
    lab = labWith({ tiny: checkpoint });
    const { frames } = collect<DigitFrame>(lab.session);
    const before = tf.memory().numTensors;
    await lab.session.configure(small({ batchSize: 4 }), pretrained('tiny'));
    lab.session.step();
    expect(frames.at(-1)!.steps).toBe(31);
    const afterOne = tf.memory().numTensors;
    for (let i = 0; i < 10; i++) lab.session.step();
    expect(tf.memory().numTensors).toBe(afterOne);
    expect(frames.at(-1)!.steps).toBe(41);
    lab.session.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });

  it('refuses a checkpoint that does not fit the chosen settings, with the reason, and keeps the running model and its settings', async () => {
    const { checkpoint } = makeCheckpoint(small());
    lab = labWith({ tiny: checkpoint });
    const { frames, statuses } = collect<DigitFrame>(lab.session);
    const running = small({ architecture: 'mlp', generator: defaultDigitNetwork({ width: 8 }), discriminator: defaultDigitNetwork({ width: 8 }) });
    await lab.session.configure(running, { kind: 'scratch' });
    lab.session.step();
    const model = lab.session.model;
    const frameCount = frames.length;
    const statusCount = statuses.length;
    const tensors = tf.memory().numTensors;
    await expect(lab.session.configure(small({ latentSize: 32 }), pretrained('tiny'))).rejects.toThrow(
      'This pretrained model cannot be loaded: it holds a conditional DCGAN (resize upsampling), latent 16, widths G 4 / D 4, but the chosen settings ask for latentSize 32 instead of 16.',
    );
    await expect(lab.session.configure(small({ conditional: false }), pretrained('tiny'))).rejects.toThrow(/conditional false instead of true/);
    expect(lab.session.model).toBe(model);
    expect(lab.session.settings).toEqual(running);
    expect(model?.trainer.steps).toBe(1);
    expect(frames.length).toBe(frameCount);
    expect(statuses.length).toBe(statusCount);
    expect(tf.memory().numTensors).toBe(tensors);
    lab.session.step();
    expect(frames.at(-1)!.steps).toBe(2);
  });

  it('draws a fresh grid of classes when the chosen classes leave out some of the timeline’s', async () => {
    const { checkpoint } = makeCheckpoint(small());
    lab = labWith({ tiny: checkpoint });
    const { frames } = collect<DigitFrame>(lab.session);
    await lab.session.configure(small({ classes: [3, 7] }), pretrained('tiny'));
    expect([...new Set(frames.at(-1)!.gridLabels)].sort()).toEqual([3, 7]);
  });
});

describe('the shipped pretrained models in a session', () => {
  // As the worker does, with the app's files read from disk instead of fetched.
  const urls = Object.fromEntries(PRETRAINED_DIGIT_GANS.map((m) => [m.id, resolve(import.meta.dirname, '../../../models', m.file)]));
  const store = new PretrainedCheckpoints(urls, async (path) => new Uint8Array(readFileSync(path)));

  for (const model of PRETRAINED_DIGIT_GANS) {
    it(`${model.id}: loads with its catalogue settings, shows its timeline, continues it live, and trains on`, async () => {
      lab = new DigitLab({ train, scorer: null, pretrained: (id) => store.get(id) });
      const { frames } = collect<DigitFrame>(lab.session);
      const before = tf.memory().numTensors;
      const start = (await lab.session.configure(pretrainedSettings(model.id), pretrained(model.id))).start!;
      expect(start.timeline[0].step).toBe(0);
      expect(start.timeline.at(-1)!.step).toBe(start.steps);
      expect(start.quality.inceptionScore).toBeGreaterThan(5);
      const live = frames.at(-1)!;
      expect(live.steps).toBe(start.steps);
      // The live grid is the timeline's last picture (within a grey level or so: 256 levels, float16 weights).
      const last = start.timeline.at(-1)!.grid;
      let worst = 0;
      for (let i = 0; i < last.length; i++) worst = Math.max(worst, Math.abs(live.grid[i] - last[i]));
      expect(worst).toBeLessThan(1.5 / 255);
      expect(live.gridLabels).toEqual(start.timeline.at(-1)!.labels);
      lab.session.step();
      expect(frames.at(-1)!.steps).toBe(start.steps + 1);
      lab.session.dispose();
      expect(tf.memory().numTensors).toBe(before);
    });
  }
});

describe('PretrainedCheckpoints', () => {
  const { checkpoint } = makeCheckpoint(small({ conditional: false }));
  const bytes = encodeDigitCheckpoint(checkpoint);

  it('fetches each model once and hands back the checked checkpoint', async () => {
    const fetched: string[] = [];
    const store = new PretrainedCheckpoints({ dcgan: 'models/a.weights' }, async (url) => (fetched.push(url), bytes));
    const [a, b] = await Promise.all([store.get('dcgan'), store.get('dcgan')]);
    expect(a).toBe(b);
    expect(a.settings).toEqual(checkpoint.settings);
    expect(fetched).toEqual(['models/a.weights']);
  });

  it('refuses an unknown id, a server error and a damaged file with the reason, and retries after a failure', async () => {
    const damaged = bytes.slice();
    damaged[damaged.length - 10] ^= 0xff;
    let answer: Uint8Array | Error = damaged;
    const store = new PretrainedCheckpoints({ dcgan: 'a', mlp: 'b' }, async (_url, what) => {
      if (answer instanceof Error) throw new Error(`Could not load ${what}: ${answer.message}`);
      return answer;
    });
    await expect(store.get('toString')).rejects.toThrow('There is no pretrained model called "toString"; the app ships "dcgan", "dcgan-transposed", "dcgan-conditional", "mlp".');
    await expect(store.get('dcgan')).rejects.toThrow(/checksum does not match/);
    answer = new Error('the app’s server answered 404');
    await expect(store.get('dcgan')).rejects.toThrow('Could not load the pretrained model "dcgan": the app’s server answered 404');
    answer = bytes;
    await expect(store.get('dcgan')).resolves.toMatchObject({ figures: { steps: 30 } });
  });
});

// Keeps the seed helper honest: the session's grid noise for a checkpoint is the trainer's fixedNoise for that seed.
it('uses the fixed-noise recipe of DigitGanTrainer.fixedNoise', () => {
  const t = new DigitGanTrainer(small());
  expect(t.sampleNoise(GRID_COUNT, new SeededRandom(42).fork(1000))).toEqual(t.fixedNoise(GRID_COUNT));
  t.dispose();
});
