/** The numbers worth reading aloud: the shared steps, rate and backend, with mode coverage and sample quality. */
import type { MetricPoint, WorkerInfo } from '../../protocol/adversarial/adversarialProtocol';
import { DASH, SessionReadouts, wholeNumber, type ReadoutFrame } from '../shared/SessionReadouts';

export interface StatusReadoutsProps {
  frame: ReadoutFrame | null;
  latest: MetricPoint | null;
  /** Clusters of the current mixture, or null for shapes without clusters. */
  modeCount: number | null;
  info: WorkerInfo | null;
  /** The generator's weights are averaged: the readouts then say they measure the live generator. */
  averaging?: boolean;
}

export function formatCoverage(latest: MetricPoint | null, modeCount: number | null): string {
  if (modeCount === null || latest?.modesCovered == null || !Number.isFinite(latest.modesCovered)) return DASH;
  return `${wholeNumber(latest.modesCovered)} / ${wholeNumber(modeCount)}`;
}

export function formatQuality(latest: MetricPoint | null): string {
  if (latest?.highQuality == null || !Number.isFinite(latest.highQuality)) return DASH;
  return `${(latest.highQuality * 100).toFixed(1)}%`;
}

export function StatusReadouts({ frame, latest, modeCount, info, averaging = false }: StatusReadoutsProps) {
  const whose = averaging ? ' (live G)' : '';
  const of = averaging ? 'the live generator\'s samples (not the averaged one\'s)' : 'generated samples';
  return (
    <SessionReadouts frame={frame} info={info} stepsLabel="G steps"
      stepsHelp="Generator steps so far (one step = k discriminator updates, then one generator update)">
      <div className="readout" title={`Clusters with at least one of ${of} within 3σ of their centre`}>
        <dt>Clusters{whose}</dt>
        <dd data-testid="modes-covered">{formatCoverage(latest, modeCount)}</dd>
      </div>
      <div className="readout" title={`Share of ${of} within 3σ of the nearest real cluster`}>
        <dt>High quality{whose}</dt>
        <dd data-testid="high-quality">{formatQuality(latest)}</dd>
      </div>
    </SessionReadouts>
  );
}
