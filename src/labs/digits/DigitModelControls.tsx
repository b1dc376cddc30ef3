/** The shape of both networks: MLP or convolutional, how the generator grows its image, the noise, the sizes. */
import { useId } from 'react';
import { DIGIT_LIMITS, type DigitArchitecture, type DigitGanSettings, type Upsampling } from '../../core/digits/digitGanSettings';
import { NumberField, SelectField, type SelectOption } from '../shared/formFields';
import { widthLimits, withArchitecture, withNetwork } from './digitSettingsEdits';

const ARCHITECTURES: SelectOption<DigitArchitecture>[] = [
  { value: 'mlp', label: 'MLP (fully connected)' },
  { value: 'dcgan', label: 'Convolutional (DCGAN)' },
];

const ARCHITECTURE_HELP: Record<DigitArchitecture, string> = {
  mlp: 'Every pixel is connected to every unit, with no idea which pixels are neighbours. Simple and quick per step, but strokes come out a little blotchy.',
  dcgan: 'Small filters slide over the image, so the networks know that nearby pixels belong together. Cleaner strokes, but each step costs more.',
};

const UPSAMPLINGS: SelectOption<Upsampling>[] = [
  { value: 'transposed', label: 'Transposed convolution' },
  { value: 'resize', label: 'Resize, then convolve' },
];

const UPSAMPLING_HELP =
  'How the generator doubles its picture from 7×7 to 14×14 to 28×28. Transposed convolutions let neighbouring output pixels receive ' +
  'unequal numbers of contributions, which can print a faint checkerboard pattern over the digits; resizing first and then ' +
  'convolving avoids that, at some extra cost.';

export function DigitModelControls(props: { settings: DigitGanSettings; onEdit(next: DigitGanSettings): void }) {
  const { settings, onEdit } = props;
  const widths = widthLimits(settings);
  const widthHelpId = useId();
  const conv = settings.architecture === 'dcgan';
  const widthHelp = conv
    ? 'Feature channels (filters) at full resolution; the 7×7 side has twice as many. More see more patterns, but train more slowly.'
    : 'Units in the smaller hidden layer; the other has twice as many. More can draw finer strokes, but train more slowly.';
  return (
    <>
      <SelectField
        label="Architecture"
        value={settings.architecture}
        options={ARCHITECTURES}
        testId="architecture"
        help={ARCHITECTURE_HELP[settings.architecture]}
        onChange={(architecture) => onEdit(withArchitecture(settings, architecture))}
      />
      {conv ? (
        <SelectField
          label="Generator upsampling"
          value={settings.upsampling}
          options={UPSAMPLINGS}
          testId="upsampling"
          help={UPSAMPLING_HELP}
          onChange={(upsampling) => onEdit({ ...settings, upsampling })}
        />
      ) : null}
      <NumberField
        label="Latent size (noise numbers)"
        value={settings.latentSize}
        min={DIGIT_LIMITS.latentSize.min}
        max={DIGIT_LIMITS.latentSize.max}
        integer
        testId="latent-size"
        help="How many random numbers the generator turns into one digit. Too few and it cannot express every style; 64 is plenty."
        onChange={(latentSize) => onEdit({ ...settings, latentSize })}
      />
      <div className="field-row">
        <NumberField
          label="G width"
          value={settings.generator.width}
          min={widths.min}
          max={widths.max}
          integer
          describedBy={widthHelpId}
          onChange={(width) => onEdit(withNetwork(settings, 'generator', { width }))}
        />
        <NumberField
          label="D width"
          value={settings.discriminator.width}
          min={widths.min}
          max={widths.max}
          integer
          describedBy={widthHelpId}
          onChange={(width) => onEdit(withNetwork(settings, 'discriminator', { width }))}
        />
      </div>
      <p className="field-help field-help-block" id={widthHelpId}>{widthHelp}</p>
    </>
  );
}
