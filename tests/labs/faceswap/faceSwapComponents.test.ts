import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { NEUTRAL_FACTORS } from '../../../src/core/toyfaces/faceFactors';
import { PREVIEW_ROWS, type SwapPreview } from '../../../src/core/faceswap/swapPreview';
import { ArchitectureDiagram } from '../../../src/labs/faceswap/ArchitectureDiagram';
import { CodeSpacePanel } from '../../../src/labs/faceswap/CodeSpacePanel';
import { PuppetPanel, type PuppetPanelProps } from '../../../src/labs/faceswap/PuppetPanel';
import { RealWorldPanel } from '../../../src/labs/faceswap/RealWorldPanel';
import { SwapPreviewGrid } from '../../../src/labs/faceswap/SwapPreviewGrid';

const names = { a: 'Juno', b: 'Orbo' };
const ariaLabelOf = (html: string, testId: string) => {
  const tag = html.match(new RegExp(`<[^>]*data-testid="${testId}"[^>]*>`))?.[0] ?? '';
  return tag.match(/aria-label="([^"]*)"/)?.[1].replace(/&#x27;/g, "'") ?? '';
};

function preview(count = 3, imageSize = 32): SwapPreview {
  const rows = Object.fromEntries(PREVIEW_ROWS.map((r) => [r, new Float32Array(count * imageSize * imageSize * 3).fill(0.5)]));
  return { count, imageSize, channels: 3, rows: rows as SwapPreview['rows'] };
}

describe('ArchitectureDiagram', () => {
  it('names the highlighted path in its label and dims the rest', () => {
    const html = renderToStaticMarkup(createElement(ArchitectureDiagram, { encoder: 'shared', path: 'aToB', names }));
    const label = ariaLabelOf(html, 'architecture-diagram');
    expect(label).toContain('one shared encoder and two decoders');
    expect(label).toContain('Highlighted: A picture of Juno goes through the shared encoder');
    expect(label).toContain('decoder Orbo draws it as Orbo: the swap');
    expect(html).toContain('role="img"');
    // A's picture flows (in A's colour) along in-a, enc, code-b, dec-b; the arrows to and from decoder A dim.
    const edgeClass = (edge: string) => html.match(new RegExp(`data-edge="${edge}"><path [^>]*class="([^"]*)"`))?.[1];
    for (const edge of ['in-a', 'enc', 'code-b', 'dec-b']) expect(edgeClass(edge)).toBe('arch-edge is-on side-a');
    for (const edge of ['in-b', 'code-a', 'dec-a']) expect(edgeClass(edge)).toBe('arch-edge is-dim');
    expect(html.match(/class="arch-flow"/g)).toHaveLength(4);
    expect(html).toContain('class="arch-node side-b is-on" data-node="decoder-b"');
    expect(html).toContain('class="arch-node side-a is-dim" data-node="decoder-a"');
  });

  it('draws two encoders and the never-trained links when they are separate', () => {
    const html = renderToStaticMarkup(createElement(ArchitectureDiagram, { encoder: 'separate', path: 'bToA', names, latentSize: 32 }));
    expect(html).toContain('data-node="encoder-a"');
    expect(html).toContain('data-node="encoder-b"');
    expect(html).not.toContain('data-node="encoder"');
    expect(html.match(/is-untrained/g)).toHaveLength(2);
    expect(html).toContain('never');
    expect(html).toContain('32 numbers');
    expect(ariaLabelOf(html, 'architecture-diagram')).toContain('Decoder Juno never saw a code from encoder Orbo');
    expect(html).toContain('decoder Orbo only ever received codes from encoder Orbo');
  });

  it('highlights nothing, and says so, without a path', () => {
    const html = renderToStaticMarkup(createElement(ArchitectureDiagram, { encoder: 'shared', path: null, names }));
    expect(html).not.toContain('is-on');
    expect(html).not.toContain('is-dim');
    expect(html).not.toContain('arch-flow');
    expect(ariaLabelOf(html, 'architecture-diagram')).toContain('No path highlighted');
  });
});

describe('SwapPreviewGrid', () => {
  it('heads its rows with both characters, real, rebuilt and swapped', () => {
    const html = renderToStaticMarkup(createElement(SwapPreviewGrid, { preview: preview(), names }));
    for (const text of ['Juno (real)', 'rebuilt by decoder Juno', 'swapped: decoder Orbo', 'Orbo (real)', 'rebuilt by decoder Orbo', 'swapped: decoder Juno']) {
      expect(html).toContain(`>${text}<`);
    }
    for (const row of PREVIEW_ROWS) expect(html).toContain(`data-testid="swap-preview-${row}"`);
    // The output rows (not the real ones) can be focused to follow their path.
    expect(html.match(/tabindex="0"/g)).toHaveLength(4);
    expect(html).toContain('data-path="bToA"');
  });

  it('outlines the highlighted row and waits politely without a preview', () => {
    expect(renderToStaticMarkup(createElement(SwapPreviewGrid, { preview: preview(), names, highlighted: 'bToA' })))
      .toMatch(/class="swap-row is-output is-highlighted" data-path="bToA"/);
    expect(renderToStaticMarkup(createElement(SwapPreviewGrid, { preview: null, names }))).toContain('appears once the model is built');
  });
});

describe('PuppetPanel', () => {
  const base: PuppetPanelProps = {
    dataset: 'toyFaces', factors: { ...NEUTRAL_FACTORS, smile: 0.4 }, onFactorsChange: () => {}, digitIndex: 0, onDigitIndexChange: () => {},
    pictures: null, names,
  };
  const pictures = { imageSize: 32, channels: 3 as const, source: new Float32Array(3072), reconstruction: new Float32Array(3072), swap: new Float32Array(3072) };

  it('gives toy faces a slider per factor, the two buttons and the three captions', () => {
    const html = renderToStaticMarkup(createElement(PuppetPanel, { ...base, pictures }));
    expect(html.match(/type="range"/g)).toHaveLength(8);
    expect(html).toContain('aria-valuetext="0.40, towards wide smile"');
    expect(html).toContain('>Reset to neutral<');
    expect(html).toContain('>Random face<');
    for (const text of ['Juno, drawn with these settings', 'rebuilt by decoder Juno', 'swapped: Orbo makes the same face']) expect(html).toContain(text);
    expect(html).toContain('data-testid="puppet-swap"');
    expect(html).toContain('only Juno');
  });

  it('gives digit styles a previous/next picker instead, bounded by the count', () => {
    const html = renderToStaticMarkup(createElement(PuppetPanel, {
      ...base, dataset: 'digitStyles', names: { a: 'thin strokes', b: 'thick strokes' }, digitIndex: 4, digitCount: 5, busy: true,
    }));
    expect(html).not.toContain('type="range"');
    expect(html).toMatch(/data-testid="puppet-previous"[^>]*>/);
    expect(html).toMatch(/disabled=""[^>]*data-testid="puppet-next"|data-testid="puppet-next"[^>]*disabled/);
    expect(html).toContain('Digit 5 of 5');
    expect(html).toContain('aria-busy="true"');
    expect(html).toContain('swapped: decoder thick strokes redraws it');
  });
});

describe('CodeSpacePanel', () => {
  it('plots one mark per code with labelled axes and a legend', () => {
    const projection = { points: Float32Array.from([1, 0, -1, 0.5, 0.2, -0.3, -0.4, 0.1]), sides: Uint8Array.from([0, 0, 1, 1]), explained: [0.62, 0.2] as [number, number] };
    const html = renderToStaticMarkup(createElement(CodeSpacePanel, { projection, names, onRefresh: () => {} }));
    expect(html).toContain('principal component 1 (62% of variance)');
    expect(html).toContain('principal component 2 (20% of variance)');
    expect(html.match(/class="code-mark side-a"/g)).toHaveLength(2 + 1); // the legend's mark too
    expect(html.match(/class="code-mark side-b"/g)).toHaveLength(2 + 1);
    expect(html).toContain('Juno (2)');
    expect(html).toContain('Measure again');
    expect(ariaLabelOf(html, 'code-space-plot')).toContain('Scatter of 4 codes, 2 of Juno and 2 of Orbo');
  });

  it('explains itself before any codes arrive', () => {
    const html = renderToStaticMarkup(createElement(CodeSpacePanel, { projection: null, names }));
    expect(html).toContain('shared encoder');
    expect(html).not.toContain('Measure again');
  });
});

describe('RealWorldPanel', () => {
  it('covers scale, consent, fraud, the liar\'s dividend and detection, and announces the detection lab', () => {
    const html = renderToStaticMarkup(createElement(RealWorldPanel));
    for (const text of ['GPU', 'consent', 'money', 'dividend', 'Blending', 'Provenance', 'is planned']) expect(html).toContain(text);
    expect(renderToStaticMarkup(createElement(RealWorldPanel, { detectionLabAvailable: true, detectionLabHref: '#/detect' }))).toContain('href="#/detect"');
  });
});
