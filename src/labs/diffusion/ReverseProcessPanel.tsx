/**
 * The reverse process: particles drawn from pure noise walked back to the data by the trained
 * network, with a scrubber over the walk's steps and the learned field as arrows (the view); and
 * the sampler and its number of steps, with the samples per second and the coverage they give
 * (the controls). The walk can play as an animation, except when the system asks for reduced motion.
 */
import { useEffect, useId, useRef, useState } from 'react';
import type { DiffusionSettings } from '../../core/diffusion/diffusionSettings';
import { samplersFor, type SamplerKind } from '../../core/diffusion/samplerKinds';
import type { Bounds } from '../../core/points/toyDistributions';
import type { DiffusionPicture, SamplingView } from '../../protocol/diffusion/diffusionProtocol';
import { CheckboxField, SelectField } from '../shared/formFields';
import { POINT_COLORS } from './diffusionColors';
import { drawAxes, drawField, drawPoints, planeScales, prepareCanvas } from './pointCanvas';

const SAMPLER_LABELS: Record<SamplerKind, string> = {
  ancestral: 'DDPM ancestral (all T steps, fresh noise at each)',
  ddim: 'DDIM (deterministic, any number of steps)',
  euler: 'Euler (follows the learned velocity)',
};

/** How long the walk takes to play from noise to data. */
const WALK_MS = 2500;

export interface ReverseProcessViewProps {
  settings: DiffusionSettings;
  picture: DiffusionPicture | null;
  reals: Float32Array | null;
  bounds: Bounds;
  side: number;
  showField: boolean;
  showData: boolean;
  reducedMotion: boolean;
}

export function ReverseProcessView({ settings, picture, reals, bounds, side, showField, showData, reducedMotion }: ReverseProcessViewProps) {
  const id = useId();
  const T = settings.timesteps;
  const stateCount = picture ? picture.times.length : 1;
  const last = stateCount - 1;
  // null: follow the end of the walk (the finished samples) as new pictures arrive.
  const [scrubbed, setScrubbed] = useState<number | null>(null);
  const shown = scrubbed === null ? last : Math.min(scrubbed, last);
  const [playing, setPlaying] = useState(false);
  const canvasRef = useRef<HTMLCanvasElement>(null);

  useEffect(() => {
    if (!playing || reducedMotion) return;
    let frame = 0;
    const started = performance.now();
    const tick = (now: number) => {
      const k = Math.min(last, Math.floor(((now - started) / WALK_MS) * (last + 1)));
      setScrubbed(k >= last ? null : k);
      if (k >= last) setPlaying(false);
      else frame = requestAnimationFrame(tick);
    };
    frame = requestAnimationFrame(tick);
    return () => cancelAnimationFrame(frame);
  }, [playing, reducedMotion, last]);

  useEffect(() => {
    const canvas = canvasRef.current;
    if (!canvas) return;
    const ctx = prepareCanvas(canvas, side);
    if (!ctx) return;
    const s = planeScales(bounds, side);
    drawAxes(ctx, s, side);
    if (showData && reals) drawPoints(ctx, reals, s, POINT_COLORS.real, 1.8, 0.45);
    if (!picture) return;
    if (showField) drawField(ctx, picture.field, picture.fieldSize, bounds, s, POINT_COLORS.field);
    const n = picture.samples.length / 2;
    drawPoints(ctx, picture.trajectory, s, POINT_COLORS.particle, 2.3, 0.9, shown * n, n);
  }, [picture, reals, bounds, side, shown, showField, showData]);

  const time = picture ? picture.times[shown] : T;
  const timeText = `t = ${time.toFixed(time % 1 ? 1 : 0)}`;
  return (
    <section className="diffusion-column diffusion-reverse" aria-labelledby="diffusion-reverse-heading">
      <h3 id="diffusion-reverse-heading">Reverse: noise → data</h3>
      <canvas ref={canvasRef} style={{ width: side, height: side }} role="img" data-testid="reverse-canvas"
        aria-label={`${picture ? picture.samples.length / 2 : 'No'} particles at ${timeText} of the walk from noise to data`} />
      <div className="field slider-field">
        <label htmlFor={`${id}-k`}>
          Shown: <output htmlFor={`${id}-k`} data-testid="reverse-t">{timeText}</output> (step {shown} of {last})
        </label>
        <input id={`${id}-k`} type="range" min={0} max={last} step={1} value={shown} aria-describedby={`${id}-k-help`} data-testid="reverse-slider"
          onChange={(e) => {
            setPlaying(false);
            const k = Number(e.target.value);
            setScrubbed(k >= last ? null : k);
          }} />
        <p className="field-help" id={`${id}-k-help`}>
          Scrub through the walk: left the starting noise, right the finished samples (kept at the right, it follows training live).{' '}
          {reducedMotion
            ? <span data-testid="walk-still">Your system asks for reduced motion, so the walk does not play by itself.</span>
            : null}
        </p>
        {reducedMotion ? null : (
          <button type="button" className="button-secondary" data-testid="play-walk" disabled={!picture} aria-describedby={`${id}-walk-help`}
            onClick={() => { setScrubbed(0); setPlaying(true); }}>
            Play the walk
          </button>
        )}
        {reducedMotion ? null : <span className="field-help walk-help" id={`${id}-walk-help`}> Animates the particles from noise to data in {WALK_MS / 1000} s.</span>}
      </div>
    </section>
  );
}

export interface SamplingControlsProps {
  settings: DiffusionSettings;
  picture: DiffusionPicture | null;
  view: SamplingView;
  onViewChange(view: SamplingView): void;
  /** Clusters in the data (0 for shapes without clusters). */
  modeCount: number;
  showField: boolean;
  onShowField(show: boolean): void;
  showData: boolean;
  onShowData(show: boolean): void;
  disabled: boolean;
}

export function SamplingControls({ settings, picture, view, onViewChange, modeCount, showField, onShowField, showData, onShowData, disabled }: SamplingControlsProps) {
  const id = useId();
  const T = settings.timesteps;
  const samplers = samplersFor(settings.objective);
  const fieldName = settings.objective === 'epsilon' ? 'score (−predicted noise ÷ √(1 − ᾱ_t))' : 'reversed velocity (−v)';
  const change = (next: Partial<SamplingView>) => onViewChange({ ...view, ...next });
  const fewSteps = view.sampler !== 'ancestral';
  return (
    <div className="diffusion-sampling">
      <dl className="readouts diffusion-readouts">
        <div className="readout" title="Particles the sampler turned from noise into samples per second, measured on the latest walk">
          <dt>Samples / s</dt>
          <dd data-testid="samples-per-second">{picture ? Math.round(picture.samplesPerSecond).toLocaleString('en-US') : '—'}</dd>
        </div>
        <div className="readout" title="Clusters with at least one particle within 3σ of their centre (VEEGAN and PacGAN's measure)">
          <dt>Modes covered</dt>
          <dd data-testid="modes-covered">{picture?.modesCovered != null && modeCount > 0 ? `${picture.modesCovered} of ${modeCount}` : '—'}</dd>
        </div>
        <div className="readout" title="Share of particles within 3σ of a cluster's centre">
          <dt>On a cluster</dt>
          <dd data-testid="high-quality">{picture?.highQuality != null ? `${Math.round(100 * picture.highQuality)}%` : '—'}</dd>
        </div>
      </dl>
      <SelectField label="Sampler" value={view.sampler} disabled={disabled || samplers.length < 2} testId="sampler"
        options={samplers.map((s) => ({ value: s, label: SAMPLER_LABELS[s] }))}
        help={settings.objective === 'epsilon'
          ? 'Ancestral sampling (Ho et al.) takes every one of the T steps; DDIM (Song et al.) may skip steps.'
          : 'Flow matching learns a velocity; Euler steps follow it from noise (t = T) to data (t = 0).'}
        onChange={(sampler) => change({ sampler })} />
      <div className="field slider-field">
        <label htmlFor={`${id}-steps`}>Sampling steps: <output htmlFor={`${id}-steps`} data-testid="sampling-steps">{fewSteps ? view.steps : T}</output></label>
        <input id={`${id}-steps`} type="range" min={1} max={T} step={1} value={fewSteps ? Math.min(view.steps, T) : T} disabled={disabled || !fewSteps}
          aria-describedby={`${id}-steps-help`} data-testid="sampling-steps-slider" onChange={(e) => change({ steps: Number(e.target.value) })} />
        <p className="field-help" id={`${id}-steps-help`}>
          {fewSteps ? 'Fewer steps: faster samples, each step a bigger jump. Watch samples / s and the coverage.' : 'The ancestral sampler always takes all T steps; choose DDIM to take fewer. While training, the full walk is redrawn about twice a second so that training keeps its pace.'}
        </p>
      </div>
      <div className="field slider-field">
        <label htmlFor={`${id}-field`}>Arrows at t = <output htmlFor={`${id}-field`} data-testid="field-step">{Math.min(view.fieldStep, T)}</output></label>
        <input id={`${id}-field`} type="range" min={1} max={T} step={1} value={Math.min(view.fieldStep, T)} disabled={disabled}
          aria-describedby={`${id}-field-help`} onChange={(e) => change({ fieldStep: Number(e.target.value) })} />
        <p className="field-help" id={`${id}-field-help`}>
          The learned {fieldName} at this step. Near t = 0 the arrows point sharply at the data; near t = {T} they only pull towards the middle.
        </p>
      </div>
      <CheckboxField label="Show the arrows" checked={showField} onChange={onShowField} help="The field the network learned, drawn on a grid." />
      <CheckboxField label="Show the real data" checked={showData} onChange={onShowData} help="The green points the particles should end up on." />
    </div>
  );
}
