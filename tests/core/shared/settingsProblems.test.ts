import { describe, expect, it } from 'vitest';
import { SettingsProblems, throwIfProblems } from '../../../src/core/shared/settingsProblems';
import { objectiveProblems, optimizerProblems } from '../../../src/core/shared/ganOptions';

describe('SettingsProblems', () => {
  it('names the field and the rule each bad value breaks', () => {
    const p = new SettingsProblems();
    p.number('rate', Number.NaN, { min: 0, max: 1 });
    p.number('rate', 2, { min: 0, max: 1 });
    p.number('count', 2.5, { min: 0, max: 10 }, true);
    p.number('count', '3', { min: 0, max: 10 }, true);
    p.oneOf('kind', 'huge', ['small', 'large']);
    p.flag('warp', 'yes');
    expect(p.list).toEqual([
      'rate must be a number',
      'rate must be between 0 and 1',
      'count must be a whole number',
      'count must be a number',
      'kind must be one of small, large',
      'warp must be true or false',
    ]);
  });

  it('accepts good values silently, range ends included', () => {
    const p = new SettingsProblems();
    p.number('rate', 0, { min: 0, max: 1 });
    p.number('rate', 1, { min: 0, max: 1 });
    p.number('count', 10, { min: 0, max: 10 }, true);
    p.oneOf('kind', 'large', ['small', 'large']);
    p.flag('warp', false);
    expect(p.list).toEqual([]);
  });

  it('throws one error listing every problem, and nothing when there is none', () => {
    expect(() => throwIfProblems('test settings', ['a must be a number', 'b must be true or false']))
      .toThrow('Invalid test settings: a must be a number; b must be true or false');
    expect(() => throwIfProblems('test settings', [])).not.toThrow();
  });
});

describe('the GAN labs\' shared checks', () => {
  it('check an optimizer under the network\'s name and the objective\'s knobs', () => {
    const p = new SettingsProblems();
    optimizerProblems(p, 'generator', { optimizer: 'rmsprop' as never, learningRate: 0, momentum: 0.5, beta1: 0.5, beta2: 1 });
    objectiveProblems(p, { loss: 'hinge', gpWeight: -1, realLabel: 1, dSteps: 0.5 });
    expect(p.list).toEqual([
      'generator.optimizer must be one of sgd, adam',
      'generator.learningRate must be between 0.000001 and 10',
      'generator.beta2 must be between 0 and 0.9999',
      'gpWeight must be between 0 and 100',
      'dSteps must be between 1 and 10',
    ]);
  });
});
