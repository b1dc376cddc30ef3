/**
 * Where a digit forger run starts: from random weights, or from one of the pretrained digit
 * GANs the app ships (each with the settings it was trained with). The controls list every
 * entry, and a model file the learner loads joins them (useSettingsEditor.ts).
 */
import type { DigitGanSettings } from '../../core/mnist/digitGanSettings';
import { PRETRAINED_DIGIT_GANS } from '../../core/mnist/pretrainedDigitGans';
import { scratchChoice, type StartChoice } from '../shared/startChoices';

export type DigitStartChoice = StartChoice<DigitGanSettings>;

export const START_CHOICES: readonly DigitStartChoice[] = [
  scratchChoice('Both networks start from random weights chosen by the seed, so the first samples are pure static.'),
  ...PRETRAINED_DIGIT_GANS.map((model): DigitStartChoice => ({
    id: model.id, label: model.label, help: model.help, request: { kind: 'pretrained', id: model.id }, settings: model.settings,
  })),
];

export const DEFAULT_START = START_CHOICES[0];
