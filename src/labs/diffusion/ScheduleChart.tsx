/**
 * The noise schedule beside the forward process: how much of the data (signal) and how much
 * noise x_t holds at each step t, with ᾱ_t for DDPM, and a rule at the step being shown.
 * D3 computes the scales and paths; React renders the SVG.
 */
import { useMemo } from 'react';
import { scaleLinear } from 'd3-scale';
import { line } from 'd3-shape';
import type { DiffusionObjective } from '../../core/diffusion/diffusionSettings';
import { pathAt, type NoiseSchedule } from '../../core/denoising/noiseSchedule';
import { SCHEDULE_COLORS } from './diffusionColors';

const W = 300;
const H = 190;
const M = { top: 10, right: 12, bottom: 34, left: 40 };
const IW = W - M.left - M.right;
const IH = H - M.top - M.bottom;

export interface ScheduleChartProps {
  schedule: NoiseSchedule;
  objective: DiffusionObjective;
  t: number;
}

export function ScheduleChart({ schedule, objective, t }: ScheduleChartProps) {
  const T = schedule.T;
  const x = scaleLinear().domain([0, T]).range([0, IW]);
  const y = scaleLinear().domain([0, 1]).range([IH, 0]);
  const series = useMemo(() => {
    const ts = Array.from({ length: T + 1 }, (_, i) => i);
    const path = (value: (i: number) => number) => line<number>().x((i) => x(i)).y((i) => y(value(i)))(ts) ?? '';
    const out: { key: string; label: string; color: string; dash: string | undefined; d: string }[] = [
      { key: 'signal', label: objective === 'epsilon' ? 'signal √ᾱ_t' : 'signal 1 − t/T', color: SCHEDULE_COLORS.signal, dash: undefined, d: path((i) => pathAt(objective, schedule, i).signal) },
      { key: 'noise', label: objective === 'epsilon' ? 'noise √(1 − ᾱ_t)' : 'noise t/T', color: SCHEDULE_COLORS.noise, dash: '5 3', d: path((i) => pathAt(objective, schedule, i).noise) },
    ];
    if (objective === 'epsilon') out.push({ key: 'alphaBar', label: 'ᾱ_t', color: SCHEDULE_COLORS.alphaBar, dash: '2 2', d: path((i) => schedule.alphaBars[i]) });
    return out;
    // x and y depend only on T, which `schedule` carries.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [schedule, objective]);
  const here = pathAt(objective, schedule, t);
  const title = objective === 'epsilon' ? `The ${schedule.kind} noise schedule` : 'The straight path of flow matching';
  return (
    <figure className="schedule-chart">
      <figcaption>
        <strong>{title}</strong>
        <ul className="metric-chart-legend">
          {series.map((s) => <li key={s.key}><span className="metric-chart-swatch" style={{ background: s.color }} />{s.label}</li>)}
        </ul>
      </figcaption>
      <svg viewBox={`0 0 ${W} ${H}`} role="img" aria-label={`${title}: at t = ${t}, x_t keeps ${here.signal.toFixed(2)} of the data and ${here.noise.toFixed(2)} of the noise`}>
        <g transform={`translate(${M.left},${M.top})`}>
          <g className="axis">
            <line x1={0} x2={IW} y1={IH} y2={IH} />
            {x.ticks(5).map((v) => (
              <g key={v} transform={`translate(${x(v)},${IH})`}>
                <line y2={4} />
                <text y={16} textAnchor="middle">{v}</text>
              </g>
            ))}
            <text x={IW} y={IH + 30} textAnchor="end">step t</text>
            <line x1={0} x2={0} y1={0} y2={IH} />
            {y.ticks(4).map((v) => (
              <g key={v} transform={`translate(0,${y(v)})`}>
                <line x2={-4} />
                <text x={-7} dy="0.32em" textAnchor="end">{v}</text>
              </g>
            ))}
          </g>
          {series.map((s) => <path key={s.key} d={s.d} fill="none" stroke={s.color} strokeWidth={2} strokeDasharray={s.dash} />)}
          <line className="schedule-now" x1={x(t)} x2={x(t)} y1={0} y2={IH} />
          <circle cx={x(t)} cy={y(here.signal)} r={4} fill={SCHEDULE_COLORS.signal} />
          <circle cx={x(t)} cy={y(here.noise)} r={4} fill={SCHEDULE_COLORS.noise} />
        </g>
      </svg>
    </figure>
  );
}
