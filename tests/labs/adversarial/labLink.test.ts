import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS, cloneSettings } from '../../../src/core/pointGan/ganSettings';
import { findPreset } from '../../../src/core/adversarial/ganPresets';
import { DEFAULT_LAYERS, encodeSettingsQuery } from '../../../src/core/adversarial/settingsUrl';
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

describe("the generator's average in a link", () => {
  it('round-trips the decay and the averaged layer, shown or hidden', () => {
    for (const averaged of [true, false]) {
      const settings = { ...cloneSettings(DEFAULT_SETTINGS), generatorAverage: 0.99 };
      const layers = { ...DEFAULT_LAYERS, averaged };
      const route = parseHashRoute(labHash(settings, layers, null));
      expect(route.query).toContain('gAvg=0.99');
      const back = readLabLink(route.query);
      expect(back.settings).toEqual(settings);
      expect(back.layers).toEqual(layers);
      expect(back.notices).toEqual([]);
    }
  });

  it('leaves links without it unchanged: off is not written, and an old link reads as off with the layer at its default', () => {
    const query = encodeSettingsQuery(DEFAULT_SETTINGS, DEFAULT_LAYERS);
    expect(query).not.toContain('gAvg');
    expect(query).toBe(
      'dataset=ring&modes=8&sigma=0.01&seed=1&noiseDim=2&noise=gaussian&loss=nonSaturating&gp=0.1&realLabel=1&pack=1&dSteps=1&batch=256&' +
        'gHidden=64,64&gAct=relu&gOpt=adam&gLr=0.002&gMom=0.9&gB1=0.5&gB2=0.999&dHidden=64,64&dAct=relu&dOpt=adam&dLr=0.002&dMom=0.9&dB1=0.5&dB2=0.999&' +
        'layers=real,fake,heatmap,arrows,manifold',
    );
    const back = readLabLink('seed=3&layers=real,fake');
    expect(back.settings.generatorAverage).toBeUndefined();
    expect(back.layers).toEqual({ ...DEFAULT_LAYERS, heatmap: false, arrows: false, manifold: false });
    // Turning it off removes the setting, so the settings equal the defaults again.
    expect(readLabLink('gAvg=0').settings).toEqual(DEFAULT_SETTINGS);
  });

  it('refuses a decay outside its limits, naming it, and keeps the average off', () => {
    const state = readLabLink('gAvg=1');
    expect(state.settings.generatorAverage).toBeUndefined();
    expect(state.notices).toHaveLength(1);
    expect(state.notices[0]).toMatch(/^"gAvg=1" .*0\.9999/);
  });
});

describe('the learning-rate decay in a link', () => {
  it('round-trips it, leaves it out when off (old links read as off), and refuses a bad value by name', () => {
    const settings = { ...cloneSettings(DEFAULT_SETTINGS), learningRateDecay: 4000 };
    const route = parseHashRoute(labHash(settings, DEFAULT_LAYERS, null));
    expect(route.query).toContain('lrDecay=4000');
    expect(readLabLink(route.query)).toMatchObject({ settings, notices: [] });
    expect(encodeSettingsQuery(DEFAULT_SETTINGS, DEFAULT_LAYERS)).not.toContain('lrDecay');
    expect(readLabLink('lrDecay=0').settings).toEqual(DEFAULT_SETTINGS);
    const refused = readLabLink('lrDecay=2.5');
    expect(refused.settings.learningRateDecay).toBeUndefined();
    expect(refused.notices).toEqual([expect.stringMatching(/^"lrDecay=2\.5" /)]);
  });
});
