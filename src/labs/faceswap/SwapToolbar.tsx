/** Play, pause, step, reset and speed, with the live readouts beside them and any banner underneath. */
import type { ReactNode } from 'react';
import { TRAINING_SPEEDS } from '../adversarial/adversarialProtocol';
import { PLAY_BUTTON_ID } from '../adversarial/keyboardShortcuts';
import { usePlayFocusHandoff } from '../adversarial/useKeyboardShortcuts';
import type { FaceSwapStatus, TrainingSpeed } from './faceSwapProtocol';
import { SwapReadouts, type SwapReadoutsProps } from './SwapReadouts';

/** The worker trains `speed` × 3 steps per second (speed counts steps per 20 frames of 60 per second). */
const SPEED_LABELS: Record<string, string> = {
  '1': 'Slow: 3 steps / s',
  '5': '15 steps / s',
  '20': '60 steps / s',
  '100': '300 steps / s',
  max: 'As fast as possible',
};

const HELP_ID = 'swap-training-help';

export interface SwapToolbarProps extends SwapReadoutsProps {
  status: FaceSwapStatus;
  disabled: boolean;
  /** Training blew up: Play and Step wait for Reset (or the banner's "try again"). */
  diverged: boolean;
  speed: TrainingSpeed;
  onPlayPause(): void;
  onStep(): void;
  onReset(): void;
  onSpeed(speed: TrainingSpeed): void;
  /** Banners shown across the bottom of the toolbar, so they stay in sight while the page scrolls. */
  children?: ReactNode;
}

export function SwapToolbar(props: SwapToolbarProps) {
  const running = props.status.kind === 'running';
  const handoff = usePlayFocusHandoff();
  const stuck = props.disabled || props.diverged;
  return (
    <div className="toolbar" data-running={running || undefined}>
      <div className="training-controls" role="group" aria-label="Training">
        <button type="button" id={PLAY_BUTTON_ID} className="button-primary button-play" data-testid="play-pause"
          onClick={props.onPlayPause} disabled={stuck} aria-keyshortcuts="Space">
          <svg aria-hidden="true" focusable="false" className="button-icon" viewBox="0 0 16 16">
            <path fill="currentColor" d={running ? 'M2.5 1.5h4v13h-4zM9.5 1.5h4v13h-4z' : 'M3 1.5v13l11.5-6.5z'} />
          </svg>
          <span>{running ? 'Pause' : 'Play'}</span>
        </button>
        <button type="button" data-testid="step" onClick={props.onStep} disabled={stuck} aria-keyshortcuts="ArrowRight" aria-describedby={HELP_ID}>
          Step
        </button>
        <button type="button" data-testid="reset" onClick={props.onReset} disabled={props.disabled} aria-describedby={HELP_ID}>
          Reset
        </button>
        <div className="field field-inline toolbar-speed">
          <label htmlFor="swap-speed">Speed</label>
          <select id="swap-speed" data-testid="speed" value={String(props.speed)} aria-describedby={HELP_ID} onKeyDown={handoff.onKeyDown}
            onChange={(e) => {
              props.onSpeed(e.target.value === 'max' ? 'max' : (Number(e.target.value) as TrainingSpeed));
              handoff.afterChoice();
            }}>
            {TRAINING_SPEEDS.map((s) => <option key={String(s)} value={String(s)}>{SPEED_LABELS[String(s)]}</option>)}
          </select>
        </div>
        <p className="field-help toolbar-help" id={HELP_ID}>
          <strong>Step</strong>: one batch of each character through its autoencoder. <strong>Reset</strong>: start again (the pretrained
          model, or fresh weights from the seed). <strong>Speed</strong>: slow down to watch faces form.
        </p>
      </div>
      <SwapReadouts frame={props.frame} scores={props.scores} info={props.info} names={props.names} />
      <div className="toolbar-wide">{props.children}</div>
    </div>
  );
}
