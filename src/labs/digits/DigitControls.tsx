/** The digit forger's settings sidebar: where the run starts, which digits, the model, the optimizers, the rules of training. */
import type { ReactNode } from 'react';
import type { DigitGanSettings } from '../../core/mnist/digitGanSettings';
import { ImageLabControls, type LabControlsProps, type SettingsSection } from '../shared/ImageLabControls';
import { ClassPicker } from './ClassPicker';
import { DigitModelControls } from './DigitModelControls';
import { DigitOptimizerControls } from './DigitOptimizerControls';
import { DigitTrainingControls } from './DigitTrainingControls';

const SECTIONS: readonly SettingsSection<DigitGanSettings>[] = [
  { title: 'Digits', intro: 'The handwritten digits (MNIST, stored in the app) the generator learns to forge.', Fields: ClassPicker },
  { title: 'Model', intro: 'The generator (G) draws digits from noise; the discriminator (D) judges real against fake. Both share these choices.', Fields: DigitModelControls },
  { title: 'Optimizers', intro: 'How each network changes its weights after every step. The learning rates matter most.', Fields: DigitOptimizerControls },
  { title: 'Rules of the game', intro: 'How the two networks score each other and take turns.', Fields: DigitTrainingControls },
];

/** `children`: the lab's own sections after the settings. */
export function DigitControls(props: LabControlsProps<DigitGanSettings> & { children?: ReactNode }) {
  return <ImageLabControls {...props} sections={SECTIONS} startIntro="Where training begins." startIdPrefix="" startGroupName="digit-start" />;
}
