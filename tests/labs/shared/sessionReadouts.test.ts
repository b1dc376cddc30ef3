import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { RATE_WINDOW_MS } from '../../../src/protocol/shared/sessionProtocol';
import { StatusReadouts } from '../../../src/labs/adversarial/StatusReadouts';
import { DigitReadouts } from '../../../src/labs/digits/DigitReadouts';
import { SwapReadouts } from '../../../src/labs/faceswap/SwapReadouts';
import { backendState, formatRate, rateText, type ReadoutFrame } from '../../../src/labs/shared/SessionReadouts';

const frame = (over: Partial<ReadoutFrame>): ReadoutFrame => ({ steps: 10, stepsPerSecond: 0, ...over });

describe('steps per second', () => {
  it('reads one decimal below 10 steps a second and whole steps above', () => {
    expect(formatRate(3.14)).toBe('3.1');
    expect(formatRate(12.5)).toBe('13');
    expect(formatRate(1234.4)).toBe('1,234');
  });

  it('shows the live rate while training runs, and the last one, marked, while paused', () => {
    expect(rateText(frame({ stepsPerSecond: 1234.4, lastRate: 1234.4 }))).toEqual({ value: '1,234', last: false });
    expect(rateText(frame({ stepsPerSecond: 0, lastRate: 850.6 }))).toEqual({ value: '851', last: true });
  });

  it('shows a dash before anything was measured and once the worker has stopped', () => {
    expect(rateText(null)).toEqual({ value: '—', last: false });
    expect(rateText(frame({ stepsPerSecond: 0, lastRate: null }))).toEqual({ value: '—', last: false });
    expect(rateText(frame({ stepsPerSecond: 900, lastRate: 900, workerStopped: true }))).toEqual({ value: '—', last: false });
  });
});

describe('backend readout', () => {
  it('names the running backend, or says whether the worker is starting or has stopped', () => {
    expect(backendState(null, { backend: 'wasm', backendNote: null })).toEqual({ name: 'wasm', note: null });
    expect(backendState(null, null)).toEqual({ name: '', note: 'starting…' });
    expect(backendState(frame({ workerStopped: false }), null)).toEqual({ name: '', note: 'starting…' });
    expect(backendState(frame({ workerStopped: true }), null)).toEqual({ name: '', note: 'stopped' });
  });
});

describe('every lab reads the rate the same way', () => {
  const rateCell = (html: string) => html.match(/<div class="readout" title="([^"]*)"><dt>Steps \/ s<\/dt><dd data-testid="steps-per-second"[^>]*>(.*?)<\/dd>/);
  const info = { backend: 'cpu', backendNote: null };
  const shared = { frame: frame({ steps: 4321, stepsPerSecond: 0, lastRate: 47.6 }), info };

  it('shows the same rate, marked the same, explained with the one rate window', () => {
    const pages = [
      renderToStaticMarkup(createElement(StatusReadouts, { ...shared, latest: null, modeCount: 8 })),
      renderToStaticMarkup(createElement(DigitReadouts, { ...shared, quality: null, info: { ...info, trainCount: 1, heldOutCount: 1, realQuality: { inceptionScore: 9, frechetDistance: 1 } } })),
      renderToStaticMarkup(createElement(SwapReadouts, { ...shared, scores: null, names: { a: 'Juno', b: 'Orbo' } })),
    ];
    const cells = pages.map(rateCell);
    for (const cell of cells) {
      expect(cell).not.toBeNull();
      expect(cell![2]).toBe('48<span class="muted"> (last)</span>');
      expect(cell![1]).toContain(RATE_WINDOW_MS === 1000 ? 'averaged over each second' : `averaged over ${RATE_WINDOW_MS / 1000} s`);
    }
    for (const page of pages) expect(page).toContain('<dd data-testid="step-count">4,321</dd>');
  });
});
