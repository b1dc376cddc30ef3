/**
 * Each preset must really do what its narrative says. Every preset is run
 * exactly as a learner gets it (its own seed, its step budget) on the wasm
 * backend, and the claims of its story are checked on what happened: modes
 * covered, how far the fakes got, how much they keep swinging, the verdicts.
 * The gradient stories are in ganPresetGradients.test.ts (a second file, so
 * the two run in parallel). Other seeds are reported by `npm run bench`.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { GAN_PRESETS, findPreset } from '../../../src/core/adversarial/ganPresets';
import { PresetRuns, distanceLeft, late, mean, modesCovered, runSettings, stdDev, swing, type RunResult } from './presetRun';
import { switchToAppBackend } from '../shared/appBackend';

const PRESET_TIMEOUT = 600_000;
const runs = new PresetRuns();

beforeAll(async () => {
  expect(await switchToAppBackend()).toBe('wasm');
});

describe('the preset catalogue', () => {
  it('has the healthy run, every failure the lab promises, and a fix that points back at each failure', () => {
    const ids = GAN_PRESETS.map((p) => p.id);
    for (const id of ['healthy-ring', 'mode-collapse', 'vanishing-gradients', 'oscillation', 'discriminator-overpowers', 'non-saturating', 'wgan-gp', 'packing']) {
      expect(ids).toContain(id);
    }
    for (const failure of GAN_PRESETS.filter((p) => p.role === 'failure')) {
      expect(failure.fixedBy.length, failure.id).toBeGreaterThan(0);
      for (const fix of failure.fixedBy) expect(findPreset(fix)?.fixes, `${fix} fixes ${failure.id}`).toBe(failure.id);
    }
  });
});

describe('healthy ring', () => {
  it('covers all 8 modes of the benchmark ring', () => {
    const r = runs.get('healthy-ring');
    expect(r.settings).toMatchObject({ dataset: 'ring', modes: 8, sigma: 0.01 });
    expect(modesCovered(r)).toBe(8);
    expect(distanceLeft(r)).toBeLessThan(0.15);
  }, PRESET_TIMEOUT);

  it('its falling learning rates settle the fakes onto the clusters: off, fewer land on one', () => {
    const r = runs.get('healthy-ring');
    expect(r.settings.learningRateDecay).toBe(r.steps);
    const steady = runSettings({ ...r.settings, learningRateDecay: 0 }, r.steps);
    // Seed 1 measured 91% within 3σ of a cluster with the decay, 78% without (seeds 1–5 in the
    // bench: 78–92% against 57–80%, and every cluster on every seed against three seeds losing one).
    expect(r.end.coverage!.highQualityFraction).toBeGreaterThan(0.85);
    expect(r.end.coverage!.highQualityFraction).toBeGreaterThan(steady.end.coverage!.highQualityFraction + 0.08);
  }, PRESET_TIMEOUT);
});

describe('mode collapse and its fix, packing', () => {
  it('mode collapse: sharp fakes on only a few of the 8 modes', () => {
    const r = runs.get('mode-collapse');
    expect(modesCovered(r)).toBeLessThanOrEqual(3);
    // Collapse, not a failure to learn: the fakes there are sit on the data.
    expect(r.end.coverage!.highQualityFraction).toBeGreaterThan(0.3);
  }, PRESET_TIMEOUT);

  it('packing: the same set-up judged in packs spreads over most of the modes', () => {
    const collapsed = runs.get('mode-collapse');
    const packed = runs.get('packing');
    expect({ ...packed.settings, packing: 1 }).toEqual(collapsed.settings);
    expect(packed.settings.packing).toBeGreaterThan(1);
    expect(modesCovered(packed)).toBeGreaterThanOrEqual(6);
    expect(modesCovered(packed)).toBeGreaterThanOrEqual(modesCovered(collapsed) + 3);
  }, PRESET_TIMEOUT);
});

describe('oscillation and its fix, gentle steps', () => {
  const verdictGap = (r: RunResult) => mean(late(r).map((row) => Math.abs(row.dReal - row.dFake)));

  it('oscillation: the fakes keep sweeping about and the verdicts never settle', () => {
    const r = runs.get('oscillation');
    expect(swing(r)).toBeGreaterThan(0.4);
    expect(stdDev(late(r).map((row) => row.dFake))).toBeGreaterThan(0.05);
    expect(verdictGap(r)).toBeGreaterThan(0.15);
    // Swinging, not diverging: the fakes stay near the data.
    expect(r.end.meanDistance).toBeLessThan(2);
  }, PRESET_TIMEOUT);

  it('gentle steps: the same game settles, and D can no longer tell real from fake', () => {
    const swinging = runs.get('oscillation');
    const calm = runs.get('gentle-steps');
    expect(calm.settings.dataset).toBe(swinging.settings.dataset);
    expect({ ...calm.settings, generator: swinging.settings.generator, discriminator: swinging.settings.discriminator }).toEqual(swinging.settings);
    expect(swing(calm)).toBeLessThan(swing(swinging) / 3);
    expect(verdictGap(calm)).toBeLessThan(0.05);
    expect(modesCovered(calm)).toBe(2);
  }, PRESET_TIMEOUT);
});
