/** The numbers worth reading aloud: steps, speed, mode coverage, sample quality, backend. */
import type { GanFrame, MetricPoint, WorkerInfo } from '../../protocol/adversarial/adversarialProtocol';
import type { SessionFrame } from './useAdversarialSession';

/** A frame, with what the session adds when it has it (see SessionFrame). */
export type ReadoutFrame = GanFrame & Partial<Pick<SessionFrame, 'workerStopped' | 'lastRate'>>;

export interface StatusReadoutsProps {
  frame: ReadoutFrame | null;
  latest: MetricPoint | null;
  /** Clusters of the current mixture, or null for shapes without clusters. */
  modeCount: number | null;
  info: WorkerInfo | null;
}

const DASH = '—';

/** Counts are whole numbers; should one ever arrive as 7.0000001, it still reads "7". */
const count = (v: number) => Math.round(v).toLocaleString('en-US');

export function formatCoverage(latest: MetricPoint | null, modeCount: number | null): string {
  if (modeCount === null || latest?.modesCovered == null || !Number.isFinite(latest.modesCovered)) return DASH;
  return `${count(latest.modesCovered)} / ${count(modeCount)}`;
}

export function formatQuality(latest: MetricPoint | null): string {
  if (latest?.highQuality == null || !Number.isFinite(latest.highQuality)) return DASH;
  return `${(latest.highQuality * 100).toFixed(1)}%`;
}

/**
 * Steps per second: live while training runs; while paused (the worker then
 * reports 0) the last measured rate, marked as such; a dash once the worker
 * has stopped or before anything was measured.
 */
export function formatRate(frame: ReadoutFrame | null): { value: string; last: boolean } {
  if (!frame || frame.workerStopped) return { value: DASH, last: false };
  if (frame.epochsPerSecond > 0) return { value: count(frame.epochsPerSecond), last: false };
  if (frame.lastRate != null && frame.lastRate > 0) return { value: count(frame.lastRate), last: true };
  return { value: DASH, last: false };
}

/** The backend's name, or why there is none. */
export function backendState(frame: ReadoutFrame | null, info: WorkerInfo | null): { name: string; note: string | null } {
  if (info) return { name: info.backend, note: null };
  return { name: '', note: frame?.workerStopped ? 'stopped' : 'starting…' };
}

export function StatusReadouts({ frame, latest, modeCount, info }: StatusReadoutsProps) {
  const rate = formatRate(frame);
  const backend = backendState(frame, info);
  return (
    <dl className="readouts">
      <div className="readout" title="Generator steps so far (one step = k discriminator updates, then one generator update)">
        <dt>G steps</dt>
        <dd data-testid="step-count">{(frame?.generatorSteps ?? 0).toLocaleString('en-US')}</dd>
      </div>
      <div className="readout" title="Generator steps per second while training runs; while paused, the last rate measured">
        <dt>Steps / s</dt>
        <dd data-testid="epochs-per-second">
          {rate.value}
          {rate.last ? <span className="muted"> (last)</span> : null}
        </dd>
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
          <span data-testid="backend-name">{backend.name}</span>
          {backend.note ? <span className="muted" data-testid="backend-state">{backend.note}</span> : null}
        </dd>
      </div>
    </dl>
  );
}
