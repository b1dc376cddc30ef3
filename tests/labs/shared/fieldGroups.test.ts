import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { GAN_OPTION_LIMITS, type OptimizerSettings } from '../../../src/core/shared/ganOptions';
import { bindSettings } from '../../../src/labs/shared/bindSettings';
import { GanRulesFields, type GanRules, type GanRulesText } from '../../../src/labs/shared/GanRulesFields';
import { MetricsPanelFrame } from '../../../src/labs/shared/MetricsPanelFrame';
import { OptimizerFields, type OptimizerFieldsProps } from '../../../src/labs/shared/OptimizerFields';

const labels = (html: string) => [...html.matchAll(/<label for="[^"]*">([^<]*)<\/label>/g)].map((m) => m[1]);

describe('bindSettings', () => {
  const settings = { rate: 0.5, steps: 3, name: 'a' };
  const limits = { rate: { min: 0, max: 1 }, steps: { min: 1, max: 10 } };

  it('gives a number field its value and the range of the same name, and edits that key alone', () => {
    const edits: (typeof settings)[] = [];
    const rate = bindSettings(settings, (next) => edits.push(next), limits).number('rate');
    expect([rate.value, rate.min, rate.max]).toEqual([0.5, 0, 1]);
    rate.onChange(0.25);
    expect(edits).toEqual([{ rate: 0.25, steps: 3, name: 'a' }]);
    expect(settings.rate).toBe(0.5);
  });

  it('takes a range by hand for a key without one, and binds choices', () => {
    const edits: (typeof settings)[] = [];
    const field = bindSettings(settings, (next) => edits.push(next), limits);
    expect(field.number('steps', { min: 2, max: 4 })).toMatchObject({ value: 3, min: 2, max: 4 });
    const name = field.choice('name');
    name.onChange('b');
    expect([name.value, edits[0].name]).toEqual(['a', 'b']);
  });
});

describe('OptimizerFields', () => {
  const adam: OptimizerSettings = { optimizer: 'adam', learningRate: 2e-4, momentum: 0.9, beta1: 0.5, beta2: 0.999 };
  const notes: OptimizerFieldsProps['notes'] = {
    optimizer: { help: 'kind' }, learningRate: { help: 'rate' }, momentum: { help: 'carry' }, beta1: { help: 'memory' }, beta2: { describedBy: 'shared' },
  };
  const render = (props: Partial<OptimizerFieldsProps>) => renderToStaticMarkup(createElement(OptimizerFields, {
    net: adam, onEdit: () => {}, optimizerLabels: { adam: 'Adam', sgd: 'SGD' }, notes, ...props,
  }));

  it('shows Adam\'s β1 and β2 for Adam and SGD\'s momentum for SGD, never both', () => {
    expect(labels(render({}))).toEqual(['Optimizer', 'Learning rate', 'Adam β1', 'Adam β2']);
    expect(labels(render({ net: { ...adam, optimizer: 'sgd' } }))).toEqual(['Optimizer', 'Learning rate', 'Momentum']);
  });

  it('names the network in each label and puts the betas in a row only when asked', () => {
    expect(labels(render({ network: 'G' }))).toEqual(['G optimizer', 'G learning rate', 'G Adam β1', 'G Adam β2']);
    expect(render({})).not.toContain('field-row');
    expect(render({ betasInRow: true })).toContain('<div class="field-row">');
  });

  it('gives each field its own note or the id of a shared one, and the range every GAN lab allows', () => {
    const html = render({ testIds: { optimizer: 'g-opt', learningRate: 'g-rate' } });
    expect(html).toContain('>memory</p>');
    expect(html).toMatch(/aria-describedby="[^"]*shared"/);
    expect(html).toContain(`data-testid="g-rate" aria-describedby`);
    expect(html).toContain(`min="${GAN_OPTION_LIMITS.learningRate.min}" max="${GAN_OPTION_LIMITS.learningRate.max}"`);
  });
});

describe('GanRulesFields', () => {
  const rules: GanRules = { loss: 'nonSaturating', gpWeight: 10, realLabel: 0.9, dSteps: 1, batchSize: 64 };
  const text: GanRulesText = {
    lossLabels: { minimax: 'Minimax', nonSaturating: 'Non-saturating', leastSquares: 'LS', wganGp: 'WGAN-GP', hinge: 'Hinge' },
    lossHelp: { minimax: 'm', nonSaturating: 'ns', leastSquares: 'ls', wganGp: 'w', hinge: 'h' },
    gpWeight: 'gp', realLabel: 'smoothing', realLabelIgnored: 'ignored', dStepsLabel: 'D steps (k)', dSteps: 'turns', batchSize: 'batch',
  };
  const render = (loss: GanRules['loss'], children?: string) => renderToStaticMarkup(createElement(GanRulesFields<GanRules>, {
    settings: { ...rules, loss }, onEdit: () => {}, text, batchSizeRange: { min: 8, max: 1024 }, children,
  }));

  it('offers the gradient penalty only with WGAN-GP, and puts the lab\'s own fields before the turns', () => {
    expect(labels(render('nonSaturating', 'PACKING'))).toEqual(['Loss', 'Real label (one-sided label smoothing)', 'D steps (k)', 'Batch size']);
    expect(labels(render('wganGp'))).toContain('Gradient penalty weight λ');
    const html = render('hinge', 'PACKING');
    expect(html.indexOf('PACKING')).toBeGreaterThan(html.indexOf('Real label'));
    expect(html.indexOf('PACKING')).toBeLessThan(html.indexOf('D steps (k)'));
  });

  it('says a critic loss ignores the real label, and gives the batch the lab\'s range', () => {
    expect(render('hinge')).toContain('>ignored</p>');
    expect(render('leastSquares')).toContain('>smoothing</p>');
    expect(render('minimax')).toContain('min="8" max="1024"');
  });
});

describe('MetricsPanelFrame', () => {
  const render = (csv: boolean) => renderToStaticMarkup(createElement(MetricsPanelFrame<{ step: number }>, {
    headingId: 'h', intro: 'Curves.', csv: csv ? { points: [], columns: ['step'], fileName: 'x.csv' } : undefined, children: null,
  }));

  it('offers the curves as CSV where the lab gives its columns', () => {
    expect(render(true)).toContain('data-testid="export-metrics-csv"');
    expect(render(false)).not.toContain('export-metrics-csv');
    expect(render(false)).toContain('aria-labelledby="h"><h2 id="h" class="panel-title">Training curves</h2>');
  });
});
