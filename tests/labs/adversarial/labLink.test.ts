import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS, cloneSettings } from '../../../src/core/pointGan/ganSettings';
import { findPreset } from '../../../src/core/adversarial/ganPresets';
import { DEFAULT_LAYERS } from '../../../src/core/adversarial/settingsUrl';
import { parseHashRoute } from '../../../src/labs/shared/hashRoute';
import { LAB_PATH, labHash, readLabLink } from '../../../src/labs/adversarial/labLink';

describe('readLabLink', () => {
  it('reads settings from a shared link without notices', () => {
    const state = readLabLink('dataset=grid&modes=25&sigma=0.05&seed=7&gHidden=32,32');
    expect(state.settings.dataset).toBe('grid');
    expect(state.settings.modes).toBe(25);
    expect(state.settings.sigma).toBe(0.05);
    expect(state.settings.seed).toBe(7);
    expect(state.settings.generator.hidden).toEqual([32, 32]);
    expect(state.notices).toEqual([]);
  });

  it('names a bad parameter in a notice', () => {
    const state = readLabLink('gLr=abc');
    expect(state.notices.some((n) => n.includes('gLr'))).toBe(true);
    expect(state.settings.generator.learningRate).toBe(DEFAULT_SETTINGS.generator.learningRate);
  });

  it("takes a preset's settings from a link that names only the preset", () => {
    const preset = findPreset('mode-collapse');
    expect(preset).toBeDefined();
    const state = readLabLink('preset=mode-collapse');
    expect(state.presetId).toBe('mode-collapse');
    expect(state.settings).toEqual(preset!.settings);
  });

  it('keeps the settings written in a link even when it also names a preset', () => {
    const state = readLabLink('preset=mode-collapse&seed=42');
    expect(state.presetId).toBe('mode-collapse');
    expect(state.settings.seed).toBe(42);
    expect(state.settings.generator.learningRate).toBe(DEFAULT_SETTINGS.generator.learningRate);
  });

  it('falls back to the default dataset, with a notice, when a link asks for your own points', () => {
    const state = readLabLink('dataset=custom&seed=3');
    expect(state.settings.dataset).toBe(DEFAULT_SETTINGS.dataset);
    expect(state.settings.seed).toBe(3);
    expect(state.notices.some((n) => n.includes('dataset=custom'))).toBe(true);
  });
});

describe('labHash', () => {
  it('round-trips settings, layers and preset through the address', () => {
    const settings = cloneSettings(DEFAULT_SETTINGS);
    settings.seed = 99;
    settings.discriminator.hidden = [16, 8];
    const layers = { ...DEFAULT_LAYERS, arrows: false };
    const route = parseHashRoute(labHash(settings, layers, 'packing'));
    expect(route.path).toBe(LAB_PATH);
    const back = readLabLink(route.query);
    expect(back.settings).toEqual(settings);
    expect(back.layers).toEqual(layers);
    expect(back.presetId).toBe('packing');
    expect(back.notices).toEqual([]);
  });
});
