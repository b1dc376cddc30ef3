/**
 * One network's optimizer, as both GAN labs offer it: the kind, the learning rate, and the
 * memory that goes with the kind (SGD's momentum, or Adam's β1 and β2). Each lab gives the
 * words: a note under every field, or the id of a note it shares with other fields.
 */
import type { ReactNode } from 'react';
import { GAN_OPTION_LIMITS, type OptimizerKind, type OptimizerSettings } from '../../core/shared/ganOptions';
import { bindSettings } from './bindSettings';
import { NumberField, SelectField, optionsOf } from './formFields';

/** A field's own help, or the id of help it shares with other fields. */
export type FieldNote = { help: ReactNode } | { describedBy: string };

export interface OptimizerFieldsProps {
  net: OptimizerSettings;
  onEdit(next: OptimizerSettings): void;
  optimizerLabels: Record<OptimizerKind, string>;
  notes: Record<'optimizer' | 'learningRate' | 'momentum' | 'beta1' | 'beta2', FieldNote>;
  /** Names the network before each label ("G" gives "G learning rate"); without it the labels stand alone. */
  network?: string;
  testIds?: { optimizer: string; learningRate: string };
  /** β1 and β2 side by side; otherwise one under the other, as in a narrow column. */
  betasInRow?: boolean;
}

const capitalised = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

export function OptimizerFields({ net, onEdit, optimizerLabels, notes, network, testIds, betasInRow = false }: OptimizerFieldsProps) {
  const field = bindSettings(net, onEdit, GAN_OPTION_LIMITS);
  const label = (name: string) => (network ? `${network} ${name}` : capitalised(name));
  const betas = (
    <>
      <NumberField label={label('Adam β1')} {...field.number('beta1', GAN_OPTION_LIMITS.beta)} {...notes.beta1} />
      <NumberField label={label('Adam β2')} {...field.number('beta2', GAN_OPTION_LIMITS.beta)} {...notes.beta2} />
    </>
  );
  return (
    <>
      <SelectField label={label('optimizer')} {...field.choice('optimizer')} options={optionsOf(optimizerLabels)}
        testId={testIds?.optimizer} {...notes.optimizer} />
      <NumberField label={label('learning rate')} {...field.number('learningRate')} testId={testIds?.learningRate} {...notes.learningRate} />
      {net.optimizer === 'sgd' ? <NumberField label={label('momentum')} {...field.number('momentum')} {...notes.momentum} />
        : betasInRow ? <div className="field-row">{betas}</div> : betas}
    </>
  );
}
