/** The live training curves, each with what it shows and what to watch for. */
import type { ReactNode } from 'react';
import type { LossKind } from '../../core/adversarial/ganSettings';
import type { MetricPoint } from '../../protocol/adversarial/adversarialProtocol';
import { MetricChart } from '../shared/MetricChart';

/** Okabe–Ito colours: distinguishable with every common colour-vision deficiency. */
const COLORS = { d: '#0072B2', g: '#D55E00', real: '#009E73', fake: '#CC79A7', kl: '#E69F00', js: '#56B4E9', other: '#000000' } as const;

export interface MetricsPanelProps {
  metrics: MetricPoint[];
  loss: LossKind;
  /** Clusters of the current mixture, or null when the data has no clusters. */
  modeCount: number | null;
}

function ChartBlock(props: { children: ReactNode; shows: ReactNode; watch: ReactNode }) {
  return (
    <div className="chart-block">
      {props.children}
      <p className="chart-text"><strong>Shows: </strong>{props.shows}</p>
      <p className="chart-text"><strong>Watch for: </strong>{props.watch}</p>
    </div>
  );
}

export function MetricsPanel({ metrics, loss, modeCount }: MetricsPanelProps) {
  const critic = loss === 'wganGp' || loss === 'hinge';
  return (
    <section className="panel metrics-panel" aria-labelledby="metrics-heading">
      <h2 id="metrics-heading" className="panel-title">Training curves</h2>
      <p className="panel-intro">
        Each point is one snapshot, plotted against generator steps. Hover over a chart to read every value at that step.
      </p>
      <div className="charts-grid">
        <ChartBlock
          shows="How badly each network is doing at its own job. The two losses pull against each other, so neither simply falls to zero."
          watch="Both settling into a steady wobble. A discriminator loss near zero means it has won outright and the generator is lost."
        >
          <MetricChart id="chart-losses" title="Losses" points={metrics} yLabel="loss"
            series={[{ field: 'dLoss', label: 'Discriminator', color: COLORS.d }, { field: 'gLoss', label: 'Generator', color: COLORS.g }]} />
        </ChartBlock>

        <ChartBlock
          shows={critic
            ? "The critic's average score on real and on fake samples. Scores have no fixed scale; what matters is the gap between them."
            : "The discriminator's average verdict on real and on fake samples. At the perfect balance it cannot tell them apart and says 0.5 for both."}
          watch={critic
            ? 'The gap closing as the fakes improve.'
            : 'D(real) stuck near 1 with D(fake) near 0 (the discriminator wins), or both swinging up and down (oscillation).'}
        >
          <MetricChart id="chart-verdicts" title={critic ? 'Critic scores' : 'D(real) and D(fake)'} points={metrics}
            yLabel={critic ? 'score' : 'verdict'} yDomain={critic ? undefined : [0, 1]}
            referenceLines={critic ? undefined : [{ value: 0.5, label: 'balance (0.5)' }]}
            series={[{ field: 'dReal', label: 'D(real)', color: COLORS.real }, { field: 'dFake', label: 'D(fake)', color: COLORS.fake }]} />
        </ChartBlock>

        <ChartBlock
          shows="How hard each network's weights are being pushed (the size of its gradient), on a log scale: each gridline is ten times the one below."
          watch="The generator's line sinking towards zero (vanishing gradients: it has stopped learning), or a line shooting up just before training blows up."
        >
          <MetricChart id="chart-gradients" title="Gradient norms" points={metrics} yLabel="gradient norm" logScale
            series={[{ field: 'gradNormD', label: 'Discriminator', color: COLORS.d }, { field: 'gradNormG', label: 'Generator', color: COLORS.g }]} />
        </ChartBlock>

        <ChartBlock
          shows="How different the fake points are from the real ones, counted on a grid over the plot (0 means the same). KL grows large when the generator misses parts of the data."
          watch="A fall as the generator improves. KL staying high while JS falls often means some clusters are missed."
        >
          <MetricChart id="chart-kl" title="KL divergence" points={metrics} yLabel="nats"
            series={[{ field: 'kl', label: 'KL(real ‖ fake)', color: COLORS.kl }]} />
        </ChartBlock>
        <ChartBlock
          shows="The Jensen–Shannon divergence on the same grid. Unlike KL it is bounded: it can never exceed ln 2 ≈ 0.69."
          watch="A fall towards 0 as the generator improves; stuck near ln 2 means fakes and reals barely overlap."
        >
          <MetricChart id="chart-js" title="JS divergence" points={metrics} yLabel="nats" yDomain={[0, 0.75]}
            referenceLines={[{ value: Math.LN2, label: 'maximum (ln 2)' }]}
            series={[{ field: 'js', label: 'JS', color: COLORS.js }]} />
        </ChartBlock>

        {modeCount !== null ? (
          <>
            <ChartBlock
              shows="How many real clusters have at least one generated sample within 3σ of their centre."
              watch={`The line climbing to ${modeCount}. Stuck low, or jumping around, means mode collapse: the generator covers only a few clusters.`}
            >
              <MetricChart id="chart-modes" title="Clusters covered" points={metrics} yLabel="clusters" yDomain={[0, modeCount]} format="integer"
                referenceLines={[{ value: modeCount, label: `all ${modeCount}` }]}
                series={[{ field: 'modesCovered', label: 'Clusters covered', color: COLORS.g }]} />
            </ChartBlock>
            <ChartBlock
              shows="The share of generated samples that land within 3σ of some real cluster (1 means all of them)."
              watch="High quality with few clusters covered is the signature of mode collapse: sharp fakes, but not enough variety."
            >
              <MetricChart id="chart-quality" title="High-quality samples" points={metrics} yLabel="share of samples" yDomain={[0, 1]}
                series={[{ field: 'highQuality', label: 'High-quality share', color: COLORS.real }]} />
            </ChartBlock>
          </>
        ) : null}

        {loss === 'wganGp' ? (
          <ChartBlock
            shows="The critic's estimate of the Wasserstein distance: roughly how far the fake points must travel to match the real ones."
            watch="A steady fall towards zero as the generator improves. Unlike the other losses, this one really does track quality."
          >
            <MetricChart id="chart-wasserstein" title="Wasserstein estimate" points={metrics} yLabel="distance"
              series={[{ field: 'wasserstein', label: 'E[D(real)] − E[D(fake)]', color: COLORS.other }]} />
          </ChartBlock>
        ) : null}
      </div>
    </section>
  );
}
