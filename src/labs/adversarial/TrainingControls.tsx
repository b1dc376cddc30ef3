/** Play, pause, step, reset, speed and slow motion: the buttons a lecturer uses most. */
import { TRAINING_SPEEDS, type SessionStatus, type StepKind, type TrainingSpeed } from '../../protocol/adversarial/adversarialProtocol';
import { PLAY_BUTTON_ID } from '../shared/keyboardShortcuts';
import { usePlayFocusHandoff } from '../shared/useKeyboardShortcuts';

const SPEED_LABELS: Record<string, string> = {
  '1': '1 step / frame (slow)',
  '5': '5 steps / frame',
  '20': '20 steps / frame',
  '100': '100 steps / frame',
  max: 'As fast as possible',
};

const HELP_ID = 'training-controls-help';
const SPEED_HELP_ID = 'training-speed-help';

export interface TrainingControlsProps {
  status: SessionStatus;
  slowMotionOn: boolean;
  /** True until the worker has built the model. */
  disabled: boolean;
  onPlayPause(): void;
  onStep(kind: StepKind): void;
  onReset(): void;
  onSlowMotion(on: boolean): void;
}

export function TrainingControls(props: TrainingControlsProps) {
  const running = props.status.kind === 'running';
  return (
    <div className="training-controls" role="group" aria-label="Training">
      <button
        type="button"
        id={PLAY_BUTTON_ID}
        className="button-primary button-play"
        data-testid="play-pause"
        onClick={props.onPlayPause}
        disabled={props.disabled}
        aria-keyshortcuts="Space"
      >
        <svg aria-hidden="true" focusable="false" className="button-icon" viewBox="0 0 16 16">
          <path fill="currentColor" d={running ? 'M2.5 1.5h4v13h-4zM9.5 1.5h4v13h-4z' : 'M3 1.5v13l11.5-6.5z'} />
        </svg>
        <span>{running ? 'Pause' : 'Play'}</span>
      </button>
      <div className="button-group" role="group" aria-label="Take a single step">
        <button type="button" data-testid="step-both" onClick={() => props.onStep('both')} disabled={props.disabled} aria-keyshortcuts="ArrowRight"
          aria-describedby={HELP_ID} title="k discriminator steps, then one generator step">
          Step both
        </button>
        <button type="button" data-testid="step-discriminator" onClick={() => props.onStep('discriminator')} disabled={props.disabled}
          aria-describedby={HELP_ID} title="Train only the discriminator, once: watch the background verdict change while the fakes stay put">
          Step D only
        </button>
        <button type="button" data-testid="step-generator" onClick={() => props.onStep('generator')} disabled={props.disabled}
          aria-describedby={HELP_ID} title="Train only the generator, once: watch the fakes move along the arrows while the verdict stays put">
          Step G only
        </button>
      </div>
      <button type="button" data-testid="reset" onClick={props.onReset} disabled={props.disabled} title="Start again from the seed">
        Reset
      </button>
      <button
        type="button"
        aria-pressed={props.slowMotionOn}
        className={props.slowMotionOn ? 'button-toggle is-on' : 'button-toggle'}
        onClick={() => props.onSlowMotion(!props.slowMotionOn)}
        disabled={props.disabled}
        aria-describedby={HELP_ID}
        title="Training one stage at a time, with a caption for each stage"
      >
        Slow motion
      </button>
      {/* Full width inside the wrapping button row, so it sits right under the buttons it explains. */}
      <p className="field-help" id={HELP_ID} style={{ flexBasis: '100%', margin: 0 }}>
        <strong>Step both</strong>: k discriminator updates, then one generator update. <strong>Step D only</strong> /{' '}
        <strong>G only</strong>: train that network alone. <strong>Slow motion</strong>: one stage at a time, explained beside the plot (above it on narrow screens).
      </p>
    </div>
  );
}

/** Epochs per animation frame; training speed is independent of how often the picture updates. */
export function SpeedControl(props: { speed: TrainingSpeed; onSpeed(speed: TrainingSpeed): void }) {
  const handoff = usePlayFocusHandoff();
  return (
    <div style={{ maxWidth: '19rem' }}>
      <div className="field field-inline">
        <label htmlFor="training-speed">Speed</label>
        <select
          id="training-speed"
          data-testid="speed"
          value={String(props.speed)}
          aria-describedby={SPEED_HELP_ID}
          onKeyDown={handoff.onKeyDown}
          onChange={(e) => {
            props.onSpeed(e.target.value === 'max' ? 'max' : (Number(e.target.value) as TrainingSpeed));
            handoff.afterChoice();
          }}
        >
          {TRAINING_SPEEDS.map((s) => (
            <option key={String(s)} value={String(s)}>{SPEED_LABELS[String(s)]}</option>
          ))}
        </select>
      </div>
      <p className="field-help" id={SPEED_HELP_ID}>
        Training steps per screen frame (60 a second). The plot redraws 10 times a second at any speed.
      </p>
    </div>
  );
}
