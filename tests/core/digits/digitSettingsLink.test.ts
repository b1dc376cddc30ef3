import { describe, expect, it } from 'vitest';
import { DEFAULT_DIGIT_SETTINGS, DEFAULT_WIDTH, cloneDigitSettings, type DigitGanSettings } from '../../../src/core/mnist/digitGanSettings';
import { DIGIT_LINK_SCHEMA, decodeDigitLink, encodeDigitLink } from '../../../src/core/digits/digitSettingsLink';
import { PRETRAINED_DIGIT_GANS } from '../../../src/core/mnist/pretrainedDigitGans';

function changed(): DigitGanSettings {
  const s = cloneDigitSettings(DEFAULT_DIGIT_SETTINGS);
  return {
    ...s, architecture: 'dcgan', upsampling: 'resize', conditional: true, classes: [0, 1, 7], latentSize: 32,
    generator: { width: 24, optimizer: 'sgd', learningRate: 0.005, momentum: 0.8, beta1: 0.4, beta2: 0.95 },
    discriminator: { width: 8, optimizer: 'sgd', learningRate: 0.002, momentum: 0.5, beta1: 0.3, beta2: 0.99 },
    loss: 'wganGp', gpWeight: 5, realLabel: 1, dSteps: 3, batchSize: 32, seed: 99,
  };
}

describe('the digit forger link', () => {
  it('is empty for the defaults from scratch, and reads back to them', () => {
    expect(encodeDigitLink({ settings: DEFAULT_DIGIT_SETTINGS, start: 'scratch', showScores: false })).toBe('');
    const decoded = decodeDigitLink('');
    expect(decoded).toEqual({ settings: DEFAULT_DIGIT_SETTINGS, start: 'scratch', showScores: false, problems: [] });
  });

  it('round-trips a set-up that changes every setting and shows the scores', () => {
    const setup = { settings: changed(), start: 'scratch', showScores: true };
    const query = encodeDigitLink(setup);
    for (const param of Object.keys(DIGIT_LINK_SCHEMA).filter((p) => p !== 'start')) expect(query).toContain(`${param}=`);
    expect(decodeDigitLink(query)).toEqual({ ...setup, problems: [] });
  });

  it.each(PRETRAINED_DIGIT_GANS.map((m) => m.id))('names the pretrained start "%s" and writes only what differs from its settings', (id) => {
    const model = PRETRAINED_DIGIT_GANS.find((m) => m.id === id)!;
    const setup = { settings: { ...cloneDigitSettings(model.settings), seed: 5 }, start: id, showScores: false };
    const query = encodeDigitLink(setup);
    expect(query).toBe(`start=${id}&seed=5`);
    expect(decodeDigitLink(query)).toEqual({ ...setup, problems: [] });
  });

  it('keeps a pretrained model\'s network shape, naming a parameter that would not fit its weights', () => {
    const decoded = decodeDigitLink('start=dcgan&gWidth=40&seed=3');
    const model = PRETRAINED_DIGIT_GANS.find((m) => m.id === 'dcgan')!;
    expect(decoded.settings.generator.width).toBe(model.settings.generator.width);
    expect(decoded.settings.seed).toBe(3);
    expect(decoded.problems.map((p) => p.param)).toEqual(['gWidth']);
  });

  it('gives each bad value its default, names it, and applies the rest', () => {
    const decoded = decodeDigitLink('gLr=abc&classes=3,3&arch=transformer&scores=maybe&latent=500&seed=8&colour=red');
    expect(decoded.settings.generator.learningRate).toBe(DEFAULT_DIGIT_SETTINGS.generator.learningRate);
    expect(decoded.settings.classes).toEqual(DEFAULT_DIGIT_SETTINGS.classes);
    expect(decoded.settings.architecture).toBe('mlp');
    expect(decoded.settings.latentSize).toBe(DEFAULT_DIGIT_SETTINGS.latentSize);
    expect(decoded.showScores).toBe(false);
    expect(decoded.settings.seed).toBe(8);
    expect(decoded.problems.map((p) => p.param)).toEqual(['gLr', 'classes', 'arch', 'scores', 'latent', 'colour']);
  });

  it('refuses a width outside the chosen architecture\'s range, and fits unwritten widths to it', () => {
    const decoded = decodeDigitLink('arch=dcgan&gWidth=200');
    expect(decoded.settings.generator.width).toBe(DEFAULT_WIDTH.dcgan);
    expect(decoded.settings.discriminator.width).toBe(DEFAULT_WIDTH.dcgan);
    expect(decoded.problems.map((p) => p.param)).toEqual(['gWidth']);
    expect(decoded.problems[0].message).toContain('dcgan range 4 to 64');
  });

  it('names an unknown start and opens from scratch', () => {
    const decoded = decodeDigitLink('start=gpt');
    expect(decoded.start).toBe('scratch');
    expect(decoded.problems.map((p) => p.param)).toEqual(['start']);
  });
});
