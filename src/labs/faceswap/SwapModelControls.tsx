/** The networks' shape: one shared encoder or one per character, the size of the code between encoder and decoder, and the width. */
import { useId } from 'react';
import { SWAP_LIMITS, type EncoderMode, type FaceSwapSettings } from '../../core/autoencoder/faceSwapSettings';
import { bindSettings } from '../shared/bindSettings';
import { NumberField } from '../shared/formFields';
import { sharedContentOf } from './swapPaths';

function encoderChoices(dataset: FaceSwapSettings['dataset']): { value: EncoderMode; label: string; help: string }[] {
  return [
    {
      value: 'shared',
      label: 'One shared encoder',
      help: `Both sides go through the same encoder, so their codes mean the same things (${sharedContentOf(dataset)}). The deepfake trick: the swap works.`,
    },
    {
      value: 'separate',
      label: 'Separate encoders',
      help: 'Each side gets its own encoder. Both rebuild their own pictures well, but B\'s decoder cannot read A\'s codes, so the swap fails.',
    },
  ];
}

export function SwapModelControls(props: { settings: FaceSwapSettings; onEdit(next: FaceSwapSettings): void }) {
  const { settings, onEdit } = props;
  const name = useId();
  const choices = encoderChoices(settings.dataset);
  const field = bindSettings(settings, onEdit, SWAP_LIMITS);
  return (
    <>
      <fieldset className="subgroup" data-testid="encoder-mode">
        <legend>Encoder</legend>
        {choices.map((choice) => (
          <div key={choice.value} className="field field-checkbox">
            <input type="radio" id={`${name}-${choice.value}`} name={name} checked={settings.encoder === choice.value}
              data-testid={`encoder-${choice.value}`} aria-describedby={`${name}-${choice.value}-help`}
              onChange={() => onEdit({ ...settings, encoder: choice.value })} />
            <label htmlFor={`${name}-${choice.value}`}>{choice.label}</label>
            <p className="field-help" id={`${name}-${choice.value}-help`}>{choice.help}</p>
          </div>
        ))}
      </fieldset>
      <NumberField label="Code size (numbers per picture)" {...field.number('latentSize')} integer testId="latent-size"
        help="How many numbers the encoder squeezes a picture into. Too few and details are lost; too many and the decoders can copy pictures without learning faces." />
      <NumberField label="Width (filters)" {...field.number('width')} integer testId="width"
        help="Filters in the first layer; deeper layers have 2× and 4× as many. Wider networks draw sharper pictures but train more slowly." />
    </>
  );
}
