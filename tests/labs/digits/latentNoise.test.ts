import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as tf from '../../../src/core/shared/tf';
import { DigitGanTrainer } from '../../../src/core/digits/digitGanTrainer';
import { DEFAULT_DIGIT_SETTINGS, cloneDigitSettings, defaultDigitNetwork } from '../../../src/core/mnist/digitGanSettings';
import { SeededRandom } from '../../../src/core/shared/seededRandom';
import { seededNoise, sliderValues } from '../../../src/labs/digits/latentNoise';

let trainer: DigitGanTrainer;

beforeAll(async () => {
  expect(await tf.setBackend('cpu')).toBe(true);
  const settings = { ...cloneDigitSettings(DEFAULT_DIGIT_SETTINGS), latentSize: 12, generator: defaultDigitNetwork({ width: 4 }), discriminator: defaultDigitNetwork({ width: 4 }) };
  trainer = new DigitGanTrainer(settings);
});

afterAll(() => trainer?.dispose());

describe('the latent sliders\' noise', () => {
  it('is the very vector the trainer draws for the same seed', () => {
    for (const seed of [0, 1, 2, 917]) {
      expect(Array.from(seededNoise(seed, 12))).toEqual(Array.from(trainer.sampleNoise(1, new SeededRandom(seed))));
    }
  });

  it('shows the seed\'s own numbers until a slider is moved for that seed', () => {
    const base = seededNoise(5, 12);
    expect(sliderValues(base, 4, null, 5)).toEqual(Array.from(base.slice(0, 4)));
    expect(sliderValues(base, 4, { seed: 5, values: [1, 2, 3, 0.5] }, 5)).toEqual([1, 2, 3, 0.5]);
    // Edits made for another seed do not carry over to a new noise A.
    expect(sliderValues(base, 4, { seed: 6, values: [1, 2, 3, 0.5] }, 5)).toEqual(Array.from(base.slice(0, 4)));
    expect(sliderValues(seededNoise(5, 2), 4, null, 5)).toHaveLength(2);
    // Edits made with fewer noise numbers (a smaller latent size) do not cover every slider.
    expect(sliderValues(base, 4, { seed: 5, values: [1, 2] }, 5)).toEqual(Array.from(base.slice(0, 4)));
  });
});
