/**
 * The encoder's code space, flattened: each evaluation picture's code on its
 * first two principal components, A's as blue circles and B's as orange
 * diamonds (shape as well as colour, for colour-blind readers). D3 computes
 * the scales and ticks; React draws the SVG.
 */
import { scaleLinear } from 'd3-scale';
import { chartFrame } from '../shared/chartFrame';
import type { CodeProjection } from '../../core/faceswap/codeProjection';
import { axisLabel, scatterDomains } from './codeSpaceScales';
import type { SwapNames } from './swapPaths';
import './faceswap.css';

export interface CodeSpacePanelProps {
  projection: CodeProjection | null;
  names: SwapNames;
  onRefresh?: () => void;
  /** A new projection is being computed. */
  busy?: boolean;
  /** What both identities share (the code's content), for the explanation. */
  sharedContent?: string;
}

const { width: WIDTH, height: HEIGHT, margin: M, innerWidth: INNER_W, innerHeight: INNER_H } =
  chartFrame(600, 440, { top: 44, right: 18, bottom: 66, left: 64 });
const R = 7;

/** A circle for A, a diamond for B. */
function Mark({ side, x, y }: { side: 0 | 1; x: number; y: number }) {
  return side === 0
    ? <circle cx={x} cy={y} r={R} className="code-mark side-a" />
    : <rect x={x - R * 0.85} y={y - R * 0.85} width={R * 1.7} height={R * 1.7} transform={`rotate(45 ${x} ${y})`} className="code-mark side-b" />;
}

/** A's and B's points taken in turns, so neither side's cloud is painted over the other's as a whole. */
function drawOrder(sides: Uint8Array): number[] {
  const seen = [0, 0];
  const rank = Array.from(sides, (s) => seen[s === 0 ? 0 : 1]++);
  return Array.from(sides, (_, i) => i).sort((p, q) => rank[p] - rank[q] || sides[p] - sides[q]);
}

export function CodeSpacePanel({ projection, names, onRefresh, busy = false, sharedContent = 'expression and pose' }: CodeSpacePanelProps) {
  const explanation = (
    <p className="code-space-text">
      Every dot is the code of one picture the network never trained on. With a <strong>shared encoder</strong> the codes of {names.a}{' '}
      and {names.b} should mix in one cloud: the code records {sharedContent}, not who it is, which is what lets either decoder
      draw it. With <strong>separate encoders</strong> nothing makes the two clouds line up, and they often sit apart.
    </p>
  );
  const refresh = onRefresh ? (
    <button type="button" onClick={onRefresh} disabled={busy} data-testid="code-space-refresh">{busy ? 'Measuring…' : 'Measure again'}</button>
  ) : null;

  if (!projection) {
    return (
      <div className="code-space">
        <div className="code-space-empty"><p className="swap-placeholder">The code map appears once codes have been measured.</p>{refresh}</div>
        {explanation}
      </div>
    );
  }

  const { points, sides, explained } = projection;
  const domains = scatterDomains(points, INNER_W, INNER_H);
  const x = scaleLinear().domain(domains.x).range([0, INNER_W]);
  const y = scaleLinear().domain(domains.y).range([INNER_H, 0]);
  const n = sides.length;
  const counts = [0, 0];
  sides.forEach((s) => counts[s === 0 ? 0 : 1]++);
  const xLabel = axisLabel(1, explained[0]);
  const yLabel = axisLabel(2, explained[1]);

  return (
    <div className="code-space">
      <figure className="code-space-figure">
        <div className="code-space-head">
          <ul className="code-space-legend">
            <li><svg width="20" height="20" aria-hidden="true"><Mark side={0} x={10} y={10} /></svg>{names.a} ({counts[0]})</li>
            <li><svg width="20" height="20" aria-hidden="true"><Mark side={1} x={10} y={10} /></svg>{names.b} ({counts[1]})</li>
          </ul>
          {refresh}
        </div>
        <svg viewBox={`0 0 ${WIDTH} ${HEIGHT}`} className="code-space-plot" role="img" data-testid="code-space-plot"
          aria-label={`Scatter of ${n} codes, ${counts[0]} of ${names.a} and ${counts[1]} of ${names.b}: ${xLabel} across, ${yLabel} up.`}>
          <g transform={`translate(${M.left},${M.top})`}>
            <g className="code-grid">
              {x.ticks(6).map((t) => <line key={`x${t}`} x1={x(t)} x2={x(t)} y1={0} y2={INNER_H} />)}
              {y.ticks(5).map((t) => <line key={`y${t}`} x1={0} x2={INNER_W} y1={y(t)} y2={y(t)} />)}
            </g>
            <rect className="code-frame" x={0} y={0} width={INNER_W} height={INNER_H} />
            <g className="code-ticks">
              {x.ticks(6).map((t) => <text key={`x${t}`} x={x(t)} y={INNER_H + 24} textAnchor="middle">{x.tickFormat(6)(t)}</text>)}
              {y.ticks(5).map((t) => <text key={`y${t}`} x={-10} y={y(t)} dy="0.35em" textAnchor="end">{y.tickFormat(5)(t)}</text>)}
            </g>
            <g className="code-points">
              {drawOrder(sides).map((i) => <Mark key={i} side={sides[i] === 0 ? 0 : 1} x={x(points[2 * i])} y={y(points[2 * i + 1])} />)}
            </g>
            <text className="code-axis-label" x={INNER_W / 2} y={INNER_H + 56} textAnchor="middle">{xLabel} →</text>
            {/* Written across above the axis rather than up its side: easier to read from the back row. */}
            <text className="code-axis-label" x={-M.left + 4} y={-22} textAnchor="start">↑ {yLabel}</text>
          </g>
        </svg>
      </figure>
      {explanation}
    </div>
  );
}
