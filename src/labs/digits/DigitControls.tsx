/** The digit forger's settings sidebar: where the run starts, which digits, the model, the optimizers, the rules of training. */
import type { DigitGanSettings } from '../../core/digits/digitGanSettings';
import { CollapsibleSection } from '../shared/CollapsibleSection';
import { ImageLabControls } from '../shared/ImageLabControls';
import { ClassPicker } from './ClassPicker';
import { DigitModelControls } from './DigitModelControls';
import { DigitOptimizerControls } from './DigitOptimizerControls';
import { DigitTrainingControls } from './DigitTrainingControls';
import { START_CHOICES, type StartChoice } from './startChoices';

export interface DigitControlsProps {
  settings: DigitGanSettings;
  onEdit(next: DigitGanSettings): void;
  start: StartChoice;
  onChooseStart(id: string): void;
  /** Nothing trained yet: edits apply at once. */
  untrained: boolean;
}

export function DigitControls({ settings, onEdit, start, onChooseStart, untrained }: DigitControlsProps) {
  return (
    <ImageLabControls untrained={untrained} startIntro="Where training begins."
      startChoices={START_CHOICES} start={start} onChooseStart={onChooseStart} startIdPrefix="" startGroupName="digit-start">
      <CollapsibleSection title="Digits" defaultOpen intro="The handwritten digits (MNIST, stored in the app) the generator learns to forge.">
        <ClassPicker settings={settings} onEdit={onEdit} />
      </CollapsibleSection>
      <CollapsibleSection title="Model" defaultOpen intro="The generator (G) draws digits from noise; the discriminator (D) judges real against fake. Both share these choices.">
        <DigitModelControls settings={settings} onEdit={onEdit} />
      </CollapsibleSection>
      <CollapsibleSection title="Optimizers" defaultOpen intro="How each network changes its weights after every step. The learning rates matter most.">
        <DigitOptimizerControls settings={settings} onEdit={onEdit} />
      </CollapsibleSection>
      <CollapsibleSection title="Rules of the game" defaultOpen intro="How the two networks score each other and take turns.">
        <DigitTrainingControls settings={settings} onEdit={onEdit} />
      </CollapsibleSection>
    </ImageLabControls>
  );
}
