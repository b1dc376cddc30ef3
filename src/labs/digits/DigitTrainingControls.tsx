/** The rules of the contest for digits: the loss (named as in the 2D lab), label smoothing, turns, batch and seed. */
import { LOSS_KINDS, type LossKind } from '../../core/shared/ganOptions';
import { DIGIT_LIMITS, type DigitGanSettings } from '../../core/digits/digitGanSettings';
import { LOSS_LABELS } from '../shared/lossLabels';
import { NumberField, SelectField } from '../shared/formFields';
import { isCriticLoss } from './gridCaptions';

const capitalised = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);
const LOSSES = LOSS_KINDS.map((value) => ({ value, label: capitalised(LOSS_LABELS[value]) }));

const LOSS_HELP: Record<LossKind, string> = {
  minimax: 'The textbook game: G tries to push log(1 − D(fake)) down. Early on, when D easily spots the static, G hardly feels any pull.',
  nonSaturating: 'G tries to push log D(fake) up: the textbook aim, turned so that the pull is strongest just when G is losing. The usual choice.',
  leastSquares: 'D scores with squared distances from the targets, so fakes keep being nudged towards "real" even once they pass.',
  wganGp: 'D becomes a critic giving scores, not probabilities, and a gradient penalty keeps its slopes moderate. Slower per step; try k = 5.',
  hinge: 'D only learns from digits it judges wrongly or too narrowly. Common in large image GANs.',
};

export function DigitTrainingControls(props: { settings: DigitGanSettings; onEdit(next: DigitGanSettings): void }) {
  const { settings, onEdit } = props;
  return (
    <>
      <SelectField
        label="Loss"
        value={settings.loss}
        options={LOSSES}
        testId="loss"
        help={LOSS_HELP[settings.loss]}
        onChange={(loss) => onEdit({ ...settings, loss })}
      />
      {settings.loss === 'wganGp' ? (
        <NumberField
          label="Gradient penalty weight λ"
          value={settings.gpWeight}
          min={DIGIT_LIMITS.gpWeight.min}
          max={DIGIT_LIMITS.gpWeight.max}
          help="How firmly the critic's slopes are held near 1. 10 is the usual value."
          onChange={(gpWeight) => onEdit({ ...settings, gpWeight })}
        />
      ) : null}
      <NumberField
        label="Real label (one-sided label smoothing)"
        value={settings.realLabel}
        min={DIGIT_LIMITS.realLabel.min}
        max={DIGIT_LIMITS.realLabel.max}
        testId="real-label"
        help={isCriticLoss(settings.loss)
          ? 'Only the probability losses (minimax, non-saturating, least squares) use it; this loss ignores it.'
          : 'What D aims to say for real digits. 1 turns it off; 0.9 keeps D from growing so sure of itself that G stops learning.'}
        onChange={(realLabel) => onEdit({ ...settings, realLabel })}
      />
      <NumberField
        label="D steps per G step (k)"
        value={settings.dSteps}
        min={DIGIT_LIMITS.dSteps.min}
        max={DIGIT_LIMITS.dSteps.max}
        integer
        help="How many turns the discriminator takes before the generator gets one. A higher k gives a sharper critic but slower progress."
        onChange={(dSteps) => onEdit({ ...settings, dSteps })}
      />
      <NumberField
        label="Batch size"
        value={settings.batchSize}
        min={DIGIT_LIMITS.batchSize.min}
        max={DIGIT_LIMITS.batchSize.max}
        integer
        testId="batch-size"
        help="Real and fake digits per step. Bigger batches give steadier but slower steps."
        onChange={(batchSize) => onEdit({ ...settings, batchSize })}
      />
      <NumberField
        label="Seed"
        value={settings.seed}
        min={DIGIT_LIMITS.seed.min}
        max={DIGIT_LIMITS.seed.max}
        integer
        testId="seed"
        help="Picks the starting weights, the fixed noise of the sample grid and the order of the real digits. Same seed, same run."
        onChange={(seed) => onEdit({ ...settings, seed })}
      />
    </>
  );
}
