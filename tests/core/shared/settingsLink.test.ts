import { describe, expect, it } from 'vitest';
import {
  formatLinkQuery, keepStartShape, parseLinkQuery, readLinkValue, type LinkSchema, type LinkValues,
} from '../../../src/core/shared/settingsLink';

const SCHEMA: LinkSchema = {
  rate: { kind: 'number', min: 0.001, max: 1 },
  seed: { kind: 'number', min: 0, max: 100, integer: true },
  warp: { kind: 'boolean' },
  loss: { kind: 'enum', options: ['hinge', 'minimax'] },
  classes: { kind: 'numbers', min: 0, max: 9, integer: true, minLength: 1, maxLength: 10, unique: true },
};
const DEFAULTS: LinkValues = { rate: 0.01, seed: 1, warp: true, loss: 'hinge', classes: [0, 1, 2] };

describe('formatLinkQuery and parseLinkQuery', () => {
  it('round-trip a full set of values, in the schema order', () => {
    const values: LinkValues = { rate: 0.5, seed: 7, warp: false, loss: 'minimax', classes: [3, 7] };
    const query = formatLinkQuery(SCHEMA, values);
    expect(query).toBe('rate=0.5&seed=7&warp=0&loss=minimax&classes=3,7');
    const parsed = parseLinkQuery(SCHEMA, query, DEFAULTS);
    expect(parsed.values).toEqual(values);
    expect(parsed.problems).toEqual([]);
    expect([...parsed.given].sort()).toEqual(['classes', 'loss', 'rate', 'seed', 'warp']);
  });

  it('leave out the values equal to the base, and read a short link back to the same values', () => {
    const values: LinkValues = { ...DEFAULTS, seed: 9 };
    const query = formatLinkQuery(SCHEMA, values, DEFAULTS);
    expect(query).toBe('seed=9');
    expect(formatLinkQuery(SCHEMA, DEFAULTS, DEFAULTS)).toBe('');
    expect(parseLinkQuery(SCHEMA, `?${query}`, DEFAULTS).values).toEqual(values);
  });

  it.each([
    ['rate=abc', 'rate', 'is not a number'],
    ['rate=5', 'rate', 'outside the allowed range 0.001 to 1'],
    ['seed=2.5', 'seed', 'not a whole number'],
    ['warp=maybe', 'warp', 'not 1 (on) or 0 (off)'],
    ['loss=wasserstein', 'loss', 'not one of hinge, minimax'],
    ['classes=1,x', 'classes', 'not a list of whole numbers from 0 to 9'],
    ['classes=', 'classes', 'fewer than 1'],
    ['classes=1,1', 'classes', 'more than once'],
    ['classes=12', 'classes', 'not a list'],
  ])('%s keeps the default for that parameter, names it, and applies the rest', (bad, param, why) => {
    const [other, value] = param === 'seed' ? ['rate', 0.5] : ['seed', 42];
    const parsed = parseLinkQuery(SCHEMA, `${bad}&${other}=${value}`, DEFAULTS);
    expect(parsed.values[param]).toEqual(DEFAULTS[param]);
    expect(parsed.values[other]).toBe(value);
    expect(parsed.problems).toHaveLength(1);
    expect(parsed.problems[0].param).toBe(param);
    expect(parsed.problems[0].message).toContain(`"${bad}"`);
    expect(parsed.problems[0].message).toContain(why);
    expect(parsed.problems[0].message).toContain('using the default');
  });

  it('names an unknown parameter and a repeated one, and ignores them', () => {
    const parsed = parseLinkQuery(SCHEMA, 'colour=red&seed=3&seed=4', DEFAULTS);
    expect(parsed.values).toEqual({ ...DEFAULTS, seed: 3 });
    expect(parsed.problems.map((p) => p.param)).toEqual(['colour', 'seed']);
    expect(parsed.problems[0].message).toContain('"colour" is not a setting this lab knows');
    expect(parsed.problems[1].message).toContain('more than once');
  });

  it('read yes/no words and sort a list of distinct numbers', () => {
    expect(readLinkValue(SCHEMA.warp, 'true')).toEqual({ value: true });
    expect(readLinkValue(SCHEMA.warp, 'off')).toEqual({ value: false });
    expect(readLinkValue(SCHEMA.classes, '7, 3')).toEqual({ value: [3, 7] });
  });
});

describe('keepStartShape', () => {
  it('puts a shape parameter back to the trained model\'s value and names it', () => {
    const parsed = parseLinkQuery(SCHEMA, 'seed=5&loss=minimax', DEFAULTS);
    keepStartShape(parsed, DEFAULTS, ['loss'], 'model-x', 'seed=5&loss=minimax');
    expect(parsed.values.loss).toBe('hinge');
    expect(parsed.values.seed).toBe(5);
    expect(parsed.problems).toHaveLength(1);
    expect(parsed.problems[0].param).toBe('loss');
    expect(parsed.problems[0].message).toContain('"loss=minimax" does not fit the pretrained model "model-x"');
  });
});
