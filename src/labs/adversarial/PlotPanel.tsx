/** The main plot with its layer switches, the slow-motion stage and what to look at. */
import type { Ref } from 'react';
import { LAYER_NAMES, type LayerVisibility } from '../../core/adversarial/settingsUrl';
import type { Bounds } from '../../core/points/toyDistributions';
import type { GanFrame } from '../../protocol/adversarial/adversarialProtocol';
import { MainPlot, type MainPlotHandle } from './views/MainPlot';
import { SlowMotionCard, slowMotionAnnouncement } from './views/SlowMotionCard';
import type { PlotHighlight, SlowMotionStage } from './slowMotionScript';

const LAYER_LABELS: Record<keyof LayerVisibility, { label: string; help: string }> = {
  real: { label: 'Real samples', help: 'Points from the real data.' },
  fake: { label: 'Generated samples', help: 'Points the generator makes from noise.' },
  heatmap: { label: "Discriminator's verdict", help: 'The background: how real the discriminator thinks each spot is.' },
  arrows: { label: "Generator's pull", help: 'An arrow on every generated point: where the next generator update pushes it.' },
  manifold: { label: 'Generator mesh', help: 'A grid in noise space after the generator has bent it.' },
  averaged: {
    label: 'Averaged generator',
    help: 'Amber diamonds: the same noise through the moving average of the generator\'s weights. Shown while "Average the generator\'s weights" is on.',
  },
};

export interface PlotPanelProps {
  frame: GanFrame | null;
  bounds: Bounds;
  layers: LayerVisibility;
  onLayersChange(layers: LayerVisibility): void;
  drawing: boolean;
  drawnPoints: Float32Array | null;
  onDrawPoints(added: Float32Array): void;
  highlight: PlotHighlight;
  plotRef: Ref<MainPlotHandle>;
  slowStage: SlowMotionStage | null;
  slowIteration: number;
  /** The verdict is an unbounded critic score (WGAN-GP, hinge) rather than a probability. */
  criticScores: boolean;
  /** The generator's weights are averaged, so its averaged points can be shown. */
  averaging: boolean;
  /** Height of the sticky toolbar above the plot, so the plot is sized to fit below it. */
  topInset: number;
}

export function PlotPanel({ plotRef, ...props }: PlotPanelProps) {
  return (
    <section className="panel plot-panel" aria-labelledby="plot-heading">
      <h2 id="plot-heading" className="panel-title">The duel on the plane</h2>
      <div className="plot-layout">
        <div className="plot-area">
          {props.drawing ? (
            <p className="drawing-hint" role="status">
              Drawing: brush over the plot to add points, then press "Train on my drawing". Only your points are shown while you draw.
            </p>
          ) : null}
          <MainPlot
            ref={plotRef}
            frame={props.frame}
            layers={props.layers}
            bounds={props.bounds}
            drawing={props.drawing}
            drawnPoints={props.drawnPoints}
            onDrawPoints={props.onDrawPoints}
            highlight={props.highlight}
            topInset={props.topInset}
          />
        </div>
        {/* Beside the plot (above it on narrow screens), so plot, stage and caption are on screen together. */}
        {props.slowStage ? <SlowMotionCard stage={props.slowStage} iteration={props.slowIteration} /> : null}
        <p className="visually-hidden" aria-live="polite">{slowMotionAnnouncement(props.slowStage, props.slowIteration)}</p>
        <div className="plot-side">
          <fieldset className="layer-toggles">
            <legend>Show on the plot</legend>
            {LAYER_NAMES.filter((name) => name !== 'averaged' || props.averaging).map((name) => (
              <div key={name} className="layer-toggle">
                <input
                  id={`layer-${name}`}
                  type="checkbox"
                  checked={props.layers[name]}
                  aria-describedby={`layer-${name}-help`}
                  onChange={(e) => props.onLayersChange({ ...props.layers, [name]: e.target.checked })}
                />
                <label htmlFor={`layer-${name}`}>{LAYER_LABELS[name].label}</label>
                <p id={`layer-${name}-help`} className="field-help">{LAYER_LABELS[name].help}</p>
              </div>
            ))}
          </fieldset>
          <div className="explain">
            <h3>What you see</h3>
            <p>
              {props.criticScores
                ? 'The background shows the critic\'s score: higher where it believes the data is. Scores have no fixed scale, so the colours stretch to fit each frame.'
                : 'The background shows the discriminator\'s verdict D(x): the chance it gives that a point at that spot is real.'}{' '}
              The generator only ever learns through this verdict: the arrow on each generated point shows which way it is pushed, uphill
              towards "real". Arrow lengths compare within one picture: the longest is the strongest pull right now.
            </p>
            <h3>Watch for</h3>
            <p>
              Fakes sliding along their arrows onto the real data; the verdict flattening out as the discriminator runs out of ways to tell
              them apart; the mesh folding to cover every cluster, or bunching onto just a few (mode collapse).
            </p>
          </div>
        </div>
      </div>
    </section>
  );
}
