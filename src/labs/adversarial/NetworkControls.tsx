/** The architecture and optimiser of one network (generator or discriminator). */
import { useId } from 'react';
import {
  LIMITS, NOISE_KINDS, type Activation, type GanSettings, type NoiseKind, type OptimizerKind,
} from '../../core/adversarial/ganSettings';
import { NumberField, SelectField, type SelectOption } from '../shared/formFields';
import { describeShape, networkShape, resizeHidden, withNetwork, type NetworkName } from './settingsEdits';

const ACTIVATIONS: SelectOption<Activation>[] = [
  { value: 'relu', label: 'ReLU' },
  { value: 'leakyRelu', label: 'Leaky ReLU' },
  { value: 'tanh', label: 'tanh' },
];

const OPTIMIZERS: SelectOption<OptimizerKind>[] = [
  { value: 'adam', label: 'Adam' },
  { value: 'sgd', label: 'SGD with momentum' },
];

const NOISE_LABELS: Record<NoiseKind, string> = { uniform: 'Uniform (a square)', gaussian: 'Gaussian (a round cloud)' };

const LAYER_COUNTS = Array.from({ length: LIMITS.hiddenLayers.max - LIMITS.hiddenLayers.min + 1 }, (_, i) => {
  const n = LIMITS.hiddenLayers.min + i;
  return { value: String(n), label: n === 0 ? '0 (a straight linear map)' : String(n) };
});

const ROLE_TEXT: Record<NetworkName, string> = {
  generator: 'The generator turns random noise into points. It never sees the real data: it only learns from the discriminator\'s verdict.',
  discriminator: 'The discriminator looks at a point and says how real it seems. It learns from both real and fake samples.',
};

export function NetworkControls(props: { name: NetworkName; settings: GanSettings; onEdit(next: GanSettings): void }) {
  const { name, settings, onEdit } = props;
  const net = settings[name];
  const short = name === 'generator' ? 'G' : 'D';
  const edit = (change: Parameters<typeof withNetwork>[2]) => onEdit(withNetwork(settings, name, change));
  const unitsHelpId = useId();

  return (
    <>
      <p className="section-intro">{ROLE_TEXT[name]}</p>
      <p className="shape-readout">
        Shape: <span className="mono">{short}: {describeShape(networkShape(settings, name))}</span>
      </p>
      {name === 'generator' ? (
        <>
          <NumberField
            label="Noise dimension"
            value={settings.noiseDim}
            min={LIMITS.noiseDim.min}
            max={LIMITS.noiseDim.max}
            integer
            help="How many random numbers feed each fake point. With 1, the generator can only draw a curve."
            onChange={(noiseDim) => onEdit({ ...settings, noiseDim })}
          />
          <SelectField
            label="Noise distribution"
            value={settings.noiseKind}
            options={NOISE_KINDS.map((k) => ({ value: k, label: NOISE_LABELS[k] }))}
            help="Where the noise comes from. The generator must stretch and fold this shape into the data."
            onChange={(noiseKind) => onEdit({ ...settings, noiseKind })}
          />
        </>
      ) : null}
      <SelectField
        label="Hidden layers"
        value={String(net.hidden.length)}
        options={LAYER_COUNTS}
        help="More layers let the network bend space in more complicated ways, but train more slowly."
        onChange={(n) => edit({ hidden: resizeHidden(net.hidden, Number(n)) })}
      />
      {net.hidden.length > 0 ? (
        <div className="units-grid">
          {net.hidden.map((units, i) => (
            <NumberField
              key={i}
              label={`Layer ${i + 1} units`}
              value={units}
              min={LIMITS.units.min}
              max={LIMITS.units.max}
              integer
              describedBy={unitsHelpId}
              onChange={(u) => edit({ hidden: net.hidden.map((old, j) => (j === i ? u : old)) })}
            />
          ))}
          <p className="field-help" id={unitsHelpId} style={{ gridColumn: '1 / -1', margin: '0 0 0.9rem' }}>
            Units (neurons) in each hidden layer, layer 1 nearest the input. More units can draw finer shapes, but train more slowly.
          </p>
        </div>
      ) : null}
      <SelectField
        label="Activation"
        value={net.activation}
        options={ACTIVATIONS}
        help="The bend applied after each hidden layer. ReLU makes sharp creases; tanh makes smooth curves."
        onChange={(activation) => edit({ activation })}
      />
      <SelectField
        label="Optimizer"
        value={net.optimizer}
        options={OPTIMIZERS}
        help="How the weights move after each step. Adam adapts its step size per weight; SGD follows the gradient with some momentum."
        onChange={(optimizer) => edit({ optimizer })}
      />
      <NumberField
        label="Learning rate"
        value={net.learningRate}
        min={LIMITS.learningRate.min}
        max={LIMITS.learningRate.max}
        help="How big each update is. Too small: nothing happens. Too big: training swings wildly or blows up."
        onChange={(learningRate) => edit({ learningRate })}
      />
      {net.optimizer === 'sgd' ? (
        <NumberField
          label="Momentum"
          value={net.momentum}
          min={LIMITS.momentum.min}
          max={LIMITS.momentum.max}
          help="How much of the previous update carries on (0 = plain SGD). High momentum can overshoot and circle."
          onChange={(momentum) => edit({ momentum })}
        />
      ) : (
        <div className="field-row">
          <NumberField
            label="Adam β1"
            value={net.beta1}
            min={LIMITS.beta.min}
            max={LIMITS.beta.max}
            help="Memory of past gradients. GANs often use 0.5."
            onChange={(beta1) => edit({ beta1 })}
          />
          <NumberField
            label="Adam β2"
            value={net.beta2}
            min={LIMITS.beta.min}
            max={LIMITS.beta.max}
            help="Memory of past gradient sizes."
            onChange={(beta2) => edit({ beta2 })}
          />
        </div>
      )}
    </>
  );
}
