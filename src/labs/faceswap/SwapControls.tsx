/** The face-swap lab's settings sidebar: where the run starts, what is swapped, the networks, and how they learn. */
import type { FaceSwapSettings } from '../../core/faceswap/faceSwapSettings';
import { CollapsibleSection } from '../shared/CollapsibleSection';
import { ImageLabControls } from '../shared/ImageLabControls';
import { SwapDatasetControls } from './SwapDatasetControls';
import { SwapModelControls } from './SwapModelControls';
import { SwapTrainingControls } from './SwapTrainingControls';
import { SwapFilePanel, type SwapFilePanelProps } from './SwapFilePanel';
import type { SwapStartChoice } from './swapStartChoices';

export interface SwapControlsProps {
  settings: FaceSwapSettings;
  onEdit(next: FaceSwapSettings): void;
  start: SwapStartChoice;
  startChoices: readonly SwapStartChoice[];
  onChooseStart(id: string): void;
  files: SwapFilePanelProps;
  /** Nothing trained yet: edits apply at once. */
  untrained: boolean;
}

export function SwapControls({ settings, onEdit, start, startChoices, onChooseStart, untrained, files }: SwapControlsProps) {
  return (
    <ImageLabControls untrained={untrained} startIntro="Where training begins: a model trained in advance, or random weights."
      startChoices={startChoices} start={start} onChooseStart={onChooseStart} startIdPrefix="swap-" startGroupName="swap-start">
      <CollapsibleSection title="Pictures" defaultOpen intro="Who is swapped: A's expression goes onto B.">
        <SwapDatasetControls settings={settings} onEdit={onEdit} />
      </CollapsibleSection>
      <CollapsibleSection title="Model" defaultOpen intro="An encoder squeezes each picture into a short code; each character's decoder draws a picture from a code.">
        <SwapModelControls settings={settings} onEdit={onEdit} />
      </CollapsibleSection>
      <CollapsibleSection title="Training" defaultOpen intro="Each step, each autoencoder tries to rebuild a batch of its own character's pictures.">
        <SwapTrainingControls settings={settings} onEdit={onEdit} />
      </CollapsibleSection>
      <CollapsibleSection title="Save and load" intro="Keep a model you trained, and bring it back later.">
        <SwapFilePanel {...files} />
      </CollapsibleSection>
    </ImageLabControls>
  );
}
