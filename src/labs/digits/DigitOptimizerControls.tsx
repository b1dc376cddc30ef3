/**
 * How each network updates its weights: the optimizer, its learning rate and
 * its memory settings, G and D side by side, with one explanation per row.
 */
import { useId } from 'react';
import type { DigitGanSettings } from '../../core/mnist/digitGanSettings';
import { OptimizerFields, type OptimizerFieldsProps } from '../shared/OptimizerFields';
import { withNetwork, type DigitNetworkName } from './digitSettingsEdits';

const OPTIMIZER_LABELS = { adam: 'Adam', sgd: 'SGD' };

const COLUMNS: Record<DigitNetworkName, { short: string; testIds: OptimizerFieldsProps['testIds'] }> = {
  generator: { short: 'G', testIds: { optimizer: 'generator-optimizer', learningRate: 'g-learning-rate' } },
  discriminator: { short: 'D', testIds: { optimizer: 'discriminator-optimizer', learningRate: 'd-learning-rate' } },
};

export interface DigitOptimizerControlsProps {
  settings: DigitGanSettings;
  onEdit(next: DigitGanSettings): void;
}

export function DigitOptimizerControls({ settings, onEdit }: DigitOptimizerControlsProps) {
  const base = useId();
  const help = { optimizer: `${base}-optimizer`, rate: `${base}-rate`, memory: `${base}-memory` };
  const notes: OptimizerFieldsProps['notes'] = {
    optimizer: { describedBy: help.optimizer },
    learningRate: { describedBy: help.rate },
    momentum: { describedBy: help.memory },
    beta1: { describedBy: help.memory },
    beta2: { describedBy: help.memory },
  };
  return (
    <>
      <div className="field-row">
        {(['generator', 'discriminator'] as const).map((name) => (
          <div key={name} className="optimizer-column">
            <OptimizerFields net={settings[name]} onEdit={(next) => onEdit(withNetwork(settings, name, next))} optimizerLabels={OPTIMIZER_LABELS}
              notes={notes} network={COLUMNS[name].short} testIds={COLUMNS[name].testIds} />
          </div>
        ))}
      </div>
      <div className="optimizer-help">
        <p className="field-help" id={help.optimizer}>
          <strong>Optimizer</strong>: Adam sizes each weight's step by how steady its gradient has been, the usual choice for GANs. SGD
          follows the gradient with some momentum and needs a larger learning rate (try 0.01 to 0.1).
        </p>
        <p className="field-help" id={help.rate}>
          <strong>Learning rate</strong>: how big each update is. Too small and the grid barely changes; too big and the digits flicker,
          smear or blow up.
        </p>
        <p className="field-help" id={help.memory}>
          <strong>β1, β2</strong>: Adam's memory of past gradients (GANs use β1 = 0.5) and of their sizes. <strong>Momentum</strong>: how
          much of SGD's last update carries on.
        </p>
      </div>
    </>
  );
}
