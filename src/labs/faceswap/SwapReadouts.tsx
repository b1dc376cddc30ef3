/** The numbers worth reading aloud while the swap trains: the shared steps, rate and backend, with how often the swap fools the identity judge. */
import type { SwapScoreSummary } from '../../core/faceswap/swapScoreSummary';
import type { FaceSwapWorkerInfo } from '../../protocol/faceswap/faceSwapProtocol';
import { DASH, SessionReadouts, type ReadoutFrame } from '../shared/SessionReadouts';
import type { SwapNames } from './swapPaths';

const percent = (v: number) => `${Math.round(v * 100)}%`;

export interface SwapReadoutsProps {
  frame: ReadoutFrame | null;
  scores: SwapScoreSummary | null;
  info: FaceSwapWorkerInfo | null;
  names: SwapNames;
}

export function SwapReadouts({ frame, scores, info, names }: SwapReadoutsProps) {
  return (
    <SessionReadouts frame={frame} info={info} stepsLabel="Steps" stepsHelp="Training steps so far (one step trains both autoencoders on a batch each)">
      <div className="readout" title={`Share of swaps of ${names.a} that the identity judge calls ${names.b}, measured every few seconds`}>
        <dt>Swaps called {names.b}</dt>
        <dd data-testid="swap-identity">{scores ? percent(scores.ab.calledTarget) : DASH}</dd>
      </div>
    </SessionReadouts>
  );
}
