/**
 * The presets whose story is the generator's gradient: vanishing gradients
 * against the non-saturating loss. Run as a learner loads them (own seed, step
 * budget); see ganPresets.test.ts and ganPresetCritic.test.ts for the others
 * (three files, so they share the two cores).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { PresetRuns, distanceLeft, late, mean, modesCovered } from './presetRun';
import { switchToAppBackend } from '../shared/appBackend';

const PRESET_TIMEOUT = 600_000;
const runs = new PresetRuns();

beforeAll(async () => {
  expect(await switchToAppBackend()).toBe('wasm');
});

describe('vanishing gradients and its fix, the non-saturating loss', () => {
  it('vanishing gradients: D rejects the fakes with near certainty and they never reach the data', () => {
    const r = runs.get('vanishing-gradients');
    expect(mean(late(r).map((row) => row.dFake))).toBeLessThan(0.05);
    expect(distanceLeft(r)).toBeGreaterThan(0.6);
    expect(modesCovered(r)).toBeLessThanOrEqual(1);
  }, PRESET_TIMEOUT);

  it('non-saturating: with only the loss changed, the gradient stays strong and the fakes reach the modes', () => {
    const stuck = runs.get('vanishing-gradients');
    const fixed = runs.get('non-saturating');
    expect({ ...fixed.settings, loss: 'minimax' }).toEqual(stuck.settings);
    expect(mean(late(fixed).map((row) => row.gradNormG))).toBeGreaterThan(10 * mean(late(stuck).map((row) => row.gradNormG)));
    expect(distanceLeft(fixed)).toBeLessThan(0.25);
    expect(modesCovered(fixed)).toBeGreaterThanOrEqual(5);
  }, PRESET_TIMEOUT);
});
