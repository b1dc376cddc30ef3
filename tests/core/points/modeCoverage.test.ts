import { describe, expect, it } from 'vitest';
import { COVERAGE_SAMPLE_COUNT, measureModeCoverage } from '../../../src/core/points/modeCoverage';
import { ringCenters } from '../../../src/core/points/toyDistributions';

const centers = ringCenters(8);
const sigma = 0.01;

/** count samples at each listed mode, offset by (dx, dy). */
function samplesAt(modes: number[], perMode: number, dx = 0, dy = 0): Float32Array {
  const out = new Float32Array(modes.length * perMode * 2);
  let i = 0;
  for (const m of modes) {
    for (let k = 0; k < perMode; k++) {
      out[i++] = centers[2 * m] + dx;
      out[i++] = centers[2 * m + 1] + dy;
    }
  }
  return out;
}

describe('measureModeCoverage', () => {
  it('uses 2,500 samples, as the PacGAN 2D experiments do', () => {
    expect(COVERAGE_SAMPLE_COUNT).toBe(2500);
  });

  it('counts 3 of 8 modes when all samples sit exactly on 3 centres', () => {
    const result = measureModeCoverage(samplesAt([0, 3, 5], 10), centers, sigma);
    expect(result.modesCovered).toBe(3);
    expect(result.modeCount).toBe(8);
    expect(result.highQualityFraction).toBe(1);
    expect(Array.from(result.perModeHighQuality)).toEqual([10, 0, 0, 10, 0, 10, 0, 0]);
  });

  it('finds no high-quality samples 10σ away from every mode', () => {
    const result = measureModeCoverage(samplesAt([0, 1, 2, 3, 4, 5, 6, 7], 5, 10 * sigma, 0), centers, sigma);
    expect(result.modesCovered).toBe(0);
    expect(result.highQualityFraction).toBe(0);
  });

  it('draws the line at 3σ (Euclidean distance)', () => {
    // 2.9σ in x and 0 in y is inside; 2.2σ in both (≈3.1σ away) is outside.
    const inside = measureModeCoverage(samplesAt([2], 1, 2.9 * sigma, 0), centers, sigma);
    const outside = measureModeCoverage(samplesAt([2], 1, 2.2 * sigma, 2.2 * sigma), centers, sigma);
    expect(inside.modesCovered).toBe(1);
    expect(outside.modesCovered).toBe(0);
  });

  it('reports the fraction of high-quality samples in a mixed set', () => {
    const good = samplesAt([1, 2], 30);
    const bad = new Float32Array(40).fill(0); // 20 points at the origin, 1 away from every mode
    const all = new Float32Array(good.length + bad.length);
    all.set(good);
    all.set(bad, good.length);
    const result = measureModeCoverage(all, centers, sigma);
    expect(result.modesCovered).toBe(2);
    expect(result.highQualityFraction).toBeCloseTo(60 / 80, 10);
  });

  it('never counts NaN samples, and handles an empty sample set', () => {
    const result = measureModeCoverage(new Float32Array([NaN, NaN, NaN, 0]), centers, sigma);
    expect(result.modesCovered).toBe(0);
    expect(result.highQualityFraction).toBe(0);
    expect(measureModeCoverage(new Float32Array(0), centers, sigma).highQualityFraction).toBe(0);
  });

  it('refuses malformed input with a specific message', () => {
    expect(() => measureModeCoverage(new Float32Array(3), centers, sigma)).toThrow(/odd length/);
    expect(() => measureModeCoverage(new Float32Array(2), new Float32Array(0), sigma)).toThrow(/centers/);
    expect(() => measureModeCoverage(new Float32Array(2), centers, 0)).toThrow(/sigma must be a positive number/);
  });
});
