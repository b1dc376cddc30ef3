/** The live training curves, each with what it shows and what to watch for. */
import type { LossKind } from '../../core/pointGan/ganSettings';
import type { MetricPoint } from '../../protocol/adversarial/adversarialProtocol';
import { GanCurves, type GanCurvesText } from '../shared/GanCurves';
import { DISTANCE_COLORS, GAN_COLORS } from '../shared/palettes';
import { ChartBlock, MetricsPanelFrame } from '../shared/MetricsPanelFrame';

/** Okabe–Ito colours, as GAN_COLORS. */
const COLORS = { ...GAN_COLORS, ...DISTANCE_COLORS } as const;

const GAN_TEXT: GanCurvesText = {
  losses: {
    shows: 'How badly each network is doing at its own job. The two losses pull against each other, so neither simply falls to zero.',
    watch: 'Both settling into a steady wobble. A discriminator loss near zero means it has won outright and the generator is lost.',
  },
  verdicts: {
    shows: "The discriminator's average verdict on real and on fake samples. At the perfect balance it cannot tell them apart and says 0.5 for both.",
    watch: 'D(real) stuck near 1 with D(fake) near 0 (the discriminator wins), or both swinging up and down (oscillation).',
  },
  criticScores: {
    shows: "The critic's average score on real and on fake samples. Scores have no fixed scale; what matters is the gap between them.",
    watch: 'The gap closing as the fakes improve.',
  },
  gradients: {
    shows: "How hard each network's weights are being pushed (the size of its gradient), on a log scale: each gridline is ten times the one below.",
    watch: "The generator's line sinking towards zero (vanishing gradients: it has stopped learning), or a line shooting up just before training blows up.",
  },
};

export interface MetricsPanelProps {
  metrics: MetricPoint[];
  loss: LossKind;
  /** Clusters of the current mixture, or null when the data has no clusters. */
  modeCount: number | null;
}

export function MetricsPanel({ metrics, loss, modeCount }: MetricsPanelProps) {
  const critic = loss === 'wganGp' || loss === 'hinge';
  // The curves download with the other results (ImportExportPanel), so the frame offers no CSV here.
  return (
    <MetricsPanelFrame headingId="metrics-heading"
      intro="Each point is one snapshot, plotted against generator steps. Hover over a chart to read every value at that step.">
      <GanCurves points={metrics} critic={critic} idPrefix="" text={GAN_TEXT} />
      <ChartBlock id="chart-kl" title="KL divergence" points={metrics} yLabel="nats" series={[{ field: 'kl', label: 'KL(real ‖ fake)', color: COLORS.kl }]}
        shows="How different the fake points are from the real ones, counted on a grid over the plot (0 means the same). KL grows large when the generator misses parts of the data."
        watch="A fall as the generator improves. KL staying high while JS falls often means some clusters are missed." />
      <ChartBlock id="chart-js" title="JS divergence" points={metrics} yLabel="nats" yDomain={[0, 0.75]}
        referenceLines={[{ value: Math.LN2, label: 'maximum (ln 2)' }]} series={[{ field: 'js', label: 'JS', color: COLORS.js }]}
        shows="The Jensen–Shannon divergence on the same grid. Unlike KL it is bounded: it can never exceed ln 2 ≈ 0.69."
        watch="A fall towards 0 as the generator improves; stuck near ln 2 means fakes and reals barely overlap." />
      {modeCount !== null ? (
        <>
          <ChartBlock id="chart-modes" title="Clusters covered" points={metrics} yLabel="clusters" yDomain={[0, modeCount]} format="integer"
            referenceLines={[{ value: modeCount, label: `all ${modeCount}` }]}
            series={[{ field: 'modesCovered', label: 'Clusters covered', color: COLORS.g }]}
            shows="How many real clusters have at least one generated sample within 3σ of their centre."
            watch={`The line climbing to ${modeCount}. Stuck low, or jumping around, means mode collapse: the generator covers only a few clusters.`} />
          <ChartBlock id="chart-quality" title="High-quality samples" points={metrics} yLabel="share of samples" yDomain={[0, 1]}
            series={[{ field: 'highQuality', label: 'High-quality share', color: COLORS.real }]}
            shows="The share of generated samples that land within 3σ of some real cluster (1 means all of them)."
            watch="High quality with few clusters covered is the signature of mode collapse: sharp fakes, but not enough variety." />
        </>
      ) : null}
      {loss === 'wganGp' ? (
        <ChartBlock id="chart-wasserstein" title="Wasserstein estimate" points={metrics} yLabel="distance"
          series={[{ field: 'wasserstein', label: 'E[D(real)] − E[D(fake)]', color: COLORS.other }]}
          shows="The critic's estimate of the Wasserstein distance: roughly how far the fake points must travel to match the real ones."
          watch="A steady fall towards zero as the generator improves. Unlike the other losses, this one really does track quality." />
      ) : null}
    </MetricsPanelFrame>
  );
}
