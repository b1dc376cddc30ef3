import { describe, expect, it } from 'vitest';
import { axisLabel, scatterDomains } from '../../../src/labs/faceswap/codeSpaceScales';

describe('code-space scales', () => {
  it('fit every point with the same units per pixel on both axes', () => {
    const points = Float32Array.from([-4, 1, 6, -1, 0, 0.5]);
    const { x, y } = scatterDomains(points, 400, 300);
    for (let i = 0; i < points.length; i += 2) {
      expect(points[i]).toBeGreaterThan(x[0]);
      expect(points[i]).toBeLessThan(x[1]);
      expect(points[i + 1]).toBeGreaterThan(y[0]);
      expect(points[i + 1]).toBeLessThan(y[1]);
    }
    expect((x[1] - x[0]) / 400).toBeCloseTo((y[1] - y[0]) / 300, 12);
    // PC1 spans 10 units, PC2 only 2: component 2 is not stretched to fill the height.
    expect(y[1] - y[0]).toBeGreaterThan(5);
    expect((x[0] + x[1]) / 2).toBeCloseTo(1, 6);
  });

  it('give a usable window for one spot or no points', () => {
    const one = scatterDomains([3, 3, 3, 3], 200, 100);
    expect(one.x[0]).toBeLessThan(3);
    expect(one.x[1]).toBeGreaterThan(3);
    expect(one.y[1] - one.y[0]).toBeGreaterThan(0);
    expect(scatterDomains([], 200, 100)).toEqual({ x: [-1, 1], y: [-1, 1] });
  });

  it('label the axes with their share of the variance', () => {
    expect(axisLabel(1, 0.623)).toBe('principal component 1 (62% of variance)');
    expect(axisLabel(2, 0.004)).toBe('principal component 2 (<1% of variance)');
    expect(axisLabel(2, 0)).toBe('principal component 2 (0% of variance)');
  });
});
