/**
 * The lab's main view: the forward process (data dissolving into noise) beside the reverse
 * process (noise walked back into data), each a square canvas with its slider; under them the
 * schedule and the sampling controls. Both canvases share one plane, so a point sits at the
 * same place in both.
 */
import { useMemo, useState } from 'react';
import type { DiffusionSettings } from '../../core/diffusion/diffusionSettings';
import { makeSchedule } from '../../core/denoising/noiseSchedule';
import type { Bounds } from '../../core/points/toyDistributions';
import type { DiffusionPicture, SamplingView } from '../../protocol/diffusion/diffusionProtocol';
import { usePresenting } from '../shared/presenting';
import { ForwardProcessView } from './ForwardProcessPanel';
import { ReverseProcessView, SamplingControls } from './ReverseProcessPanel';
import { ScheduleChart } from './ScheduleChart';
import { useSquareSize } from './useSquareSize';

export interface ProcessesPanelProps {
  settings: DiffusionSettings;
  picture: DiffusionPicture | null;
  reals: Float32Array | null;
  scale: number;
  bounds: Bounds;
  view: SamplingView;
  onViewChange(view: SamplingView): void;
  modeCount: number;
  reducedMotion: boolean;
  disabled: boolean;
}

export function ProcessesPanel(props: ProcessesPanelProps) {
  const { settings } = props;
  const T = settings.timesteps;
  const schedule = useMemo(() => makeSchedule(settings.schedule, T), [settings.schedule, T]);
  const [chosenT, setChosenT] = useState(Math.round(T / 4));
  const t = Math.min(chosenT, T);
  const [showField, setShowField] = useState(true);
  const [showData, setShowData] = useState(true);
  const presenting = usePresenting();
  const { ref, side, stacked } = useSquareSize(200, 440, presenting ? 0.4 : 0.55);

  return (
    <section className="panel plot-panel diffusion-processes" aria-labelledby="diffusion-processes-heading">
      <h2 id="diffusion-processes-heading">From data to noise, and back</h2>
      <p className="panel-intro">
        Left, nothing is learned: each real point is mixed with its own noise,
        x_t = {settings.objective === 'epsilon' ? '√ᾱ_t x_0 + √(1 − ᾱ_t) ε' : '(1 − t/T) x_0 + (t/T) ε'}.
        Right, the trained network undoes it: {props.picture ? props.picture.samples.length / 2 : 'the'} particles (pink) start as pure noise and walk back towards the real data (green).
      </p>
      <div className="diffusion-grid" ref={ref} data-stacked={stacked || undefined} data-main-view>
        <ForwardProcessView settings={settings} schedule={schedule} reals={props.reals} scale={props.scale} bounds={props.bounds} side={side} t={t} onT={setChosenT} />
        <ReverseProcessView settings={settings} picture={props.picture} reals={props.reals} bounds={props.bounds} side={side}
          showField={showField} showData={showData} reducedMotion={props.reducedMotion} />
      </div>
      <div className="diffusion-grid diffusion-below" data-stacked={stacked || undefined}>
        <ScheduleChart schedule={schedule} objective={settings.objective} t={t} />
        <SamplingControls settings={settings} picture={props.picture} view={props.view} onViewChange={props.onViewChange} modeCount={props.modeCount}
          showField={showField} onShowField={setShowField} showData={showData} onShowData={setShowData} disabled={props.disabled} />
      </div>
    </section>
  );
}
