/**
 * The rules of a GAN's contest, as both GAN labs offer them: the loss, the gradient penalty
 * (WGAN-GP only), the real label (ignored by the critic losses), the discriminator's turns and
 * the batch. Each lab gives the words and may add its own fields after the real label.
 */
import type { ReactNode } from 'react';
import { GAN_OPTION_LIMITS, type LossKind } from '../../core/shared/ganOptions';
import { bindSettings, type Range } from './bindSettings';
import { NumberField, SelectField, optionsOf } from './formFields';

export interface GanRules {
  loss: LossKind;
  gpWeight: number;
  realLabel: number;
  dSteps: number;
  batchSize: number;
}

export interface GanRulesText {
  lossLabels: Record<LossKind, string>;
  lossHelp: Record<LossKind, string>;
  gpWeight: string;
  /** For the probability losses; and for the critic losses, which ignore it. */
  realLabel: string;
  realLabelIgnored: string;
  dStepsLabel: string;
  dSteps: string;
  batchSize: string;
}

export interface GanRulesFieldsProps<S extends GanRules> {
  settings: S;
  onEdit(next: S): void;
  text: GanRulesText;
  batchSizeRange: Range;
  testIds?: Partial<Record<keyof GanRules, string>>;
  /** The lab's own fields, between the real label and the discriminator's turns. */
  children?: ReactNode;
}

export function GanRulesFields<S extends GanRules>({ settings, onEdit, text, batchSizeRange, testIds = {}, children }: GanRulesFieldsProps<S>) {
  const field = bindSettings<GanRules, typeof GAN_OPTION_LIMITS>(settings, (next) => onEdit({ ...settings, ...next }), GAN_OPTION_LIMITS);
  const critic = settings.loss === 'wganGp' || settings.loss === 'hinge';
  return (
    <>
      <SelectField label="Loss" {...field.choice('loss')} options={optionsOf(text.lossLabels)} testId={testIds.loss} help={text.lossHelp[settings.loss]} />
      {settings.loss === 'wganGp' ? (
        <NumberField label="Gradient penalty weight λ" {...field.number('gpWeight')} testId={testIds.gpWeight} help={text.gpWeight} />
      ) : null}
      <NumberField label="Real label (one-sided label smoothing)" {...field.number('realLabel')} testId={testIds.realLabel}
        help={critic ? text.realLabelIgnored : text.realLabel} />
      {children}
      <NumberField label={text.dStepsLabel} {...field.number('dSteps')} integer testId={testIds.dSteps} help={text.dSteps} />
      <NumberField label="Batch size" {...field.number('batchSize', batchSizeRange)} integer testId={testIds.batchSize} help={text.batchSize} />
    </>
  );
}
