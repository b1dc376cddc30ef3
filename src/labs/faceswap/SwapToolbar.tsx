/** The face-swap lab's toolbar: the shared training controls with its own help and readouts. */
import { TrainingToolbar, type TrainingControlsProps } from '../shared/TrainingToolbar';
import type { SessionStatus } from '../../protocol/shared/sessionProtocol';
import { SwapReadouts, type SwapReadoutsProps } from './SwapReadouts';

export interface SwapToolbarProps extends SwapReadoutsProps, TrainingControlsProps {
  status: SessionStatus;
}

export function SwapToolbar({ status, frame, scores, info, names, children, ...controls }: SwapToolbarProps) {
  return (
    <TrainingToolbar {...controls} idPrefix="swap" running={status.kind === 'running'}
      help={<><strong>Step</strong>: one batch of each side through its autoencoder. <strong>Reset</strong>: start again (the pretrained
        model, or fresh weights from the seed). <strong>Speed</strong>: slow down to watch the pictures form.</>}
      readouts={<SwapReadouts frame={frame} scores={scores} info={info} names={names} />}>
      {children}
    </TrainingToolbar>
  );
}
