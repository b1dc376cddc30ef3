import { describe, expect, it } from 'vitest';
import { diagramEdges, edgesOnPath, fittedFontSize, nodesOnPath, trapezoidPoints, encoderShape, decoderShape } from '../../../src/labs/faceswap/architectureLayout';
import { SWAP_PATHS, isSwap } from '../../../src/labs/faceswap/swapPaths';

describe('architecture diagram layout', () => {
  it.each(['shared', 'separate'] as const)('lights up only arrows that exist (%s encoder), and every arrow lies on some path', (layout) => {
    const edges = diagramEdges(layout);
    const ids = new Set(edges.map((e) => e.id));
    expect(ids.size).toBe(edges.length);
    const used = new Set<string>();
    for (const path of SWAP_PATHS) {
      const on = edgesOnPath(layout, path);
      expect(on).toHaveLength(4);
      for (const id of on) {
        expect(ids).toContain(id);
        used.add(id);
      }
    }
    expect(used).toEqual(ids);
  });

  it('sends both pictures through one encoder when it is shared', () => {
    expect(edgesOnPath('shared', 'aToB')).toEqual(['in-a', 'enc', 'code-b', 'dec-b']);
    expect(edgesOnPath('shared', 'bToB')).toEqual(['in-b', 'enc', 'code-b', 'dec-b']);
    expect(nodesOnPath('shared', 'bToA')).toEqual(['input-b', 'encoder', 'code', 'decoder-a', 'output-a']);
    expect(diagramEdges('shared').some((e) => e.untrained)).toBe(false);
  });

  it('uses an untrained cross link exactly for the swaps when the encoders are separate', () => {
    const untrained = new Set(diagramEdges('separate').filter((e) => e.untrained).map((e) => e.id));
    expect(untrained).toEqual(new Set(['cross-a', 'cross-b']));
    for (const path of SWAP_PATHS) {
      const crosses = edgesOnPath('separate', path).filter((id) => untrained.has(id));
      expect(crosses.length).toBe(isSwap(path) ? 1 : 0);
    }
    expect(edgesOnPath('separate', 'aToB')).toEqual(['in-a', 'enc-a', 'cross-a', 'dec-b']);
    expect(nodesOnPath('separate', 'aToB')).toEqual(['input-a', 'encoder-a', 'code-a', 'decoder-b', 'output-b']);
  });

  it('draws encoders narrowing and decoders widening', () => {
    for (const t of [encoderShape('shared', 'a'), encoderShape('separate', 'b')]) expect(t.rightHeight).toBeLessThan(t.leftHeight);
    expect(decoderShape('a').rightHeight).toBeGreaterThan(decoderShape('a').leftHeight);
    expect(trapezoidPoints({ x: 0, width: 10, y: 5, leftHeight: 10, rightHeight: 4 })).toBe('0,0 10,3 10,7 0,10');
  });

  it('shrinks the font for long names only', () => {
    expect(fittedFontSize('Juno', 160, 30)).toBe(30);
    const long = fittedFontSize('thick strokes', 160, 30);
    expect(long).toBeLessThan(30);
    expect(long * 0.58 * 'thick strokes'.length).toBeLessThanOrEqual(160);
  });
});
