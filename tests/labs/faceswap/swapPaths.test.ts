import { describe, expect, it } from 'vitest';
import { describePath, isSwap, outputLabel, pathDecoder, pathSource, realLabel, swapPath, SWAP_PATHS } from '../../../src/labs/faceswap/swapPaths';
import { PREVIEW_ROWS } from '../../../src/core/faceswap/swapPreview';

const names = { a: 'Juno', b: 'Orbo' };

describe('swap paths', () => {
  it('take a picture of their source to their decoder, and only the crossings are swaps', () => {
    expect(SWAP_PATHS.map((p) => [pathSource(p), pathDecoder(p), isSwap(p)])).toEqual([
      ['a', 'a', false], ['a', 'b', true], ['b', 'b', false], ['b', 'a', true],
    ]);
    for (const p of SWAP_PATHS) expect(swapPath(pathSource(p), pathDecoder(p))).toBe(p);
  });

  it('are named like the preview rows they fill', () => {
    for (const p of SWAP_PATHS) expect(PREVIEW_ROWS).toContain(p);
  });

  it('label the grid rows by decoder, saying which are swaps', () => {
    expect(realLabel('a', names)).toBe('Juno (real)');
    expect(outputLabel('aToA', names)).toBe('rebuilt by decoder Juno');
    expect(outputLabel('aToB', names)).toBe('swapped: decoder Orbo');
    expect(outputLabel('bToB', names)).toBe('rebuilt by decoder Orbo');
    expect(outputLabel('bToA', names)).toBe('swapped: decoder Juno');
  });

  it('describe every stage, and warn about untrained links only with separate encoders', () => {
    expect(describePath('aToA', names, 'shared')).toBe('A picture of Juno goes through the shared encoder, becomes a code, and decoder Juno draws it: Juno rebuilt.');
    const shared = describePath('bToA', names, 'shared');
    expect(shared).toContain('picture of Orbo goes through the shared encoder');
    expect(shared).toContain('the swap');
    expect(shared).not.toContain('never');
    const separate = describePath('aToB', names, 'separate');
    expect(separate).toContain('through encoder Juno');
    expect(separate).toContain('Decoder Orbo never saw a code from encoder Juno');
    expect(describePath('bToB', names, 'separate')).not.toContain('never');
    expect(describePath('aToB', names, 'shared', 'digit and slant')).toContain("Orbo's look with the digit and slant of Juno's picture");
  });
});
