/**
 * How each network updates its weights: the optimizer, its learning rate and
 * its memory settings, G and D side by side, with one explanation per row.
 */
import { useId } from 'react';
import type { OptimizerKind } from '../../core/shared/ganOptions';
import { DIGIT_LIMITS, type DigitGanSettings } from '../../core/digits/digitGanSettings';
import { NumberField, SelectField, type SelectOption } from '../shared/formFields';
import { withNetwork, type DigitNetworkName } from './digitSettingsEdits';

const OPTIMIZERS: SelectOption<OptimizerKind>[] = [
  { value: 'adam', label: 'Adam' },
  { value: 'sgd', label: 'SGD' },
];

const SHORT: Record<DigitNetworkName, string> = { generator: 'G', discriminator: 'D' };

export interface DigitOptimizerControlsProps {
  settings: DigitGanSettings;
  onEdit(next: DigitGanSettings): void;
}

interface HelpIds {
  optimizer: string;
  rate: string;
  memory: string;
}

function NetworkColumn({ name, settings, onEdit, help }: DigitOptimizerControlsProps & { name: DigitNetworkName; help: HelpIds }) {
  const net = settings[name];
  const short = SHORT[name];
  const edit = (change: Parameters<typeof withNetwork>[2]) => onEdit(withNetwork(settings, name, change));
  return (
    <div className="optimizer-column">
      <SelectField label={`${short} optimizer`} value={net.optimizer} options={OPTIMIZERS} testId={`${name}-optimizer`}
        describedBy={help.optimizer} onChange={(optimizer) => edit({ optimizer })} />
      <NumberField label={`${short} learning rate`} value={net.learningRate} min={DIGIT_LIMITS.learningRate.min}
        max={DIGIT_LIMITS.learningRate.max} testId={name === 'generator' ? 'g-learning-rate' : 'd-learning-rate'}
        describedBy={help.rate} onChange={(learningRate) => edit({ learningRate })} />
      {net.optimizer === 'sgd' ? (
        <NumberField label={`${short} momentum`} value={net.momentum} min={DIGIT_LIMITS.momentum.min} max={DIGIT_LIMITS.momentum.max}
          describedBy={help.memory} onChange={(momentum) => edit({ momentum })} />
      ) : (
        <>
          <NumberField label={`${short} Adam β1`} value={net.beta1} min={DIGIT_LIMITS.beta.min} max={DIGIT_LIMITS.beta.max}
            describedBy={help.memory} onChange={(beta1) => edit({ beta1 })} />
          <NumberField label={`${short} Adam β2`} value={net.beta2} min={DIGIT_LIMITS.beta.min} max={DIGIT_LIMITS.beta.max}
            describedBy={help.memory} onChange={(beta2) => edit({ beta2 })} />
        </>
      )}
    </div>
  );
}

export function DigitOptimizerControls({ settings, onEdit }: DigitOptimizerControlsProps) {
  const base = useId();
  const help: HelpIds = { optimizer: `${base}-optimizer`, rate: `${base}-rate`, memory: `${base}-memory` };
  return (
    <>
      <div className="field-row">
        <NetworkColumn name="generator" settings={settings} onEdit={onEdit} help={help} />
        <NetworkColumn name="discriminator" settings={settings} onEdit={onEdit} help={help} />
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
