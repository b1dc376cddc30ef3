import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as tf from '../../../src/core/shared/tf';
import {
  CHECKPOINT_FORMAT, CHECKPOINT_VERSION, CheckpointError, expectedWeightLengths, parseCheckpoint, serializeCheckpoint, summariseProblems,
  type CheckpointData,
} from '../../../src/core/adversarial/adversarialCheckpoint';
import { GanTrainer } from '../../../src/core/pointGan/ganTrainer';
import { DEFAULT_SETTINGS, cloneSettings, defaultNetwork, type GanSettings } from '../../../src/core/pointGan/ganSettings';
import { SeededRandom } from '../../../src/core/shared/seededRandom';

const settings: GanSettings = {
  ...cloneSettings(DEFAULT_SETTINGS),
  noiseDim: 3,
  packing: 2,
  batchSize: 16,
  generator: defaultNetwork({ hidden: [5, 4] }),
  discriminator: defaultNetwork({ hidden: [6] }),
};

let trainer: GanTrainer;
let data: CheckpointData;

beforeAll(async () => {
  await tf.setBackend('cpu');
  expect(tf.getBackend()).toBe('cpu');
  trainer = new GanTrainer(settings);
  for (let i = 0; i < 3; i++) trainer.trainEpoch();
  data = { settings, weights: trainer.captureWeights(), customPoints: null };
});
afterAll(() => trainer.dispose());

/** The checkpoint as JSON, edited by `change`, as text again. */
function edited(change: (json: Record<string, any>) => void): string {
  const json = JSON.parse(serializeCheckpoint(data));
  change(json);
  return JSON.stringify(json);
}

function refusal(text: string): string {
  try {
    parseCheckpoint(text);
  } catch (error) {
    expect(error).toBeInstanceOf(CheckpointError);
    return (error as Error).message;
  }
  throw new Error('expected a CheckpointError');
}

describe('expectedWeightLengths', () => {
  it('follows the layer sizes: generator [noiseDim, …hidden, 2], discriminator [2·packing, …hidden, 1]', () => {
    expect(expectedWeightLengths(settings)).toEqual({
      generator: [3 * 5, 5, 5 * 4, 4, 4 * 2, 2],
      discriminator: [4 * 6, 6, 6 * 1, 1],
    });
    expect(expectedWeightLengths({ ...settings, generator: defaultNetwork({ hidden: [] }) }).generator).toEqual([3 * 2, 2]);
  });

  it('matches what GanTrainer actually holds', () => {
    const lengths = expectedWeightLengths(settings);
    expect(data.weights.generator.map((w) => w.length)).toEqual(lengths.generator);
    expect(data.weights.discriminator.map((w) => w.length)).toEqual(lengths.discriminator);
  });
});

describe('checkpoint round trip', () => {
  it('gives back the settings, weights, step counts and custom points exactly', () => {
    const custom = new SeededRandom(1).fillNormal(new Float32Array(10));
    const customSettings = { ...cloneSettings(settings), dataset: 'custom' as const };
    const back = parseCheckpoint(serializeCheckpoint({ settings: customSettings, weights: data.weights, customPoints: custom }));
    expect(back.settings).toEqual(customSettings);
    expect(back.weights).toEqual(data.weights);
    expect(back.weights.steps).toBe(3);
    expect(back.weights.discriminatorSteps).toBe(3);
    expect(back.customPoints).toEqual(custom);
  });

  it('is tagged with the format and version', () => {
    const json = JSON.parse(serializeCheckpoint(data));
    expect(json.format).toBe(CHECKPOINT_FORMAT);
    expect(json.version).toBe(CHECKPOINT_VERSION);
  });

  it('loads into a fresh trainer that then generates exactly the same points', () => {
    const back = parseCheckpoint(serializeCheckpoint(data));
    const fresh = new GanTrainer(back.settings);
    fresh.restoreWeights(back.weights);
    const noise = trainer.sampleNoise(20, new SeededRandom(5));
    expect(Array.from(fresh.generate(noise))).toEqual(Array.from(trainer.generate(noise)));
    fresh.dispose();
  });

  it('drops unknown settings fields instead of carrying them along', () => {
    const back = parseCheckpoint(edited((j) => { j.settings.colour = 'red'; }));
    expect(Object.keys(back.settings)).toEqual(Object.keys(settings));
  });
});

describe('parseCheckpoint refuses, with a reason', () => {
  it('text that is not JSON', () => {
    expect(refusal('{ not json')).toMatch(/not valid JSON/);
  });

  it('a wrong format tag or version', () => {
    expect(refusal('[1, 2]')).toMatch(/format tag should be "deepfake-lab\/adversarial-checkpoint"/);
    expect(refusal(edited((j) => { j.format = 'something-else'; }))).toMatch(/not a trained-model file of the adversarial lab.*"Save this model"/);
    expect(refusal(edited((j) => { j.version = 2; }))).toMatch(/format version 2, but this app reads version 1/);
  });

  it('invalid settings, listing each problem', () => {
    const message = refusal(edited((j) => { j.settings.modes = 100; j.settings.generator.learningRate = 'fast'; }));
    expect(message).toMatch(/settings are not valid/);
    expect(message).toMatch(/modes must be between 2 and 49/);
    expect(message).toMatch(/generator\.learningRate must be a number/);
    expect(refusal(edited((j) => { delete j.settings; }))).toMatch(/no settings section/);
  });

  it('empty settings, summarising the first few problems and counting the rest', () => {
    const message = refusal(edited((j) => { j.settings = {}; }));
    expect(message).toMatch(/^The file's settings are not valid: dataset must be one of [^;]+; modes must be a number; sigma must be a number; and \d+ more\.$/);
    expect(message.split(';')).toHaveLength(4);
  });

  it('text that is not JSON, pointing at the button that saves a usable file', () => {
    expect(refusal('{ not json')).toMatch(/Choose a file saved with "Save this model"\./);
  });

  it('the wrong number of weight arrays', () => {
    expect(refusal(edited((j) => { j.weights.generator.pop(); }))).toMatch(/generator should have 6 weight arrays .* but the file has 5/);
    expect(refusal(edited((j) => { delete j.weights.discriminator; }))).toMatch(/no discriminator weights/);
  });

  it('weights of the wrong length for the settings', () => {
    expect(refusal(edited((j) => { j.weights.discriminator[0].push(0.5); }))).toMatch(/discriminator's weight array 0 has 25 values, but its settings need 24/);
    // Weights saved for another architecture do not fit these settings.
    expect(refusal(edited((j) => { j.settings.noiseDim = 2; }))).toMatch(/generator's weight array 0 has 15 values, but its settings need 10/);
  });

  it('non-finite weights', () => {
    expect(refusal(edited((j) => { j.weights.generator[2][7] = null; }))).toMatch(/generator's weight array 2 holds a value that is not a finite number \(at position 7\)/);
    expect(refusal(serializeCheckpoint(data).replace(/("discriminator":\[\[)[^,\]]+/, '$11e999'))).toMatch(/discriminator's weight array 0 holds a value that is not a finite number \(at position 0\)/);
  });

  it('bad step counts', () => {
    expect(refusal(edited((j) => { j.weights.generatorSteps = -1; }))).toMatch(/generatorSteps must be a whole number/);
  });

  it('a custom dataset without its points, or with broken points', () => {
    expect(refusal(edited((j) => { j.settings.dataset = 'custom'; }))).toMatch(/custom dataset but does not include its points/);
    expect(refusal(edited((j) => { j.settings.dataset = 'custom'; j.customPoints = [1, 2, 3]; }))).toMatch(/list of x, y pairs/);
    expect(refusal(edited((j) => { j.settings.dataset = 'custom'; j.customPoints = [1, 2, 3, 'x']; }))).toMatch(/Custom point 2 is not a pair of finite numbers/);
  });
});

describe('summariseProblems', () => {
  it('lists a few problems in full and counts the rest', () => {
    expect(summariseProblems(['a'])).toBe('a');
    expect(summariseProblems(['a', 'b', 'c', 'd'])).toBe('a; b; c; d');
    expect(summariseProblems(['a', 'b', 'c', 'd', 'e'])).toBe('a; b; c; and 2 more');
    expect(summariseProblems(Array.from({ length: 14 }, (_, i) => `p${i}`), 2)).toBe('p0; p1; and 12 more');
  });
});

describe('serializeCheckpoint', () => {
  it('refuses diverged (non-finite) weights rather than writing nulls', () => {
    const broken = { ...data.weights, generator: data.weights.generator.map((w, i) => (i === 1 ? w.map(() => NaN) : w)) };
    expect(() => serializeCheckpoint({ ...data, weights: broken })).toThrow(CheckpointError);
    expect(() => serializeCheckpoint({ ...data, weights: broken })).toThrow(/generator's weights contain values that are not finite numbers \(array 1\)/);
  });
});
