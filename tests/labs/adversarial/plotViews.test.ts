import { describe, expect, it } from 'vitest';
import { DEFAULT_LAYERS } from '../../../src/core/adversarial/settingsUrl';
import type { GanFrame } from '../../../src/protocol/adversarial/adversarialProtocol';
import { fakesOutside, type PlotScene } from '../../../src/labs/adversarial/views/mainPlotRenderer';
import { outsideMessage } from '../../../src/labs/adversarial/views/outsideMessage';
import { plotLegend } from '../../../src/labs/adversarial/views/plotLegend';
import { architecture } from '../../../src/labs/adversarial/views/ModelOverview';
import { defaultNetwork } from '../../../src/core/pointGan/ganSettings';

const bounds = { xMin: -1, xMax: 1, yMin: -1, yMax: 1 };

function frame(overrides: Partial<GanFrame> = {}): GanFrame {
  return {
    steps: 10, discriminatorSteps: 10, stepsPerSecond: 0, bounds,
    reals: new Float32Array(0), fakes: new Float32Array(0), averagedFakes: new Float32Array(0), push: new Float32Array(0),
    heatmap: new Float32Array([0.2, 0.8]), heatmapSize: 1, heatmapIsProbability: true,
    manifold: new Float32Array(0), manifoldRows: 0, manifoldCols: 0, modeCenters: new Float32Array(0), newMetrics: [],
    ...overrides,
  };
}

const scene = (f: GanFrame | null, drawing = false): PlotScene => ({ frame: f, layers: DEFAULT_LAYERS, highlight: null, drawing, drawnPoints: null });
const labels = (s: PlotScene) => plotLegend(s).marks.map((m) => m.label);

describe('the main plot legend', () => {
  it('lists the true cluster centre only when the data has clusters', () => {
    expect(labels(scene(frame()))).not.toContain('true cluster centre');
    expect(labels(scene(frame({ modeCenters: new Float32Array([0, 1]) })))).toContain('true cluster centre');
  });

  it("lists the averaged generator only when the frame carries its points and its layer is on", () => {
    const averaged = frame({ averagedFakes: new Float32Array([0, 0]) });
    expect(labels(scene(frame()))).not.toContain('averaged generator');
    expect(labels(scene(averaged))).toContain('averaged generator');
    expect(labels({ ...scene(averaged), layers: { ...DEFAULT_LAYERS, averaged: false } })).not.toContain('averaged generator');
  });

  it('shows only your points while drawing', () => {
    const legend = plotLegend(scene(frame({ modeCenters: new Float32Array([0, 1]) }), true));
    expect(legend.marks.map((m) => m.label)).toEqual(['your points']);
    expect(legend.scale).toBeNull();
  });

  it('labels a critic score scale with the frame\'s range', () => {
    const legend = plotLegend(scene(frame({ heatmapIsProbability: false, heatmap: new Float32Array([-2, 3]) })));
    expect(legend.scale?.low).toContain('-2.00');
    expect(legend.scale?.high).toContain('3.00');
  });
});

describe('fakes outside the view', () => {
  it('counts the points beyond the plotted square', () => {
    const fakes = new Float32Array([0, 0, 2, 0, 0, -1.5, 1, 1]);
    expect(fakesOutside(fakes, bounds)).toEqual({ outside: 2, total: 4 });
  });

  it('says so only when more than a few strays have left', () => {
    expect(outsideMessage({ outside: 1, total: 512 })).toBeNull();
    expect(outsideMessage({ outside: 128, total: 512 })).toBe('25% of generated points are outside the view');
    expect(outsideMessage({ outside: 512, total: 512 })).toBe('All generated points are outside the view');
  });
});

describe('the model diagram', () => {
  it('writes a shallow network in full and shortens a deep one to fit its box', () => {
    expect(architecture(2, defaultNetwork({ hidden: [32, 32] }), 2)).toBe('2 → 32 → 32 → 2');
    expect(architecture(2, defaultNetwork({ hidden: [64, 64, 64] }), 1)).toBe('2 → 3×64 → 1');
    expect(architecture(2, defaultNetwork({ hidden: [16, 32, 64] }), 1)).toBe('2 → 3 layers → 1');
  });
});
