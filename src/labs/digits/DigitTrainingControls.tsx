/** The rules of the contest for digits: the loss (named as in the 2D lab), label smoothing, turns, batch and seed. */
import { LOSS_KINDS, type LossKind } from '../../core/shared/ganOptions';
import { DIGIT_LIMITS, type DigitGanSettings } from '../../core/mnist/digitGanSettings';
import { GanRulesFields, type GanRulesText } from '../shared/GanRulesFields';
import { LOSS_LABELS } from '../shared/lossLabels';
import { bindSettings } from '../shared/bindSettings';
import { NumberField } from '../shared/formFields';

const capitalised = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

const TEXT: GanRulesText = {
  lossLabels: Object.fromEntries(LOSS_KINDS.map((kind) => [kind, capitalised(LOSS_LABELS[kind])])) as Record<LossKind, string>,
  lossHelp: {
    minimax: 'The textbook game: G tries to push log(1 − D(fake)) down. Early on, when D easily spots the static, G hardly feels any pull.',
    nonSaturating: 'G tries to push log D(fake) up: the textbook aim, turned so that the pull is strongest just when G is losing. The usual choice.',
    leastSquares: 'D scores with squared distances from the targets, so fakes keep being nudged towards "real" even once they pass.',
    wganGp: 'D becomes a critic giving scores, not probabilities, and a gradient penalty keeps its slopes moderate. Slower per step; try k = 5.',
    hinge: 'D only learns from digits it judges wrongly or too narrowly. Common in large image GANs.',
  },
  gpWeight: 'How firmly the critic\'s slopes are held near 1. 10 is the usual value.',
  realLabel: 'What D aims to say for real digits. 1 turns it off; 0.9 keeps D from growing so sure of itself that G stops learning.',
  realLabelIgnored: 'Only the probability losses (minimax, non-saturating, least squares) use it; this loss ignores it.',
  dStepsLabel: 'D steps per G step (k)',
  dSteps: 'How many turns the discriminator takes before the generator gets one. A higher k gives a sharper critic but slower progress.',
  batchSize: 'Real and fake digits per step. Bigger batches give steadier but slower steps.',
};

const TEST_IDS = { loss: 'loss', realLabel: 'real-label', batchSize: 'batch-size' };

export function DigitTrainingControls(props: { settings: DigitGanSettings; onEdit(next: DigitGanSettings): void }) {
  const { settings, onEdit } = props;
  const field = bindSettings(settings, onEdit, DIGIT_LIMITS);
  return (
    <>
      <GanRulesFields settings={settings} onEdit={onEdit} text={TEXT} batchSizeRange={DIGIT_LIMITS.batchSize} testIds={TEST_IDS} />
      <NumberField label="Seed" {...field.number('seed')} integer testId="seed"
        help="Picks the starting weights, the fixed noise of the sample grid and the order of the real digits. Same seed, same run." />
    </>
  );
}
