import { describe, expect, it } from 'vitest';
import {
  DATASET_DEFAULTS, DEFAULT_LAYERS, GRID_FALLBACK_MODES, decodeSettingsQuery, defaultsForDataset, encodeSettingsQuery, type LayerVisibility,
} from '../../../src/core/adversarial/settingsUrl';
import { DATASET_KINDS, DEFAULT_SETTINGS, cloneSettings, defaultNetwork, settingsProblems, type GanSettings } from '../../../src/core/pointGan/ganSettings';
import { GAN_PRESETS } from '../../../src/core/adversarial/ganPresets';

const unusual: GanSettings = {
  dataset: 'grid',
  modes: 25,
  sigma: 0.05,
  seed: 123456,
  noiseDim: 5,
  noiseKind: 'uniform',
  generator: defaultNetwork({ hidden: [], activation: 'tanh', optimizer: 'sgd', learningRate: 1e-7 * 13, momentum: 0.95, beta1: 0.1, beta2: 0.9 }),
  discriminator: defaultNetwork({ hidden: [128, 3, 7], activation: 'leakyRelu', learningRate: 0.0003, beta1: 0, beta2: 0.9999 }),
  loss: 'wganGp',
  gpWeight: 10,
  realLabel: 0.9,
  packing: 4,
  dSteps: 5,
  batchSize: 512,
};

const layers: LayerVisibility = { real: true, fake: false, heatmap: true, arrows: false, manifold: false, averaged: true };

/** The defaults' link with one parameter replaced. */
function decodeWith(param: string) {
  const name = param.split('=')[0];
  const others = encodeSettingsQuery(DEFAULT_SETTINGS, DEFAULT_LAYERS).split('&').filter((p) => !p.startsWith(`${name}=`));
  return decodeSettingsQuery([...others, param].join('&'));
}

describe('encodeSettingsQuery', () => {
  it('writes every setting with short readable names', () => {
    const query = encodeSettingsQuery(DEFAULT_SETTINGS, DEFAULT_LAYERS, 'healthy-ring');
    expect(query.startsWith('?')).toBe(false);
    const names = query.split('&').map((p) => p.split('=')[0]);
    expect(names).toEqual([
      'dataset', 'modes', 'sigma', 'seed', 'noiseDim', 'noise', 'loss', 'gp', 'realLabel', 'pack', 'dSteps', 'batch',
      'gHidden', 'gAct', 'gOpt', 'gLr', 'gMom', 'gB1', 'gB2', 'dHidden', 'dAct', 'dOpt', 'dLr', 'dMom', 'dB1', 'dB2',
      'layers', 'preset',
    ]);
    expect(query).toContain('gHidden=64,64');
    expect(query).toContain('layers=real,fake,heatmap,arrows,manifold');
    expect(query).toContain('dataset=ring&modes=8&sigma=0.01');
  });

  it('writes an empty value for no hidden layer, only visible layers, and no preset when none', () => {
    const query = encodeSettingsQuery(unusual, layers);
    expect(query).toContain('gHidden=&');
    expect(query).toContain('layers=real,heatmap');
    expect(query).not.toContain('preset=');
  });
});

describe('decode(encode(s)) gives s back with no notices', () => {
  const cases: [string, GanSettings, LayerVisibility, string | null][] = [
    ['the defaults', DEFAULT_SETTINGS, DEFAULT_LAYERS, null],
    ['unusual settings, some layers hidden', unusual, layers, null],
    ['no layers visible', DEFAULT_SETTINGS, { real: false, fake: false, heatmap: false, arrows: false, manifold: false, averaged: true }, null],
    ...GAN_PRESETS.map((p): [string, GanSettings, LayerVisibility, string | null] => [`preset ${p.id}`, p.settings, DEFAULT_LAYERS, p.id]),
  ];
  for (const [name, settings, shown, preset] of cases) {
    it(name, () => {
      expect(settingsProblems(settings)).toEqual([]);
      const decoded = decodeSettingsQuery(encodeSettingsQuery(settings, shown, preset));
      expect(decoded.notices).toEqual([]);
      expect(decoded.settings).toEqual(settings);
      expect(decoded.layers).toEqual(shown);
      expect(decoded.presetId).toBe(preset);
    });
  }

  it('also with a leading "?" and a URL-encoded query', () => {
    const query = encodeSettingsQuery(unusual, layers);
    expect(decodeSettingsQuery(`?${query}`).settings).toEqual(unusual);
    expect(decodeSettingsQuery(query.replace(/,/g, '%2C')).settings).toEqual(unusual);
  });
});

describe('dataset defaults in links', () => {
  it('gives a dataset named alone its own cluster count and σ, without a notice', () => {
    const grid = decodeSettingsQuery('dataset=grid');
    expect(grid.notices).toEqual([]);
    expect(grid.settings).toEqual({ ...cloneSettings(DEFAULT_SETTINGS), dataset: 'grid', modes: 25, sigma: 0.05 });
    for (const kind of DATASET_KINDS) {
      const decoded = decodeSettingsQuery(`dataset=${kind}&seed=4`);
      expect(decoded.notices, kind).toEqual([]);
      expect(decoded.settings, kind).toEqual({ ...defaultsForDataset(kind), seed: 4 });
      expect(settingsProblems(decoded.settings), kind).toEqual([]);
    }
  });

  it('keeps modes and σ that the link writes, whatever the dataset', () => {
    expect(decodeSettingsQuery('sigma=0.3&dataset=blobs').settings.sigma).toBe(0.3);
    expect(decodeSettingsQuery('dataset=grid&modes=9').settings.modes).toBe(9);
  });

  it('has defaults that suit each dataset: the benchmark grid and blobs that are not dots', () => {
    expect(DATASET_DEFAULTS.ring).toEqual({ modes: 8, sigma: 0.01 });
    expect(DATASET_DEFAULTS.grid).toEqual({ modes: 25, sigma: 0.05 });
    expect(DATASET_DEFAULTS.blobs.sigma).toBeGreaterThanOrEqual(0.1);
    for (const kind of DATASET_KINDS) expect(settingsProblems(defaultsForDataset(kind)), kind).toEqual([]);
  });
});

describe('decodeSettingsQuery notices', () => {
  it('starts from the defaults and keeps what is missing', () => {
    const decoded = decodeSettingsQuery('');
    expect(decoded.settings).toEqual(DEFAULT_SETTINGS);
    expect(decoded.layers).toEqual(DEFAULT_LAYERS);
    expect(decoded.presetId).toBeNull();
    expect(decoded.notices).toEqual([]);
    expect(decodeSettingsQuery('seed=7&dLr=0.01').settings).toEqual({ ...cloneSettings(DEFAULT_SETTINGS), seed: 7, discriminator: defaultNetwork({ learningRate: 0.01 }) });
  });

  it('names a value that is not a number, and uses the default', () => {
    const decoded = decodeSettingsQuery('gLr=abc&seed=9');
    expect(decoded.notices).toEqual(['"gLr=abc" is not a number; using the default 0.002.']);
    expect(decoded.settings.generator.learningRate).toBe(0.002);
    expect(decoded.settings.seed).toBe(9);
  });

  it('names a value out of range, a fraction where a whole number belongs, and an empty number', () => {
    expect(decodeWith('sigma=5').notices).toEqual(['"sigma=5" is outside the allowed range 0.001 to 2; using the default 0.01.']);
    expect(decodeWith('batch=100.5').notices).toEqual(['"batch=100.5" is not a whole number; using the default 256.']);
    expect(decodeWith('modes=').notices).toEqual(['"modes=" is not a number; using the default 8.']);
    expect(decodeWith('dB2=1').settings.discriminator.beta2).toBe(0.999);
  });

  it('names an unknown choice', () => {
    const decoded = decodeWith('loss=magic');
    expect(decoded.notices).toEqual(['"loss=magic" is not one of minimax, nonSaturating, leastSquares, wganGp, hinge; using the default nonSaturating.']);
    expect(decoded.settings.loss).toBe('nonSaturating');
  });

  it('names bad hidden layers', () => {
    expect(decodeWith('gHidden=64,x').notices[0]).toMatch(/^"gHidden=64,x" is not a list of layer sizes .*; using the default 64,64\.$/);
    expect(decodeWith('dHidden=0').notices[0]).toMatch(/"dHidden=0" is not a list of layer sizes/);
    expect(decodeWith('dHidden=8,8,8,8,8,8,8').notices[0]).toMatch(/"dHidden=8,8,8,8,8,8,8" has more than 6 hidden layers/);
    expect(decodeWith('dHidden=4, 5').settings.discriminator.hidden).toEqual([4, 5]);
  });

  it('ignores unknown parameters and repeated ones, saying so', () => {
    const decoded = decodeSettingsQuery('colour=blue&seed=3&seed=4');
    expect(decoded.notices).toEqual([
      '"colour" is not a setting this lab knows; it was ignored.',
      '"seed" appears more than once in the link; only its first value is used.',
    ]);
    expect(decoded.settings.seed).toBe(3);
  });

  it('reads layers, naming unknown ones', () => {
    const decoded = decodeSettingsQuery('layers=fake,glitter,arrows');
    expect(decoded.layers).toEqual({ real: false, fake: true, heatmap: false, arrows: true, manifold: false, averaged: true });
    expect(decoded.notices).toEqual(['"layers" names an unknown layer "glitter"; the layers are real, fake, heatmap, arrows, manifold, averaged. It was ignored.']);
  });

  it('keeps known presets and names unknown ones', () => {
    expect(decodeSettingsQuery('preset=mode-collapse').presetId).toBe('mode-collapse');
    const decoded = decodeSettingsQuery('preset=nope');
    expect(decoded.presetId).toBeNull();
    expect(decoded.notices).toEqual(['"preset=nope" is not a preset this lab knows; it was ignored.']);
  });

  it('refuses a non-square mode count for the grid, in one notice naming the value written', () => {
    const decoded = decodeSettingsQuery('dataset=grid&modes=8&seed=5');
    expect(decoded.settings.modes).toBe(GRID_FALLBACK_MODES);
    expect(decoded.settings.dataset).toBe('grid');
    expect(decoded.settings.seed).toBe(5);
    expect(decoded.notices).toEqual([
      '"modes=8" does not suit the grid, which needs a square number of clusters (4, 9, 16, 25, 36, 49); using the default 25.',
    ]);
  });

  it('gives one accurate notice for a mode count that is out of range and wrong for the grid', () => {
    for (const query of ['modes=1000&dataset=grid', 'dataset=grid&modes=1000']) {
      const decoded = decodeSettingsQuery(query);
      expect(decoded.settings.modes).toBe(25);
      expect(decoded.notices).toEqual(['"modes=1000" is outside the allowed range 2 to 49; using the default 25.']);
    }
  });

  it("falls back to the named dataset's own defaults for bad modes or σ", () => {
    expect(decodeSettingsQuery('sigma=abc&dataset=grid').notices).toEqual(['"sigma=abc" is not a number; using the default 0.05.']);
    expect(decodeSettingsQuery('dataset=blobs&sigma=9').settings.sigma).toBe(DATASET_DEFAULTS.blobs.sigma);
  });

  it("refuses a packing that does not divide the batch when the link gives both", () => {
    const decoded = decodeSettingsQuery('pack=3&batch=256&dSteps=2');
    expect(decoded.settings.packing).toBe(1);
    expect(decoded.settings.batchSize).toBe(256);
    expect(decoded.settings.dSteps).toBe(2);
    expect(decoded.notices).toEqual(['"pack=3" does not fit "batch=256", which must be a multiple of the packing; using the default 1.']);
  });

  it('fits a batch the link leaves out (or gets wrong) to its packing', () => {
    const alone = decodeSettingsQuery('pack=3');
    expect(alone.notices).toEqual([]);
    expect(alone.settings).toMatchObject({ packing: 3, batchSize: 255 });
    const bad = decodeSettingsQuery('pack=3&batch=7');
    expect(bad.settings).toMatchObject({ packing: 3, batchSize: 255 });
    expect(bad.notices).toEqual(['"batch=7" is outside the allowed range 8 to 1024; using 255.']);
  });

  it('always returns valid settings, whatever the link holds', () => {
    const junk = ['modes=49&dataset=grid', 'sigma=-1&gLr=1e9&batch=7&pack=9', 'dataset=custom&noiseDim=0&gHidden=&dHidden=', 'gB1=NaN&dMom=Infinity&realLabel=0.2'];
    for (const query of junk) expect(settingsProblems(decodeSettingsQuery(query).settings)).toEqual([]);
  });

  it('never shares nested objects with the defaults', () => {
    const decoded = decodeSettingsQuery('');
    decoded.settings.generator.hidden.push(3);
    expect(DEFAULT_SETTINGS.generator.hidden).toEqual([64, 64]);
  });
});
