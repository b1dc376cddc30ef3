import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { MetricChart } from '../../../src/labs/shared/MetricChart';

type Point = { step: number; modes: number };
const points: Point[] = [{ step: 1, modes: 1 }, { step: 2, modes: 2 }];

function render(format?: 'integer' | ((v: number) => string)) {
  return renderToStaticMarkup(createElement(MetricChart<Point>, {
    id: 'chart-test', title: 'Clusters covered', points, yLabel: 'clusters', yDomain: [0, 2], format,
    series: [{ field: 'modes', label: 'Clusters covered', color: '#000' }],
  }));
}

describe('metric chart formats', () => {
  it('writes counts as whole numbers and puts ticks only on whole numbers', () => {
    const html = render('integer');
    expect(html).toContain('Clusters covered 2<');
    expect(html).not.toContain('2.00');
    expect(html).not.toMatch(/>0\.5</);
  });

  it('takes any formatter for the readout and the y-axis', () => {
    const html = render((v) => `${v} of 2`);
    expect(html).toContain('Clusters covered 2 of 2');
    expect(html).toContain('>0.5 of 2<');
  });
});
