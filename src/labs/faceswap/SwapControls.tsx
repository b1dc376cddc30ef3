/** The face-swap lab's settings sidebar: where the run starts, what is swapped, the networks, and how they learn. */
import type { FaceSwapSettings } from '../../core/autoencoder/faceSwapSettings';
import { ImageLabControls, type LabControlsProps, type SettingsSection } from '../shared/ImageLabControls';
import { SwapDatasetControls } from './SwapDatasetControls';
import { SwapModelControls } from './SwapModelControls';
import { SwapTrainingControls } from './SwapTrainingControls';

const SECTIONS: readonly SettingsSection<FaceSwapSettings>[] = [
  { title: 'Pictures', intro: 'Who is swapped: A\'s expression goes onto B.', Fields: SwapDatasetControls },
  { title: 'Model', intro: 'An encoder squeezes each picture into a short code; each character\'s decoder draws a picture from a code.', Fields: SwapModelControls },
  { title: 'Training', intro: 'Each step, each autoencoder tries to rebuild a batch of its own character\'s pictures.', Fields: SwapTrainingControls },
];

export function SwapControls(props: LabControlsProps<FaceSwapSettings>) {
  return (
    <ImageLabControls {...props} sections={SECTIONS} startIntro="Where training begins: a model trained in advance, or random weights."
      startIdPrefix="swap-" startGroupName="swap-start" />
  );
}
