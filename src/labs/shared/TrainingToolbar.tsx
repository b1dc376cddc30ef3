/**
 * Play, pause, step, reset and speed, with a lab's live readouts beside them and
 * any banner underneath: the toolbar the image labs share (digit forger, face swap).
 * Each lab gives its own help sentence and readouts.
 */
import type { ReactNode } from 'react';
import { TRAINING_SPEEDS, type TrainingSpeed } from '../../protocol/shared/sessionProtocol';
import { PLAY_BUTTON_ID } from './keyboardShortcuts';
import { usePlayFocusHandoff } from './useKeyboardShortcuts';
import './trainingToolbar.css';

/** The worker trains `speed` × 3 steps per second (speed counts steps per 20 frames of 60 per second). */
const SPEED_LABELS: Record<string, string> = {
  '1': 'Slow: 3 steps / s',
  '5': '15 steps / s',
  '20': '60 steps / s',
  '100': '300 steps / s',
  max: 'As fast as possible',
};

/** The buttons' state and handlers, which each lab's toolbar passes through unchanged. */
export interface TrainingControlsProps {
  disabled: boolean;
  /** Training blew up: Play and Step wait for Reset (or a banner's way out). */
  diverged: boolean;
  speed: TrainingSpeed;
  onPlayPause(): void;
  onStep(): void;
  onReset(): void;
  onSpeed(speed: TrainingSpeed): void;
  /** Banners shown across the bottom of the toolbar, so they stay in sight while the page scrolls. */
  children?: ReactNode;
}

export interface TrainingToolbarProps extends TrainingControlsProps {
  /** Unique per lab: prefixes the ids the help text and the speed field hang on. */
  idPrefix: string;
  running: boolean;
  /** One sentence on what Step, Reset and Speed do in this lab. */
  help: ReactNode;
  readouts: ReactNode;
}

export function TrainingToolbar(props: TrainingToolbarProps) {
  const { running, idPrefix } = props;
  const helpId = `${idPrefix}-training-help`;
  const speedId = `${idPrefix}-speed`;
  const handoff = usePlayFocusHandoff();
  const stuck = props.disabled || props.diverged;
  return (
    // data-running lets the stylesheet swap the play icon for pause (see .button-icon in styles.css).
    <div className="toolbar" data-running={running || undefined}>
      <div className="training-controls" role="group" aria-label="Training">
        <button type="button" id={PLAY_BUTTON_ID} className="button-primary button-play" data-testid="play-pause"
          onClick={props.onPlayPause} disabled={stuck} aria-keyshortcuts="Space">
          <svg aria-hidden="true" focusable="false" className="button-icon" viewBox="0 0 16 16">
            <path fill="currentColor" d={running ? 'M2.5 1.5h4v13h-4zM9.5 1.5h4v13h-4z' : 'M3 1.5v13l11.5-6.5z'} />
          </svg>
          <span>{running ? 'Pause' : 'Play'}</span>
        </button>
        <button type="button" data-testid="step" onClick={props.onStep} disabled={stuck} aria-keyshortcuts="ArrowRight" aria-describedby={helpId}>
          Step
        </button>
        <button type="button" data-testid="reset" onClick={props.onReset} disabled={props.disabled} aria-describedby={helpId}>
          Reset
        </button>
        <div className="field field-inline toolbar-speed">
          <label htmlFor={speedId}>Speed</label>
          <select id={speedId} data-testid="speed" value={String(props.speed)} aria-describedby={helpId} onKeyDown={handoff.onKeyDown}
            onChange={(e) => {
              props.onSpeed(e.target.value === 'max' ? 'max' : (Number(e.target.value) as TrainingSpeed));
              handoff.afterChoice();
            }}>
            {TRAINING_SPEEDS.map((s) => <option key={String(s)} value={String(s)}>{SPEED_LABELS[String(s)]}</option>)}
          </select>
        </div>
        <p className="field-help toolbar-help" id={helpId}>{props.help}</p>
      </div>
      {props.readouts}
      <div className="toolbar-wide">{props.children}</div>
    </div>
  );
}
