/** The architecture and optimiser of one network (generator or discriminator). */
import { useId } from 'react';
import { LIMITS, type Activation, type GanSettings, type NoiseKind } from '../../core/pointGan/ganSettings';
import { bindSettings } from '../shared/bindSettings';
import { NumberField, SelectField, optionsOf } from '../shared/formFields';
import { OptimizerFields, type OptimizerFieldsProps } from '../shared/OptimizerFields';
import { describeShape, networkShape, resizeHidden, withNetwork, type NetworkName } from './settingsEdits';

const ACTIVATIONS: Record<Activation, string> = { relu: 'ReLU', leakyRelu: 'Leaky ReLU', tanh: 'tanh' };

const NOISE_LABELS: Record<NoiseKind, string> = { uniform: 'Uniform (a square)', gaussian: 'Gaussian (a round cloud)' };

const LAYER_COUNTS = Array.from({ length: LIMITS.hiddenLayers.max - LIMITS.hiddenLayers.min + 1 }, (_, i) => {
  const n = LIMITS.hiddenLayers.min + i;
  return { value: String(n), label: n === 0 ? '0 (a straight linear map)' : String(n) };
});

const ROLE_TEXT: Record<NetworkName, string> = {
  generator: 'The generator turns random noise into points. It never sees the real data: it only learns from the discriminator\'s verdict.',
  discriminator: 'The discriminator looks at a point and says how real it seems. It learns from both real and fake samples.',
};

const OPTIMIZER_LABELS = { adam: 'Adam', sgd: 'SGD with momentum' };

const OPTIMIZER_NOTES: OptimizerFieldsProps['notes'] = {
  optimizer: { help: 'How the weights move after each step. Adam adapts its step size per weight; SGD follows the gradient with some momentum.' },
  learningRate: { help: 'How big each update is. Too small: nothing happens. Too big: training swings wildly or blows up.' },
  momentum: { help: 'How much of the previous update carries on (0 = plain SGD). High momentum can overshoot and circle.' },
  beta1: { help: 'Memory of past gradients. GANs often use 0.5.' },
  beta2: { help: 'Memory of past gradient sizes.' },
};

export function NetworkControls(props: { name: NetworkName; settings: GanSettings; onEdit(next: GanSettings): void }) {
  const { name, settings, onEdit } = props;
  const net = settings[name];
  const short = name === 'generator' ? 'G' : 'D';
  const edit = (change: Parameters<typeof withNetwork>[2]) => onEdit(withNetwork(settings, name, change));
  const field = bindSettings(settings, onEdit, LIMITS);
  const unitsHelpId = useId();

  return (
    <>
      <p className="section-intro">{ROLE_TEXT[name]}</p>
      <p className="shape-readout">
        Shape: <span className="mono">{short}: {describeShape(networkShape(settings, name))}</span>
      </p>
      {name === 'generator' ? (
        <>
          <NumberField label="Noise dimension" {...field.number('noiseDim')} integer
            help="How many random numbers feed each fake point. With 1, the generator can only draw a curve." />
          <SelectField label="Noise distribution" {...field.choice('noiseKind')} options={optionsOf(NOISE_LABELS)}
            help="Where the noise comes from. The generator must stretch and fold this shape into the data." />
        </>
      ) : null}
      <SelectField label="Hidden layers" value={String(net.hidden.length)} options={LAYER_COUNTS}
        help="More layers let the network bend space in more complicated ways, but train more slowly."
        onChange={(n) => edit({ hidden: resizeHidden(net.hidden, Number(n)) })} />
      {net.hidden.length > 0 ? (
        <div className="units-grid">
          {net.hidden.map((units, i) => (
            <NumberField key={i} label={`Layer ${i + 1} units`} value={units} min={LIMITS.units.min} max={LIMITS.units.max} integer
              describedBy={unitsHelpId} onChange={(u) => edit({ hidden: net.hidden.map((old, j) => (j === i ? u : old)) })} />
          ))}
          <p className="field-help" id={unitsHelpId} style={{ gridColumn: '1 / -1', margin: '0 0 0.9rem' }}>
            Units (neurons) in each hidden layer, layer 1 nearest the input. More units can draw finer shapes, but train more slowly.
          </p>
        </div>
      ) : null}
      <SelectField label="Activation" value={net.activation} options={optionsOf(ACTIVATIONS)}
        help="The bend applied after each hidden layer. ReLU makes sharp creases; tanh makes smooth curves."
        onChange={(activation) => edit({ activation })} />
      <OptimizerFields net={net} onEdit={edit} optimizerLabels={OPTIMIZER_LABELS} notes={OPTIMIZER_NOTES} betasInRow />
    </>
  );
}
