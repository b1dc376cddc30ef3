import { describe, expect, it } from 'vitest';
import { SeededRandom } from '../../../src/core/shared/seededRandom';

const draw = (rng: SeededRandom, n: number) => Array.from({ length: n }, () => rng.next());

describe('SeededRandom', () => {
  it('repeats the same stream for the same seed and differs for another seed', () => {
    expect(draw(new SeededRandom(42), 50)).toEqual(draw(new SeededRandom(42), 50));
    expect(draw(new SeededRandom(42), 50)).not.toEqual(draw(new SeededRandom(43), 50));
  });

  it('draws uniforms in [0, 1) with mean near 1/2', () => {
    const values = draw(new SeededRandom(7), 20_000);
    expect(Math.min(...values)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...values)).toBeLessThan(1);
    const mean = values.reduce((a, b) => a + b, 0) / values.length;
    expect(mean).toBeCloseTo(0.5, 1);
  });

  it('draws integers in [0, n) that hit every value', () => {
    const rng = new SeededRandom(3);
    const counts = new Array(5).fill(0);
    for (let i = 0; i < 5000; i++) counts[rng.int(5)]++;
    for (const c of counts) expect(c).toBeGreaterThan(800);
    expect(counts.reduce((a, b) => a + b, 0)).toBe(5000);
  });

  it('draws standard normals with mean ≈ 0 and std ≈ 1', () => {
    const out = new SeededRandom(11).fillNormal(new Float32Array(40_000));
    let sum = 0, sq = 0;
    for (const v of out) { sum += v; sq += v * v; }
    const mean = sum / out.length;
    const std = Math.sqrt(sq / out.length - mean * mean);
    expect(Math.abs(mean)).toBeLessThan(0.02);
    expect(std).toBeGreaterThan(0.98);
    expect(std).toBeLessThan(1.02);
  });

  it('scales normals by std and keeps uniforms inside the given range', () => {
    const normals = new SeededRandom(5).fillNormal(new Float32Array(20_000), 0.1);
    const std = Math.sqrt(normals.reduce((a, v) => a + v * v, 0) / normals.length);
    expect(std).toBeGreaterThan(0.095);
    expect(std).toBeLessThan(0.105);
    const uniforms = new SeededRandom(5).fillUniform(new Float32Array(5000), -2, 3);
    expect(Math.min(...uniforms)).toBeGreaterThanOrEqual(-2);
    expect(Math.max(...uniforms)).toBeLessThan(3);
    expect(Math.min(...uniforms)).toBeLessThan(-1.9);
    expect(Math.max(...uniforms)).toBeGreaterThan(2.9);
  });

  it('forks reproducible streams that differ from each other and from the parent', () => {
    const a = new SeededRandom(9);
    const b = new SeededRandom(9);
    const forkA1 = a.fork(1), forkA2 = a.fork(2);
    const forkB1 = b.fork(1);
    const s1 = draw(forkA1, 20);
    expect(s1).toEqual(draw(forkB1, 20));
    expect(s1).not.toEqual(draw(forkA2, 20));
    expect(s1).not.toEqual(draw(a, 20));
  });
});
