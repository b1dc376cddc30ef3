import { describe, expect, it } from 'vitest';
import { hashFor, parseHashRoute } from '../../../src/labs/shared/hashRoute';

describe('parseHashRoute', () => {
  it('reads the start page from an empty or bare hash', () => {
    for (const hash of ['', '#', '#/', '#//']) expect(parseHashRoute(hash)).toEqual({ path: '/', query: '' });
  });

  it('splits the path from the query inside the hash', () => {
    expect(parseHashRoute('#/adversarial?dataset=grid&modes=25')).toEqual({ path: '/adversarial', query: 'dataset=grid&modes=25' });
  });

  it('normalises a missing leading slash and a trailing slash', () => {
    expect(parseHashRoute('#adversarial/').path).toBe('/adversarial');
    expect(parseHashRoute('#/adversarial/?seed=3')).toEqual({ path: '/adversarial', query: 'seed=3' });
  });

  it('keeps question marks after the first one in the query', () => {
    expect(parseHashRoute('#/lab?a=1?b').query).toBe('a=1?b');
  });
});

describe('hashFor', () => {
  it('round-trips through parseHashRoute', () => {
    const hash = hashFor('/adversarial', 'seed=7&gHidden=32,32');
    expect(hash).toBe('#/adversarial?seed=7&gHidden=32,32');
    expect(parseHashRoute(hash)).toEqual({ path: '/adversarial', query: 'seed=7&gHidden=32,32' });
  });

  it('leaves out the question mark when there is no query', () => {
    expect(hashFor('/adversarial')).toBe('#/adversarial');
  });
});
