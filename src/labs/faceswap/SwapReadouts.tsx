/** The numbers worth reading aloud while the swap trains: steps, speed, how often the swap fools the identity judge, the backend. */
import type { SwapScoreSummary } from '../../core/faceswap/swapScoreSummary';
import type { FaceSwapWorkerInfo } from '../../protocol/faceswap/faceSwapProtocol';
import type { SwapNames } from './swapPaths';
import type { FaceSwapSessionFrame } from './useFaceSwapSession';

const DASH = '—';
const whole = (v: number) => Math.round(v).toLocaleString('en-US');
const percent = (v: number) => `${Math.round(v * 100)}%`;

/** Steps per second: live while training; while paused, the last measured rate, marked as such. */
export function swapRateText(frame: Pick<FaceSwapSessionFrame, 'stepsPerSecond' | 'lastRate' | 'workerStopped'> | null): { value: string; last: boolean } {
  if (!frame || frame.workerStopped) return { value: DASH, last: false };
  if (frame.stepsPerSecond > 0) return { value: frame.stepsPerSecond.toFixed(1), last: false };
  if (frame.lastRate !== null && frame.lastRate > 0) return { value: frame.lastRate.toFixed(1), last: true };
  return { value: DASH, last: false };
}

export interface SwapReadoutsProps {
  frame: FaceSwapSessionFrame | null;
  scores: SwapScoreSummary | null;
  info: FaceSwapWorkerInfo | null;
  names: SwapNames;
}

export function SwapReadouts({ frame, scores, info, names }: SwapReadoutsProps) {
  const rate = swapRateText(frame);
  const backend = info?.backend ?? (frame?.workerStopped ? null : '');
  return (
    <dl className="readouts">
      <div className="readout" title="Training steps so far (one step trains both autoencoders on a batch each)">
        <dt>Steps</dt>
        <dd data-testid="step-count">{whole(frame?.steps ?? 0)}</dd>
      </div>
      <div className="readout" title="Training steps per second while training runs; while paused, the last rate measured">
        <dt>Steps / s</dt>
        <dd data-testid="steps-per-second">{rate.value}{rate.last ? <span className="muted"> (last)</span> : null}</dd>
      </div>
      <div className="readout" title={`Share of swaps of ${names.a} that the identity judge calls ${names.b}, measured every few seconds`}>
        <dt>Swaps called {names.b}</dt>
        <dd data-testid="swap-identity">{scores ? percent(scores.ab.calledTarget) : DASH}</dd>
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
