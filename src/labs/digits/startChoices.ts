/**
 * Where a run starts: from random weights, or from one of the pretrained
 * digit GANs the app ships (`pretrained` names the model the worker loads,
 * `settings` the ones it was trained with). The controls list every entry.
 */
import type { DigitGanSettings } from '../../core/digits/digitGanSettings';
import { PRETRAINED_DIGIT_GANS } from '../../core/digits/pretrainedDigitGans';

export interface StartChoice {
  id: string;
  label: string;
  /** One sentence beside the choice. */
  help: string;
  /** The pretrained weights the worker should load, or null for a fresh model from the seed. */
  pretrained: string | null;
  /**
   * The settings a pretrained model was built with: choosing it puts them in the controls
   * (the worker refuses weights that do not fit the shape). None: the controls keep theirs.
   */
  settings?: DigitGanSettings;
}

export const START_CHOICES: readonly StartChoice[] = [
  {
    id: 'scratch',
    label: 'From scratch',
    help: 'Both networks start from random weights chosen by the seed, so the first samples are pure static.',
    pretrained: null,
  },
  ...PRETRAINED_DIGIT_GANS.map((model) => ({ id: model.id, label: model.label, help: model.help, pretrained: model.id, settings: model.settings })),
];

export const DEFAULT_START = START_CHOICES[0];

export function findStartChoice(id: string): StartChoice {
  return START_CHOICES.find((c) => c.id === id) ?? DEFAULT_START;
}
