/**
 * "Race a GAN": a GAN with the adversarial lab's healthy settings trains on the same points and
 * seed as the denoiser, the worker sharing its time between them half and half. Two clouds side
 * by side on the same plane (the denoiser's particles, the GAN's fakes) and a small table: seconds
 * of training each, clusters covered, high-quality share and samples per second at sampling time.
 */
import { useEffect, useRef } from 'react';
import type { Bounds } from '../../core/points/toyDistributions';
import type { DiffusionPicture, RaceFrame, RaceSide } from '../../protocol/diffusion/diffusionProtocol';
import { CheckboxField } from '../shared/formFields';
import { DASH } from '../shared/SessionReadouts';
import { POINT_COLORS } from './diffusionColors';
import { drawAxes, drawPoints, planeScales, prepareCanvas } from './pointCanvas';
import { useSquareSize } from './useSquareSize';

export interface RacePanelProps {
  on: boolean;
  onToggle(on: boolean): void;
  disabled: boolean;
  race: RaceFrame | null;
  /** The denoiser's picture: its particles and the sampler they were drawn with. */
  picture: DiffusionPicture | null;
  reals: Float32Array | null;
  bounds: Bounds;
  modeCount: number;
}

const SAMPLER_NAMES = { ancestral: 'DDPM ancestral', ddim: 'DDIM', euler: 'Euler' } as const;

/** A rate to two significant figures: 1,234,567 → "1,200,000". */
function perSecond(x: number): string {
  if (!Number.isFinite(x) || x <= 0) return DASH;
  const digits = Math.max(0, Math.floor(Math.log10(x)) - 1);
  const rounded = Math.round(x / 10 ** digits) * 10 ** digits;
  return rounded.toLocaleString('en-US');
}

const percent = (x: number | null) => (x === null ? DASH : `${(100 * x).toFixed(0)}%`);

function Cloud({ title, points, reals, bounds, side, testId, label }: {
  title: string; points: Float32Array | null; reals: Float32Array | null; bounds: Bounds; side: number; testId: string; label: string;
}) {
  const canvasRef = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    const canvas = canvasRef.current;
    if (!canvas) return;
    const ctx = prepareCanvas(canvas, side);
    if (!ctx) return;
    const s = planeScales(bounds, side);
    drawAxes(ctx, s, side);
    if (reals) drawPoints(ctx, reals, s, POINT_COLORS.real, 1.8, 0.45);
    if (points) drawPoints(ctx, points, s, POINT_COLORS.particle, 2.3, 0.9);
  }, [points, reals, bounds, side]);
  return (
    <figure className="diffusion-column race-cloud">
      <figcaption><h3>{title}</h3></figcaption>
      <canvas ref={canvasRef} style={{ width: side, height: side }} role="img" data-testid={testId} aria-label={label} />
    </figure>
  );
}

export function RacePanel({ on, onToggle, disabled, race, picture, reals, bounds, modeCount }: RacePanelProps) {
  const { ref, side, stacked } = useSquareSize(160, 320, 0.4);
  const view = picture?.view ?? null;
  const passes = view ? `${view.steps} pass${view.steps === 1 ? '' : 'es'}` : 'many passes';
  const samplerText = view ? `${SAMPLER_NAMES[view.sampler]}, ${view.steps} step${view.steps === 1 ? '' : 's'}` : '';
  const shownRace = on ? race : null;
  const count = shownRace ? shownRace.fakes.length / 2 : 0;
  const row = (label: string, help: string, cell: (side: RaceSide) => string, testId: string) => (
    <tr>
      <th scope="row" title={help}>{label}</th>
      <td data-testid={`${testId}-diffusion`}>{shownRace ? cell(shownRace.diffusion) : DASH}</td>
      <td data-testid={`${testId}-gan`}>{shownRace ? cell(shownRace.gan) : DASH}</td>
    </tr>
  );
  return (
    <section className="panel race-panel" aria-labelledby="race-heading" data-testid="race-panel">
      <h2 id="race-heading">Race a GAN</h2>
      <CheckboxField label="Race a GAN on the same data" checked={on} onChange={(checked) => { if (!disabled) onToggle(checked); }}
        help={<>A GAN (the adversarial lab&apos;s healthy settings: two layers of 64, Adam at 0.001, the non-saturating loss) trains on the same points and seed.{' '}
          The worker shares its time fairly: after each denoiser step the GAN trains until its measured time has caught up, so each gets half the clock.{' '}
          Switching on restarts both (the denoiser from where its run began: fresh weights, or a loaded file), so their clocks start together; off, the denoiser trains alone again at full speed.</>} />
      {/* Always in the page, so its width is measured before the race is switched on. */}
      <div className="race-body" ref={ref}>
      {on ? (
        <>
          <div className="diffusion-grid race-clouds" data-stacked={stacked || undefined}>
            <Cloud title="Diffusion" points={picture?.samples ?? null} reals={reals} bounds={bounds} side={side} testId="race-diffusion-canvas"
              label={`${picture ? picture.samples.length / 2 : 'No'} samples of the denoiser over the real data`} />
            <Cloud title="GAN" points={shownRace?.fakes ?? null} reals={reals} bounds={bounds} side={side} testId="race-gan-canvas"
              label={`${count || 'No'} fakes of the GAN over the real data`} />
          </div>
          <div className="race-table-wrap" role="region" aria-label="The race in figures" tabIndex={0}>
            <table className="race-table" data-testid="race-table">
              <caption>Measured on the {count ? `${count} ` : ''}samples shown of each{samplerText ? `; diffusion sampled by ${samplerText}` : ''}</caption>
              <thead>
                <tr><th scope="col"><span className="visually-hidden">Figure</span></th><th scope="col">Diffusion</th><th scope="col">GAN</th></tr>
              </thead>
              <tbody>
                {row('Training seconds', 'Seconds each has spent in training steps since the race began', (s) => s.trainingSeconds.toFixed(1), 'race-seconds')}
                {row('Training steps', 'Denoiser steps; GAN steps (one discriminator and one generator update each)', (s) => s.steps.toLocaleString('en-US'), 'race-steps')}
                {row('Clusters covered', 'Clusters with at least one sample within 3σ of their centre', (s) => (s.modesCovered === null || modeCount === 0 ? DASH : `${s.modesCovered} of ${modeCount}`), 'race-modes')}
                {row('High-quality share', 'Share of samples within 3σ of a cluster centre', (s) => percent(s.highQuality), 'race-quality')}
                {row('Samples per second', 'Samples drawn per second at sampling time, measured while drawing the ones shown', (s) => perSecond(s.samplesPerSecond), 'race-rate')}
              </tbody>
            </table>
          </div>
          <p className="field-help race-lesson">
            Diffusion tends to cover every cluster where a GAN may collapse onto a few, and pays for it at sampling time:
            each of its samples takes {passes} through the network, a GAN&apos;s takes one.
          </p>
        </>
      ) : null}
      </div>
    </section>
  );
}
