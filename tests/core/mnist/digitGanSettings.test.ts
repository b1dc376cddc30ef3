import { describe, expect, it } from 'vitest';
import {
  DEFAULT_DIGIT_SETTINGS, DEFAULT_WIDTH, cloneDigitSettings, digitSettingsProblems, type DigitGanSettings,
} from '../../../src/core/mnist/digitGanSettings';
import { LOSS_KINDS } from '../../../src/core/pointGan/ganSettings';

const withChange = (change: (s: DigitGanSettings) => void): DigitGanSettings => {
  const s = cloneDigitSettings(DEFAULT_DIGIT_SETTINGS);
  change(s);
  return s;
};

describe('digit GAN settings', () => {
  it('accepts the defaults, every loss of the 2D lab and both architectures at their default widths', () => {
    expect(digitSettingsProblems(DEFAULT_DIGIT_SETTINGS)).toEqual([]);
    for (const loss of LOSS_KINDS) expect(digitSettingsProblems(withChange((s) => (s.loss = loss)))).toEqual([]);
    for (const architecture of ['mlp', 'dcgan'] as const) {
      for (const conditional of [false, true]) {
        const s = withChange((x) => {
          Object.assign(x, { architecture, conditional });
          x.generator.width = x.discriminator.width = DEFAULT_WIDTH[architecture];
        });
        expect(digitSettingsProblems(s)).toEqual([]);
      }
    }
  });

  it('names each bad field', () => {
    const cases: [string, (s: DigitGanSettings) => void][] = [
      ['architecture must be one of mlp, dcgan', (s) => ((s as any).architecture = 'vae')],
      ['upsampling must be one of transposed, resize', (s) => ((s as any).upsampling = 'pixelShuffle')],
      ['conditional must be true or false', (s) => ((s as any).conditional = 'yes')],
      ['classes must list at least one digit', (s) => (s.classes = [])],
      ['classes must be digits 0 to 9', (s) => (s.classes = [3, 10])],
      ['classes must not repeat a digit', (s) => (s.classes = [3, 3])],
      ['latentSize must be a whole number', (s) => (s.latentSize = 7.5)],
      ['generator.width must be between 4 and 512', (s) => (s.generator.width = 1000)],
      ['discriminator.width must be between 4 and 64', (s) => ((s.architecture = 'dcgan'), (s.generator.width = 16), (s.discriminator.width = 128))],
      ['generator.optimizer must be one of sgd, adam', (s) => ((s.generator as any).optimizer = 'rmsprop')],
      ['discriminator.learningRate must be a number', (s) => (s.discriminator.learningRate = NaN)],
      ['generator.beta1 must be between 0 and 0.9999', (s) => (s.generator.beta1 = 1)],
      ['loss must be one of minimax, nonSaturating, leastSquares, wganGp, hinge', (s) => ((s as any).loss = 'kl')],
      ['realLabel must be between 0.5 and 1', (s) => (s.realLabel = 0.2)],
      ['dSteps must be a whole number', (s) => (s.dSteps = 1.5)],
      ['batchSize must be between 1 and 256', (s) => (s.batchSize = 512)],
      ['seed must be between 0 and 2147483647', (s) => (s.seed = -1)],
    ];
    for (const [message, change] of cases) expect(digitSettingsProblems(withChange(change))).toEqual([message]);
  });

  it('clones deeply', () => {
    const a = cloneDigitSettings(DEFAULT_DIGIT_SETTINGS);
    a.classes.push(99);
    a.generator.width = 5;
    expect(DEFAULT_DIGIT_SETTINGS.classes).toHaveLength(10);
    expect(DEFAULT_DIGIT_SETTINGS.generator.width).toBe(DEFAULT_WIDTH.mlp);
  });
});
