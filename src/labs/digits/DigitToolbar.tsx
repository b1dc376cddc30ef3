/** The digit forger's toolbar: the shared training controls with its own help and readouts. */
import { TrainingToolbar, type TrainingControlsProps } from '../shared/TrainingToolbar';
import { DigitReadouts, type DigitReadoutsProps } from './DigitReadouts';
import type { SessionStatus } from '../../protocol/shared/sessionProtocol';

export interface DigitToolbarProps extends DigitReadoutsProps, TrainingControlsProps {
  status: SessionStatus;
}

export function DigitToolbar({ status, frame, quality, info, children, ...controls }: DigitToolbarProps) {
  return (
    <TrainingToolbar {...controls} idPrefix="digit" running={status.kind === 'running'}
      help={<><strong>Step</strong>: k updates of D, then one of G. <strong>Reset</strong>: fresh weights from the seed.{' '}
        <strong>Speed</strong>: slow down to watch digits form.</>}
      readouts={<DigitReadouts frame={frame} quality={quality} info={info} />}>
      {children}
    </TrainingToolbar>
  );
}
