/**
 * The main plot: a canvas for the dense layers (heatmap, points, arrows, mesh),
 * D3-computed axes rendered by React, a legend for the verdict, and a spray
 * brush for drawing your own data. The square is sized to its container and
 * the viewport (see usePlotSize).
 */
import { useEffect, useImperativeHandle, useMemo, useRef, type PointerEvent, type Ref } from 'react';
import { scaleLinear } from 'd3-scale';
import type { LayerVisibility } from '../../../core/adversarial/settingsUrl';
import type { Bounds } from '../../../core/points/toyDistributions';
import type { GanFrame } from '../../../protocol/adversarial/adversarialProtocol';
import { fakesOutside, renderPlot, showsAveraged, type PlotHighlightLayer, type PlotScene } from './mainPlotRenderer';
import { outsideMessage } from './outsideMessage';
import { OutsideViewBanner } from '../../shared/SessionBanners';
import { plotToPngBlob } from './plotExport';
import { PlotLegendView } from './PlotLegendView';
import { usePlotSize } from './usePlotSize';
import './views.css';

export interface MainPlotHandle {
  toPngBlob(): Promise<Blob>;
}

export interface MainPlotProps {
  frame: GanFrame | null;
  layers: LayerVisibility;
  bounds: Bounds;
  drawing: boolean;
  drawnPoints: Float32Array | null;
  onDrawPoints?: (added: Float32Array) => void;
  highlight?: PlotHighlightLayer;
  /** Height of what stays stuck over the top of the viewport (the sticky toolbar), which the plot must fit below. */
  topInset?: number;
  ref?: Ref<MainPlotHandle>;
}

const MARGIN = { left: 54, bottom: 38, top: 10, right: 14 };
/**
 * What must fit on screen with the square, below the toolbar: the panel's heading
 * (so scrolling to the panel shows it whole), the axes and a two-row legend.
 */
const HEADING_HEIGHT = 50;
const LEGEND_HEIGHT = 80;
const SIZE_LIMITS = { min: 260, max: 900, initial: 520 };
const BRUSH_POINTS = 4;

function describe(scene: PlotScene): string {
  const { frame, layers } = scene;
  if (scene.drawing) return 'Drawing area: brush over it to add your own points. Only your points are shown while drawing.';
  if (!frame) return 'The plot is waiting for the first snapshot from the training worker.';
  const parts: string[] = [];
  if (layers.real) parts.push('real samples in green');
  if (layers.fake) parts.push('generated samples in purple');
  if (showsAveraged(frame, layers)) parts.push("the averaged generator's samples as amber diamonds");
  if (layers.arrows) parts.push("an arrow on each generated sample for the generator's pull");
  if (layers.manifold) parts.push("the generator's mesh");
  const background = layers.heatmap ? " over the discriminator's verdict (green: real, purple: fake)" : '';
  return `Plot after ${frame.steps} generator steps: ${parts.join(', ') || 'no layers shown'}${background}.`;
}

export function MainPlot({ frame, layers, bounds, drawing, drawnPoints, onDrawPoints, highlight = null, topInset = 0, ref }: MainPlotProps) {
  const figureRef = useRef<HTMLElement>(null);
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const brushing = useRef(false);
  const size = usePlotSize(figureRef, {
    ...SIZE_LIMITS,
    axesWidth: MARGIN.left + MARGIN.right,
    reservedHeight: Math.round(topInset) + HEADING_HEIGHT + MARGIN.top + MARGIN.bottom + LEGEND_HEIGHT,
  });
  const scene = useMemo<PlotScene>(
    () => ({ frame, layers, highlight, drawing, drawnPoints: drawing ? drawnPoints : null }),
    [frame, layers, highlight, drawing, drawnPoints],
  );
  const scales = useMemo(() => ({
    x: scaleLinear().domain([bounds.xMin, bounds.xMax]).range([0, size]),
    y: scaleLinear().domain([bounds.yMin, bounds.yMax]).range([size, 0]),
  }), [bounds.xMin, bounds.xMax, bounds.yMin, bounds.yMax, size]);

  useEffect(() => {
    const canvas = canvasRef.current;
    if (!canvas) return;
    // Backing store in device pixels, so the plot stays crisp on high-density screens and projectors.
    const ratio = window.devicePixelRatio || 1;
    const pixels = Math.round(size * ratio);
    if (canvas.width !== pixels || canvas.height !== pixels) {
      canvas.width = pixels;
      canvas.height = pixels;
    }
    const ctx = canvas.getContext('2d');
    if (!ctx) return;
    ctx.setTransform(pixels / size, 0, 0, pixels / size, 0, 0);
    renderPlot(ctx, size, scene, scales);
  }, [scene, scales, size]);

  useImperativeHandle(ref, () => ({ toPngBlob: () => plotToPngBlob(scene, bounds) }), [scene, bounds]);

  const addBrushPoints = (event: PointerEvent<HTMLCanvasElement>) => {
    if (!drawing || !onDrawPoints) return;
    const rect = event.currentTarget.getBoundingClientRect();
    const x = scales.x.invert(((event.clientX - rect.left) / rect.width) * size);
    const y = scales.y.invert(((event.clientY - rect.top) / rect.height) * size);
    const spread = 0.015 * (bounds.xMax - bounds.xMin);
    const added = new Float32Array(BRUSH_POINTS * 2);
    for (let i = 0; i < BRUSH_POINTS; i++) {
      const angle = Math.random() * 2 * Math.PI;
      const radius = spread * Math.sqrt(Math.random());
      added[2 * i] = x + radius * Math.cos(angle);
      added[2 * i + 1] = y + radius * Math.sin(angle);
    }
    onDrawPoints(added);
  };

  const tickCount = Math.max(4, Math.round(size / 90));
  const xTicks = scales.x.ticks(tickCount);
  const yTicks = scales.y.ticks(tickCount);
  const outside = frame && !drawing ? outsideMessage(fakesOutside(frame.fakes, bounds)) : null;
  const frameWidth = size + MARGIN.left + MARGIN.right;

  return (
    // The figure spans the column (that width is what gets measured); the plot is centred in it and the legend may use its full width.
    <figure className="main-plot" ref={figureRef}>
      <div className="main-plot-frame" style={{ width: frameWidth }} data-main-view>
        <svg className="main-plot-axes" width={frameWidth} height={size + MARGIN.top + MARGIN.bottom} aria-hidden="true">
          <g transform={`translate(${MARGIN.left},${MARGIN.top + size})`}>
            {xTicks.map((t) => (
              <g key={t} transform={`translate(${scales.x(t)},0)`}>
                <line y2={7} stroke="currentColor" />
                <text y={25} textAnchor="middle">{t}</text>
              </g>
            ))}
          </g>
          <g transform={`translate(${MARGIN.left},${MARGIN.top})`}>
            {yTicks.map((t) => (
              <g key={t} transform={`translate(0,${scales.y(t)})`}>
                <line x2={-7} stroke="currentColor" />
                <text x={-11} dy="0.32em" textAnchor="end">{t}</text>
              </g>
            ))}
          </g>
        </svg>
        <canvas
          ref={canvasRef}
          data-testid="main-plot-canvas"
          className={drawing ? 'main-plot-canvas drawing' : 'main-plot-canvas'}
          style={{ left: MARGIN.left, top: MARGIN.top, width: size, height: size }}
          role="img"
          aria-label={outside ? `${describe(scene)} ${outside}.` : describe(scene)}
          onPointerDown={(e) => {
            if (!drawing) return;
            brushing.current = true;
            e.currentTarget.setPointerCapture(e.pointerId);
            addBrushPoints(e);
          }}
          onPointerMove={(e) => {
            if (brushing.current) addBrushPoints(e);
          }}
          onPointerUp={() => {
            brushing.current = false;
          }}
          onPointerCancel={() => {
            brushing.current = false;
          }}
        />
        {outside ? <OutsideViewBanner text={outside} left={MARGIN.left + 8} top={MARGIN.top + 8} /> : null}
      </div>
      <PlotLegendView scene={scene} />
    </figure>
  );
}
