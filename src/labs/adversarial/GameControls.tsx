/** The rules of the contest: the loss, how the discriminator is trained, and the batch. */
import { LIMITS, type GanSettings } from '../../core/pointGan/ganSettings';
import { GanRulesFields, type GanRulesText } from '../shared/GanRulesFields';
import { SelectField } from '../shared/formFields';
import { withBatchSize, withPacking } from './settingsEdits';

const TEXT: GanRulesText = {
  lossLabels: {
    minimax: 'Minimax (original, saturating)',
    nonSaturating: 'Non-saturating',
    leastSquares: 'Least squares (LSGAN)',
    wganGp: 'Wasserstein with gradient penalty (WGAN-GP)',
    hinge: 'Hinge',
  },
  lossHelp: {
    minimax:
      'The original game: the generator minimises log(1 − D(fake)). True to the theory, but when the discriminator confidently rejects the fakes, the generator gets almost no gradient.',
    nonSaturating:
      'The generator maximises log D(fake) instead. Same goal, but a strong pull exactly when the generator is losing. The usual choice.',
    leastSquares:
      'Squared errors instead of log-loss: fakes keep being pulled towards the data even when they are already judged fairly real.',
    wganGp:
      'The discriminator becomes a critic that gives scores, not probabilities. A gradient penalty keeps its slope gentle, so its pull never vanishes.',
    hinge: 'The discriminator only learns from samples near or beyond a safety margin. Popular in large image GANs.',
  },
  gpWeight: 'How strongly the critic is kept gentle (slope near 1). Too low and it can turn into a cliff again.',
  realLabel: 'The target the discriminator aims for on real samples. 1 means off; 0.9 stops it from becoming over-confident.',
  realLabelIgnored: 'Only used by the probability losses (minimax, non-saturating, least squares); this loss ignores it.',
  dStepsLabel: 'Discriminator steps per generator step (k)',
  dSteps: 'How many times the discriminator trains before the generator gets one turn. A higher k makes a stronger opponent.',
  batchSize: 'Samples per step. Bigger batches give steadier but slower steps.',
};

const PACKINGS = Array.from({ length: LIMITS.packing.max }, (_, i) => ({
  value: String(i + 1),
  label: i === 0 ? '1 (off)' : `${i + 1} samples at once`,
}));

/** Off, the decay the measurements favour, and a slower one that lags within a few thousand steps. */
const AVERAGE_CHOICES = [
  { value: '0', label: 'Off' },
  { value: '0.99', label: 'Decay 0.99 (last ~100 steps)' },
  { value: '0.999', label: 'Decay 0.999 (last ~1,000 steps)' },
];

type Choice = { value: string; label: string };

/** The choices, and `current` too when a link carried another allowed value, so the field shows what is running. */
function choicesWith(choices: Choice[], current: string, label: (value: string) => string): Choice[] {
  return choices.some((o) => o.value === current) ? choices : [...choices, { value: current, label: label(current) }];
}

/** Off, and decays that end within a short, a medium and a long run. */
const DECAY_CHOICES = [
  { value: '0', label: 'Off' },
  { value: '2000', label: 'Over 2,000 steps' },
  { value: '4000', label: 'Over 4,000 steps' },
  { value: '6000', label: 'Over 6,000 steps' },
  { value: '8000', label: 'Over 8,000 steps' },
];

/** The settings with an optional setting (the generator's average, the learning-rate decay) at `value`, or without it for 0 (off). */
function withOptional(settings: GanSettings, key: 'generatorAverage' | 'learningRateDecay', value: number): GanSettings {
  const next: GanSettings = { ...settings };
  if (value > 0) next[key] = value;
  else delete next[key];
  return next;
}

export function GameControls(props: { settings: GanSettings; onEdit(next: GanSettings): void }) {
  const { settings, onEdit } = props;
  // The batch size stays a multiple of the packing.
  return (
    <GanRulesFields settings={settings} text={TEXT} batchSizeRange={LIMITS.batchSize}
      onEdit={(next) => onEdit(next.batchSize === settings.batchSize ? next : withBatchSize(settings, next.batchSize))}>
      <SelectField label="Packing (PacGAN)" value={String(settings.packing)} options={PACKINGS}
        help="The discriminator judges several samples together. A generator that makes the same point over and over then gives itself away. The batch size is rounded to a multiple of this."
        onChange={(m) => onEdit(withPacking(settings, Number(m)))} />
      <SelectField label="Average the generator's weights" value={String(settings.generatorAverage ?? 0)}
        options={choicesWith(AVERAGE_CHOICES, String(settings.generatorAverage ?? 0), (v) => `Decay ${v}`)} testId="generator-average"
        help={"The averaged generator smooths out the duel's back-and-forth, so its points (amber diamonds on the plot) settle on the modes while the live generator still swings. " +
          'Training itself is unchanged. A saved model file keeps the networks but not the average: after loading one, turn this on again and the average starts from the loaded generator.'}
        onChange={(v) => onEdit(withOptional(settings, 'generatorAverage', Number(v)))} />
      <SelectField label="Lower the learning rates over time" value={String(settings.learningRateDecay ?? 0)}
        options={choicesWith(DECAY_CHOICES, String(settings.learningRateDecay ?? 0), (v) => `Over ${Number(v).toLocaleString('en-US')} steps`)} testId="learning-rate-decay"
        help={`Both learning rates fall smoothly to a twentieth of their set values over this many generator steps, then stay there: big steps early find the modes, small steps late let the fakes settle onto them instead of being jostled off.`}
        onChange={(v) => onEdit(withOptional(settings, 'learningRateDecay', Number(v)))} />
    </GanRulesFields>
  );
}
