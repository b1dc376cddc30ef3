import { describe, expect, it } from 'vitest';
import { LABS, findLab } from '../../src/app/labRegistry';
import { parseHashRoute } from '../../src/labs/shared/hashRoute';

describe('the lab registry', () => {
  it('lists labs with unique ids and routable, unique paths', () => {
    expect(LABS.length).toBeGreaterThan(0);
    expect(new Set(LABS.map((l) => l.id)).size).toBe(LABS.length);
    expect(new Set(LABS.map((l) => l.path)).size).toBe(LABS.length);
    for (const lab of LABS) {
      // The path must survive the router's normalisation, or the card would lead nowhere.
      expect(parseHashRoute(`#${lab.path}`).path).toBe(lab.path);
      expect(lab.path).not.toBe('/');
      expect(lab.tagline.length).toBeGreaterThan(20);
    }
  });

  it('finds a lab by its path and nothing for unknown paths', () => {
    expect(findLab('/adversarial')?.id).toBe('adversarial');
    expect(findLab('/nope')).toBeUndefined();
  });
});
