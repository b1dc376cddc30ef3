/**
 * An overpowering discriminator, whose verdict becomes a cliff the generator
 * cannot follow, against its fix, a WGAN-GP critic. Run as a learner loads them
 * (own seed, step budget); see ganPresets.test.ts and ganPresetGradients.test.ts
 * for the others.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { PresetRuns, late, mean, modesCovered, swing } from './presetRun';
import { switchToAppBackend } from '../shared/appBackend';

const PRESET_TIMEOUT = 600_000;
const runs = new PresetRuns();

beforeAll(async () => {
  expect(await switchToAppBackend()).toBe('wasm');
});

describe('an overpowering discriminator and its fix, WGAN-GP', () => {
  it('discriminator overpowers: D is certain all run long and the fakes are thrown about, never settling', () => {
    const r = runs.get('discriminator-overpowers');
    expect(mean(late(r).map((row) => row.dReal))).toBeGreaterThan(0.9);
    expect(mean(late(r).map((row) => row.dFake))).toBeLessThan(0.05);
    expect(swing(r)).toBeGreaterThan(0.4);
    expect(modesCovered(r)).toBeLessThanOrEqual(1);
  }, PRESET_TIMEOUT);

  it('WGAN-GP: with only the loss changed, the fakes gather on the ring and the Wasserstein estimate falls', () => {
    const thrown = runs.get('discriminator-overpowers');
    const fixed = runs.get('wgan-gp');
    expect({ ...fixed.settings, loss: 'nonSaturating' }).toEqual(thrown.settings);
    expect(fixed.end.meanDistance).toBeLessThan(thrown.end.meanDistance / 2);
    expect(swing(fixed)).toBeLessThan(swing(thrown) / 4);
    expect(modesCovered(fixed)).toBeGreaterThanOrEqual(modesCovered(thrown) + 3);
    // The critic's score gap D(real) − D(fake) estimates the Wasserstein distance.
    const estimate = fixed.trace.map((row) => row.dReal - row.dFake);
    expect(mean(late(fixed).map((row) => row.dReal - row.dFake))).toBeLessThan(0.5 * Math.max(...estimate));
  }, PRESET_TIMEOUT);
});
