/**
 * The main plot: a canvas for the dense layers (heatmap, points, arrows, mesh),
 * D3-computed axes rendered by React, a legend for the verdict, and a spray
 * brush for drawing your own data.
 */
import { useEffect, useImperativeHandle, useMemo, useRef, type PointerEvent, type Ref } from 'react';
import { scaleLinear } from 'd3-scale';
import type { LayerVisibility } from '../../../core/settingsUrl';
import type { Bounds } from '../../../core/toyDistributions';
import { canvasToPngBlob } from '../../../app/download';
import type { GanFrame } from '../adversarialProtocol';
import { renderPlot, type PlotHighlightLayer } from './mainPlotRenderer';
import { PLOT_COLORS, valueRange, verdictCss } from './verdictColors';
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
  ref?: Ref<MainPlotHandle>;
}

const SIZE = 520;
const MARGIN = { left: 44, bottom: 34, top: 8, right: 8 };
const BRUSH_POINTS = 4;

function describe(frame: GanFrame | null, layers: LayerVisibility): string {
  if (!frame) return 'The plot is waiting for the first snapshot from the training worker.';
  const parts: string[] = [];
  if (layers.real) parts.push('real samples in green');
  if (layers.fake) parts.push('generated samples in purple');
  if (layers.arrows) parts.push("arrows for the generator's pull");
  if (layers.manifold) parts.push("the generator's mesh");
  const background = layers.heatmap ? " over the discriminator's verdict (green: real, purple: fake)" : '';
  return `Plot after ${frame.generatorSteps} generator steps: ${parts.join(', ') || 'no layers shown'}${background}.`;
}

export function MainPlot({ frame, layers, bounds, drawing, drawnPoints, onDrawPoints, highlight = null, ref }: MainPlotProps) {
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const brushing = useRef(false);
  const scales = useMemo(() => ({
    x: scaleLinear().domain([bounds.xMin, bounds.xMax]).range([0, SIZE]),
    y: scaleLinear().domain([bounds.yMin, bounds.yMax]).range([SIZE, 0]),
  }), [bounds.xMin, bounds.xMax, bounds.yMin, bounds.yMax]);

  useEffect(() => {
    const canvas = canvasRef.current;
    if (!canvas) return;
    const ratio = window.devicePixelRatio || 1;
    if (canvas.width !== SIZE * ratio) {
      canvas.width = SIZE * ratio;
      canvas.height = SIZE * ratio;
    }
    const ctx = canvas.getContext('2d');
    if (!ctx) return;
    ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
    renderPlot(ctx, SIZE, frame, layers, scales, highlight, drawing ? drawnPoints : null);
  }, [frame, layers, scales, highlight, drawing, drawnPoints]);

  useImperativeHandle(ref, () => ({
    toPngBlob: () => canvasToPngBlob(canvasRef.current!),
  }), []);

  const addBrushPoints = (event: PointerEvent<HTMLCanvasElement>) => {
    if (!drawing || !onDrawPoints) return;
    const rect = event.currentTarget.getBoundingClientRect();
    const x = scales.x.invert(((event.clientX - rect.left) / rect.width) * SIZE);
    const y = scales.y.invert(((event.clientY - rect.top) / rect.height) * SIZE);
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

  const critic = frame ? !frame.heatmapIsProbability : false;
  const [low, high] = frame && critic ? valueRange(frame.heatmap) : [0, 1];
  const legendStops = Array.from({ length: 11 }, (_, i) => `${verdictCss(i / 10)} ${i * 10}%`).join(', ');
  const xTicks = scales.x.ticks(6);
  const yTicks = scales.y.ticks(6);

  return (
    <figure className="main-plot">
      <div className="main-plot-frame" style={{ width: SIZE + MARGIN.left + MARGIN.right }}>
        <svg className="main-plot-axes" width={SIZE + MARGIN.left + MARGIN.right} height={SIZE + MARGIN.top + MARGIN.bottom} aria-hidden="true">
          <g transform={`translate(${MARGIN.left},${MARGIN.top + SIZE})`}>
            {xTicks.map((t) => (
              <g key={t} transform={`translate(${scales.x(t)},0)`}>
                <line y2={6} stroke="currentColor" />
                <text y={22} textAnchor="middle">{t}</text>
              </g>
            ))}
          </g>
          <g transform={`translate(${MARGIN.left},${MARGIN.top})`}>
            {yTicks.map((t) => (
              <g key={t} transform={`translate(0,${scales.y(t)})`}>
                <line x2={-6} stroke="currentColor" />
                <text x={-10} dy="0.32em" textAnchor="end">{t}</text>
              </g>
            ))}
          </g>
        </svg>
        <canvas
          ref={canvasRef}
          data-testid="main-plot-canvas"
          className={drawing ? 'main-plot-canvas drawing' : 'main-plot-canvas'}
          style={{ left: MARGIN.left, top: MARGIN.top, width: SIZE, height: SIZE }}
          role="img"
          aria-label={describe(frame, layers)}
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
      </div>
      <figcaption className="main-plot-legend">
        <span className="legend-item"><span className="legend-dot" style={{ background: PLOT_COLORS.real }} /> real</span>
        <span className="legend-item"><span className="legend-dot" style={{ background: PLOT_COLORS.fake }} /> generated</span>
        <span className="legend-item"><span className="legend-cross" aria-hidden="true">+</span> true cluster centre</span>
        {layers.heatmap ? (
          <span className="legend-scale">
            <span>{critic ? `critic ${low.toFixed(2)} (fake-looking)` : 'D(x) = 0 (fake)'}</span>
            <span className="legend-bar" style={{ background: `linear-gradient(to right, ${legendStops})` }} />
            <span>{critic ? `${high.toFixed(2)} (real-looking)` : '1 (real)'}</span>
          </span>
        ) : null}
      </figcaption>
    </figure>
  );
}
