/** What is swapped: two cartoon characters (who, in colour or grey, at what size) or two stroke styles of handwritten digits. */
import { SWAP_LIMITS, type FaceSwapSettings, type SwapDatasetKind } from '../../core/autoencoder/faceSwapSettings';
import { TOY_FACE_IDENTITIES, identityOrThrow } from '../../core/toyfaces/toyFaceIdentities';
import { bindSettings } from '../shared/bindSettings';
import { CheckboxField, NumberField, SelectField, optionsOf, type SelectOption } from '../shared/formFields';
import { withDataset } from './swapSettingsEdits';

const DATASETS: Record<SwapDatasetKind, string> = { toyFaces: 'Toy faces', digitStyles: 'Digit styles (thin → thick)' };

const DATASET_HELP: Record<SwapDatasetKind, string> = {
  toyFaces: 'Two invented characters, drawn with random expressions and poses. The swap should put A\'s expression on B\'s face.',
  digitStyles: 'Handwritten digits (MNIST) in thin strokes (A) and thick strokes (B). The swap should keep the digit and redraw it thick.',
};

const CHARACTERS: SelectOption<string>[] = TOY_FACE_IDENTITIES.map((f) => ({ value: f.id, label: f.name }));

const describe = (id: string) => {
  try {
    return identityOrThrow(id).description;
  } catch {
    return '';
  }
};

export function SwapDatasetControls(props: { settings: FaceSwapSettings; onEdit(next: FaceSwapSettings): void }) {
  const { settings, onEdit } = props;
  const faces = settings.dataset === 'toyFaces';
  const field = bindSettings(settings, onEdit, SWAP_LIMITS);
  return (
    <>
      <SelectField label="Pictures" value={settings.dataset} options={optionsOf(DATASETS)} testId="dataset" help={DATASET_HELP[settings.dataset]}
        onChange={(dataset) => onEdit(withDataset(settings, dataset))} />
      {faces ? (
        <>
          <div className="field-row">
            <SelectField label="Character A (source)" {...field.choice('identityA')} options={CHARACTERS} testId="identity-a"
              help={describe(settings.identityA)} />
            <SelectField label="Character B (target)" {...field.choice('identityB')} options={CHARACTERS} testId="identity-b"
              help={describe(settings.identityB)} />
          </div>
          <CheckboxField label="Colour pictures" checked={settings.colour}
            help="Off: grey pictures (the brightness alone). Colour costs almost nothing and makes the characters easier to tell apart."
            onChange={field.set('colour')} />
          <NumberField label="Picture size (pixels per side)" {...field.number('imageSize')} step={8} integer testId="image-size"
            help="A multiple of 8 from 16 to 64. Bigger pictures show more detail but every step takes longer (64 is about four times 32)." />
        </>
      ) : (
        <p className="field-help">Digits are 28×28 pixels padded to 32×32, in grey. A and B never share a digit: each style gets its own half.</p>
      )}
    </>
  );
}
