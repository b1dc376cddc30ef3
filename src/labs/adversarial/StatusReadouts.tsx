/** The numbers worth reading aloud: steps, speed, mode coverage, sample quality, backend. */
import type { GanFrame, MetricPoint, WorkerInfo } from './adversarialProtocol';

export interface StatusReadoutsProps {
  frame: GanFrame | null;
  latest: MetricPoint | null;
  /** Clusters of the current mixture, or null for shapes without clusters. */
  modeCount: number | null;
  info: WorkerInfo | null;
}

const DASH = '—';

export function formatCoverage(latest: MetricPoint | null, modeCount: number | null): string {
  if (modeCount === null || latest?.modesCovered == null) return DASH;
  return `${latest.modesCovered} / ${modeCount}`;
}

export function formatQuality(latest: MetricPoint | null): string {
  if (latest?.highQuality == null || !Number.isFinite(latest.highQuality)) return DASH;
  return `${(latest.highQuality * 100).toFixed(1)}%`;
}

export function StatusReadouts({ frame, latest, modeCount, info }: StatusReadoutsProps) {
  const rate = frame ? Math.round(frame.epochsPerSecond) : 0;
  return (
    <dl className="readouts">
      <div className="readout" title="Generator steps so far (one step = k discriminator updates, then one generator update)">
        <dt>G steps</dt>
        <dd data-testid="step-count">{(frame?.generatorSteps ?? 0).toLocaleString('en-US')}</dd>
      </div>
      <div className="readout" title="Generator steps per second while training runs">
        <dt>Steps / s</dt>
        <dd data-testid="epochs-per-second">{rate.toLocaleString('en-US')}</dd>
      </div>
      <div className="readout" title="Clusters with at least one generated sample within 3σ of their centre">
        <dt>Clusters</dt>
        <dd data-testid="modes-covered">{formatCoverage(latest, modeCount)}</dd>
      </div>
      <div className="readout" title="Share of generated samples within 3σ of the nearest real cluster">
        <dt>High quality</dt>
        <dd data-testid="high-quality">{formatQuality(latest)}</dd>
      </div>
      <div className="readout">
        <dt>Backend</dt>
        <dd>
          <span data-testid="backend-name">{info?.backend ?? ''}</span>
          {info ? null : <span className="muted">starting…</span>}
        </dd>
      </div>
    </dl>
  );
}
