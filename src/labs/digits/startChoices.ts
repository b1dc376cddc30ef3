/**
 * Where a run starts. Today only from random weights; shipped pretrained
 * checkpoints will add entries here (with `pretrained` naming the model the
 * worker loads and `settings` the ones it was trained with), and the controls
 * list every entry as a radio button without further changes.
 */
import type { DigitGanSettings } from '../../core/digits/digitGanSettings';

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
];

export const DEFAULT_START = START_CHOICES[0];

export function findStartChoice(id: string): StartChoice {
  return START_CHOICES.find((c) => c.id === id) ?? DEFAULT_START;
}
