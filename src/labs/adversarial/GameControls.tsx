/** The rules of the contest: the loss, how the discriminator is trained, and the batch. */
import { LIMITS, type GanSettings, type LossKind } from '../../core/adversarial/ganSettings';
import { NumberField, SelectField, type SelectOption } from '../shared/formFields';
import { withBatchSize, withPacking } from './settingsEdits';

const LOSSES: SelectOption<LossKind>[] = [
  { value: 'minimax', label: 'Minimax (original, saturating)' },
  { value: 'nonSaturating', label: 'Non-saturating' },
  { value: 'leastSquares', label: 'Least squares (LSGAN)' },
  { value: 'wganGp', label: 'Wasserstein with gradient penalty (WGAN-GP)' },
  { value: 'hinge', label: 'Hinge' },
];

const LOSS_HELP: Record<LossKind, string> = {
  minimax:
    'The original game: the generator minimises log(1 − D(fake)). True to the theory, but when the discriminator confidently rejects the fakes, the generator gets almost no gradient.',
  nonSaturating:
    'The generator maximises log D(fake) instead. Same goal, but a strong pull exactly when the generator is losing. The usual choice.',
  leastSquares:
    'Squared errors instead of log-loss: fakes keep being pulled towards the data even when they are already judged fairly real.',
  wganGp:
    'The discriminator becomes a critic that gives scores, not probabilities. A gradient penalty keeps its slope gentle, so its pull never vanishes.',
  hinge: 'The discriminator only learns from samples near or beyond a safety margin. Popular in large image GANs.',
};

const PACKINGS = Array.from({ length: LIMITS.packing.max }, (_, i) => ({
  value: String(i + 1),
  label: i === 0 ? '1 (off)' : `${i + 1} samples at once`,
}));

export function GameControls(props: { settings: GanSettings; onEdit(next: GanSettings): void }) {
  const { settings, onEdit } = props;
  const probabilistic = settings.loss !== 'wganGp' && settings.loss !== 'hinge';
  return (
    <>
      <SelectField label="Loss" value={settings.loss} options={LOSSES} help={LOSS_HELP[settings.loss]} onChange={(loss) => onEdit({ ...settings, loss })} />
      {settings.loss === 'wganGp' ? (
        <NumberField
          label="Gradient penalty weight λ"
          value={settings.gpWeight}
          min={LIMITS.gpWeight.min}
          max={LIMITS.gpWeight.max}
          help="How strongly the critic is kept gentle (slope near 1). Too low and it can turn into a cliff again."
          onChange={(gpWeight) => onEdit({ ...settings, gpWeight })}
        />
      ) : null}
      <NumberField
        label="Real label (one-sided label smoothing)"
        value={settings.realLabel}
        min={LIMITS.realLabel.min}
        max={LIMITS.realLabel.max}
        help={
          probabilistic
            ? 'The target the discriminator aims for on real samples. 1 means off; 0.9 stops it from becoming over-confident.'
            : 'Only used by the probability losses (minimax, non-saturating, least squares); this loss ignores it.'
        }
        onChange={(realLabel) => onEdit({ ...settings, realLabel })}
      />
      <SelectField
        label="Packing (PacGAN)"
        value={String(settings.packing)}
        options={PACKINGS}
        help="The discriminator judges several samples together. A generator that makes the same point over and over then gives itself away. The batch size is rounded to a multiple of this."
        onChange={(m) => onEdit(withPacking(settings, Number(m)))}
      />
      <NumberField
        label="Discriminator steps per generator step (k)"
        value={settings.dSteps}
        min={LIMITS.dSteps.min}
        max={LIMITS.dSteps.max}
        integer
        help="How many times the discriminator trains before the generator gets one turn. A higher k makes a stronger opponent."
        onChange={(dSteps) => onEdit({ ...settings, dSteps })}
      />
      <NumberField
        label="Batch size"
        value={settings.batchSize}
        min={LIMITS.batchSize.min}
        max={LIMITS.batchSize.max}
        integer
        help="Samples per step. Bigger batches give steadier but slower steps."
        onChange={(batch) => onEdit(withBatchSize(settings, batch))}
      />
    </>
  );
}
