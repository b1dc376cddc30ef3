/**
 * The three curves every GAN lab draws first: both losses, the discriminator's verdicts on
 * real and fake samples (scores, for a critic), and the size of each network's gradient.
 * Each lab gives the words under the charts.
 */
import { ChartBlock } from './MetricsPanelFrame';
import type { StepPoint } from './chartSeries';
import { GAN_COLORS } from './palettes';

/** Okabe–Ito colours (palettes.ts): distinguishable with every common colour-vision deficiency. */
export { GAN_COLORS };

export type GanStepPoint = StepPoint & { dLoss: number; gLoss: number; dReal: number; dFake: number; gradNormD: number; gradNormG: number };

interface ChartNotes {
  shows: string;
  watch: string;
}

export interface GanCurvesText {
  losses: ChartNotes;
  /** The verdicts as probabilities, or as a critic's scores (WGAN-GP, hinge). */
  verdicts: ChartNotes;
  criticScores: ChartNotes;
  gradients: ChartNotes;
}

export interface GanCurvesProps<P extends GanStepPoint> {
  points: P[];
  critic: boolean;
  /** Put before each chart's id ("digit-" gives "digit-chart-losses"). */
  idPrefix: string;
  text: GanCurvesText;
}

export function GanCurves<P extends GanStepPoint>({ points, critic, idPrefix, text }: GanCurvesProps<P>) {
  const networks = (d: keyof P, g: keyof P) => [{ field: d, label: 'Discriminator', color: GAN_COLORS.d }, { field: g, label: 'Generator', color: GAN_COLORS.g }];
  return (
    <>
      <ChartBlock id={`${idPrefix}chart-losses`} title="Losses" points={points} yLabel="loss" series={networks('dLoss', 'gLoss')} {...text.losses} />
      <ChartBlock id={`${idPrefix}chart-verdicts`} title={critic ? 'Critic scores' : 'D(real) and D(fake)'} points={points}
        yLabel={critic ? 'score' : 'verdict'} yDomain={critic ? undefined : [0, 1]}
        referenceLines={critic ? undefined : [{ value: 0.5, label: 'balance (0.5)' }]}
        series={[{ field: 'dReal', label: 'D(real)', color: GAN_COLORS.real }, { field: 'dFake', label: 'D(fake)', color: GAN_COLORS.fake }]}
        {...(critic ? text.criticScores : text.verdicts)} />
      <ChartBlock id={`${idPrefix}chart-gradients`} title="Gradient norms" points={points} yLabel="gradient norm" logScale
        series={networks('gradNormD', 'gradNormG')} {...text.gradients} />
    </>
  );
}
