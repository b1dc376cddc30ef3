/** The shape of both networks: MLP or convolutional, how the generator grows its image, the noise, the sizes. */
import { useId } from 'react';
import { DIGIT_LIMITS, type DigitArchitecture, type DigitGanSettings, type Upsampling } from '../../core/mnist/digitGanSettings';
import { bindSettings } from '../shared/bindSettings';
import { NumberField, SelectField, optionsOf } from '../shared/formFields';
import { widthLimits, withArchitecture, withNetwork, type DigitNetworkName } from './digitSettingsEdits';

const ARCHITECTURES: Record<DigitArchitecture, string> = { mlp: 'MLP (fully connected)', dcgan: 'Convolutional (DCGAN)' };

const ARCHITECTURE_HELP: Record<DigitArchitecture, string> = {
  mlp: 'Every pixel is connected to every unit, with no idea which pixels are neighbours. Simple and quick per step, but strokes come out a little blotchy.',
  dcgan: 'Small filters slide over the image, so the networks know that nearby pixels belong together. Cleaner strokes, but each step costs more.',
};

const UPSAMPLINGS: Record<Upsampling, string> = { transposed: 'Transposed convolution', resize: 'Resize, then convolve' };

const UPSAMPLING_HELP =
  'How the generator doubles its picture from 7×7 to 14×14 to 28×28. Transposed convolutions let neighbouring output pixels receive ' +
  'unequal numbers of contributions, which can print a faint checkerboard pattern over the digits; resizing first and then ' +
  'convolving avoids that, at some extra cost.';

const WIDTH_LABELS: Record<DigitNetworkName, string> = { generator: 'G width', discriminator: 'D width' };

export function DigitModelControls(props: { settings: DigitGanSettings; onEdit(next: DigitGanSettings): void }) {
  const { settings, onEdit } = props;
  const field = bindSettings(settings, onEdit, DIGIT_LIMITS);
  const widths = widthLimits(settings);
  const widthHelpId = useId();
  const conv = settings.architecture === 'dcgan';
  const widthHelp = conv
    ? 'Feature channels (filters) at full resolution; the 7×7 side has twice as many. More see more patterns, but train more slowly.'
    : 'Units in the smaller hidden layer; the other has twice as many. More can draw finer strokes, but train more slowly.';
  return (
    <>
      <SelectField label="Architecture" value={settings.architecture} options={optionsOf(ARCHITECTURES)} testId="architecture"
        help={ARCHITECTURE_HELP[settings.architecture]} onChange={(architecture) => onEdit(withArchitecture(settings, architecture))} />
      {conv ? (
        <SelectField label="Generator upsampling" {...field.choice('upsampling')} options={optionsOf(UPSAMPLINGS)} testId="upsampling"
          help={UPSAMPLING_HELP} />
      ) : null}
      <NumberField label="Latent size (noise numbers)" {...field.number('latentSize')} integer testId="latent-size"
        help="How many random numbers the generator turns into one digit. Too few and it cannot express every style; 64 is plenty." />
      <div className="field-row">
        {(['generator', 'discriminator'] as const).map((name) => (
          <NumberField key={name} label={WIDTH_LABELS[name]} value={settings[name].width} min={widths.min} max={widths.max} integer
            describedBy={widthHelpId} onChange={(width) => onEdit(withNetwork(settings, name, { width }))} />
        ))}
      </div>
      <p className="field-help field-help-block" id={widthHelpId}>{widthHelp}</p>
    </>
  );
}
