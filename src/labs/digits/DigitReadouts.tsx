/** The numbers worth reading aloud while the forger trains: steps, speed, the two quality scores, the backend. */
import type { ScoredPoint } from './digitMetrics';
import type { DigitWorkerInfo } from '../../protocol/digits/digitProtocol';
import type { DigitSessionFrame } from './useDigitSession';

const DASH = '—';
const whole = (v: number) => Math.round(v).toLocaleString('en-US');

/**
 * Steps per second: live while training runs; while paused (the worker then
 * reports 0) the last measured rate, marked as such; a dash once the worker
 * has stopped or before anything was measured.
 */
export function rateText(frame: Pick<DigitSessionFrame, 'epochsPerSecond' | 'lastRate' | 'workerStopped'> | null): { value: string; last: boolean } {
  if (!frame || frame.workerStopped) return { value: DASH, last: false };
  if (frame.epochsPerSecond > 0) return { value: frame.epochsPerSecond.toFixed(1), last: false };
  if (frame.lastRate !== null && frame.lastRate > 0) return { value: frame.lastRate.toFixed(1), last: true };
  return { value: DASH, last: false };
}

export interface DigitReadoutsProps {
  frame: DigitSessionFrame | null;
  quality: ScoredPoint | null;
  info: DigitWorkerInfo | null;
}

export function DigitReadouts({ frame, quality, info }: DigitReadoutsProps) {
  const rate = rateText(frame);
  // The backend's name; null once the worker has stopped, '' while it starts.
  const backend = info?.backend ?? (frame?.workerStopped ? null : '');
  return (
    <dl className="readouts">
      <div className="readout" title="Generator steps so far (one step = k discriminator updates, then one generator update)">
        <dt>G steps</dt>
        <dd data-testid="step-count">{whole(frame?.generatorSteps ?? 0)}</dd>
      </div>
      <div className="readout" title="Generator steps per second while training runs; while paused, the last rate measured">
        <dt>Steps / s</dt>
        <dd data-testid="steps-per-second">{rate.value}{rate.last ? <span className="muted"> (last)</span> : null}</dd>
      </div>
      <div className="readout" title="Inception Score of 500 fresh fakes, read by the built-in digit classifier (real digits score about 10 when all ten are trained)">
        <dt>Inception Score</dt>
        <dd data-testid="inception-score">{quality ? quality.inceptionScore.toFixed(2) : DASH}</dd>
      </div>
      <div className="readout" title="Fréchet distance between fakes and real digits in the classifier's feature space (lower is better)">
        <dt>Fréchet distance</dt>
        <dd data-testid="frechet-distance">{quality ? quality.frechetDistance.toFixed(1) : DASH}</dd>
      </div>
      <div className="readout" title="The TensorFlow.js engine doing the maths in your browser">
        <dt>Backend</dt>
        <dd>
          <span data-testid="backend-name">{backend ?? ''}</span>
          {backend === null ? <span className="muted">stopped</span> : backend === '' ? <span className="muted">starting…</span> : null}
        </dd>
      </div>
    </dl>
  );
}
