/**
 * The forward process: the real points at step t of q(x_t | x_0), one fixed draw of noise slid
 * from t = 0 (the data) to t = T (pure noise). Computed on the page (plain arithmetic), so the
 * slider answers at once even while the worker trains. The schedule chart goes beside it.
 */
import { useEffect, useId, useMemo, useRef } from 'react';
import type { DiffusionSettings } from '../../core/diffusion/diffusionSettings';
import { diffusePoints, pathAt, type NoiseSchedule } from '../../core/denoising/noiseSchedule';
import type { Bounds } from '../../core/points/toyDistributions';
import { SeededRandom } from '../../core/shared/seededRandom';
import { POINT_COLORS } from './diffusionColors';
import { drawAxes, drawPoints, planeScales, prepareCanvas } from './pointCanvas';

export interface ForwardProcessViewProps {
  settings: DiffusionSettings;
  schedule: NoiseSchedule;
  /** The real points (a fixed draw), interleaved x, y. */
  reals: Float32Array | null;
  /** Data / scale is what the noise is added to: in data space the noise has deviation `scale`. */
  scale: number;
  bounds: Bounds;
  side: number;
  t: number;
  onT(t: number): void;
}

export function ForwardProcessView({ settings, schedule, reals, scale, bounds, side, t, onT }: ForwardProcessViewProps) {
  const { objective, timesteps: T } = settings;
  const id = useId();
  const canvasRef = useRef<HTMLCanvasElement>(null);
  // One draw of ε per data point, in data units (deviation `scale`), kept while t slides.
  const noise = useMemo(() => {
    if (!reals) return null;
    const eps = new SeededRandom(31).fillNormal(new Float32Array(reals.length));
    for (let i = 0; i < eps.length; i++) eps[i] *= scale;
    return eps;
  }, [reals, scale]);
  const path = pathAt(objective, schedule, t);

  useEffect(() => {
    const canvas = canvasRef.current;
    if (!canvas) return;
    const ctx = prepareCanvas(canvas, side);
    if (!ctx) return;
    const s = planeScales(bounds, side);
    drawAxes(ctx, s, side);
    if (reals && noise) {
      if (t > 0) drawPoints(ctx, reals, s, POINT_COLORS.origin, 1.5, 0.5);
      drawPoints(ctx, diffusePoints(reals, noise, path), s, POINT_COLORS.real, 2.2, 0.85);
    }
  }, [reals, noise, path, bounds, side, t]);

  return (
    <section className="diffusion-column diffusion-forward" aria-labelledby="diffusion-forward-heading">
      <h3 id="diffusion-forward-heading">Forward: data → noise</h3>
      <canvas ref={canvasRef} style={{ width: side, height: side }} role="img" data-testid="forward-canvas"
        aria-label={`The real points at step ${t} of ${T}: ${(100 * path.signal).toFixed(0)}% data, ${(100 * path.noise).toFixed(0)}% noise`} />
      <div className="field slider-field">
        <label htmlFor={`${id}-t`}>Time t: <output htmlFor={`${id}-t`} data-testid="forward-t">{t}</output> of {T}</label>
        <input id={`${id}-t`} type="range" min={0} max={T} step={1} value={t} aria-describedby={`${id}-t-help`}
          data-testid="forward-slider" onChange={(e) => onT(Number(e.target.value))} />
        <p className="field-help" id={`${id}-t-help`}>
          Slide right to add noise: at 0 the green points are the data (grey marks where they started), at {T} only noise is left.
        </p>
      </div>
    </section>
  );
}
