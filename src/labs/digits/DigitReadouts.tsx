/** The numbers worth reading aloud while the forger trains: the shared steps, rate and backend, with the two quality scores. */
import type { DigitWorkerInfo } from '../../protocol/digits/digitProtocol';
import { DASH, SessionReadouts, type ReadoutFrame } from '../shared/SessionReadouts';
import type { ScoredPoint } from './digitMetrics';

export interface DigitReadoutsProps {
  frame: ReadoutFrame | null;
  quality: ScoredPoint | null;
  info: DigitWorkerInfo | null;
}

export function DigitReadouts({ frame, quality, info }: DigitReadoutsProps) {
  return (
    <SessionReadouts frame={frame} info={info} stepsLabel="G steps"
      stepsHelp="Generator steps so far (one step = k discriminator updates, then one generator update)">
      <div className="readout" title="Inception Score of 500 fresh fakes, read by the built-in digit classifier (real digits score about 10 when all ten are trained)">
        <dt>Inception Score</dt>
        <dd data-testid="inception-score">{quality ? quality.inceptionScore.toFixed(2) : DASH}</dd>
      </div>
      <div className="readout" title="Fréchet distance between fakes and real digits in the classifier's feature space (lower is better)">
        <dt>Fréchet distance</dt>
        <dd data-testid="frechet-distance">{quality ? quality.frechetDistance.toFixed(1) : DASH}</dd>
      </div>
    </SessionReadouts>
  );
}
