/**
 * The presets whose stories are about the generator's gradient: vanishing
 * gradients against the non-saturating loss, and an overpowering
 * discriminator against WGAN-GP. Run as a learner loads them (own seed, step
 * budget); see ganPresets.test.ts for the others.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { PresetRuns, distanceLeft, late, mean, modesCovered, swing, useWasmBackend } from './presetRun';

const PRESET_TIMEOUT = 600_000;
const runs = new PresetRuns();

beforeAll(async () => {
  expect(await useWasmBackend()).toBe('wasm');
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
