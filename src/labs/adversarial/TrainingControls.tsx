/** Play, pause, step, reset, speed and slow motion: the buttons a lecturer uses most. */
import { TRAINING_SPEEDS, type StepKind, type TrainerStatus, type TrainingSpeed } from './adversarialProtocol';

const SPEED_LABELS: Record<string, string> = {
  '1': '1 step / frame (slow)',
  '5': '5 steps / frame',
  '20': '20 steps / frame',
  '100': '100 steps / frame',
  max: 'As fast as possible',
};

export interface TrainingControlsProps {
  status: TrainerStatus;
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
        className="button-primary button-play"
        data-testid="play-pause"
        onClick={props.onPlayPause}
        disabled={props.disabled}
        aria-keyshortcuts="Space"
      >
        <span aria-hidden="true" className="button-icon">{running ? '❚❚' : '▶'}</span>
        <span>{running ? 'Pause' : 'Play'}</span>
      </button>
      <div className="button-group" role="group" aria-label="Take a single step">
        <button type="button" data-testid="step-both" onClick={() => props.onStep('both')} disabled={props.disabled} aria-keyshortcuts="ArrowRight"
          title="k discriminator steps, then one generator step">
          Step both
        </button>
        <button type="button" data-testid="step-discriminator" onClick={() => props.onStep('discriminator')} disabled={props.disabled}>
          Step D only
        </button>
        <button type="button" data-testid="step-generator" onClick={() => props.onStep('generator')} disabled={props.disabled}>
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
      >
        Slow motion
      </button>
    </div>
  );
}

/** Epochs per animation frame; training speed is independent of how often the picture updates. */
export function SpeedControl(props: { speed: TrainingSpeed; onSpeed(speed: TrainingSpeed): void }) {
  return (
    <div className="field field-inline">
      <label htmlFor="training-speed">Speed</label>
      <select
        id="training-speed"
        data-testid="speed"
        value={String(props.speed)}
        onChange={(e) => props.onSpeed(e.target.value === 'max' ? 'max' : (Number(e.target.value) as TrainingSpeed))}
      >
        {TRAINING_SPEEDS.map((s) => (
          <option key={String(s)} value={String(s)}>{SPEED_LABELS[String(s)]}</option>
        ))}
      </select>
    </div>
  );
}
