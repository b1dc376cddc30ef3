/**
 * Robustness curves of the classic watermark (and of the learned one, once trained): for each
 * attack (JPEG from this browser's own encoder, noise, blur, shrinking, cropping, rotation), how the mark fares as the attack grows harsher —
 * the share of payload bits read right, how often the mark is found and the payload comes back
 * whole — and how often the detector "finds" the mark in the same pictures left unmarked (false
 * positives). React-owned SVG with D3 scales; the measuring loop yields to the page between
 * pictures and draws each curve as it grows.
 */
import { useEffect, useId, useRef, useState } from 'react';
import { scaleLinear } from 'd3-scale';
import { line } from 'd3-shape';
import { cropPicture, gaussianBlur, gaussianNoise, resizeDownUp, rotatePicture } from '../../core/provenance/imageAttacks';
import type { RgbaPicture } from '../../core/provenance/picture';
import { detectWatermark, embedWatermark, payloadBitAccuracy } from '../../core/provenance/spreadSpectrumWatermark';
import { jpegRoundTrip } from './browserJpeg';
import { psnr } from '../../core/provenance/imageQuality';
import type { LearnedMarker } from './LearnedMarkPanel';

export type CurveAttack = 'jpeg' | 'noise' | 'blur' | 'resize' | 'crop' | 'rotate';

interface AttackSpec {
  kind: CurveAttack;
  title: string;
  axis: string;
  /** From mild to harsh: the x axis runs in this order, harsher to the right. */
  levels: number[];
}

export const CURVE_ATTACKS: readonly AttackSpec[] = [
  { kind: 'jpeg', title: 'JPEG (this browser\'s encoder)', axis: 'JPEG quality', levels: [95, 85, 75, 65, 50, 35, 20] },
  { kind: 'noise', title: 'Gaussian noise', axis: 'noise σ (levels)', levels: [2, 5, 10, 15, 20, 30] },
  { kind: 'blur', title: 'Gaussian blur', axis: 'blur σ (pixels)', levels: [0.5, 1, 1.5, 2, 3] },
  { kind: 'resize', title: 'Shrink and enlarge', axis: 'shrunk to (% of the side)', levels: [90, 75, 60, 50, 40, 30, 25] },
  { kind: 'crop', title: 'Crop', axis: 'kept (% of each side)', levels: [95, 85, 75, 65, 50] },
  { kind: 'rotate', title: 'Rotation (not re-aligned)', axis: 'turned by (degrees)', levels: [0.5, 1, 2, 3, 5] },
];

/** What is counted at one attack level over the pictures measured so far. */
export interface CurvePoint {
  level: number;
  pictures: number;
  /** Mean share of the 32 payload bits read right (0.5 is guessing). */
  bits: number;
  /** Share of marked pictures in which the mark is found. */
  found: number;
  /** Share of marked pictures whose payload comes back exactly. */
  exact: number;
  /** Share of unmarked pictures in which the detector "finds" the mark. */
  falseFound: number;
  /** The learned mark's mean share of bits read right, on the same pictures at the same PSNR (summed while measuring); absent when it was not measured. */
  learnedBits?: number;
}

const SERIES = [
  { key: 'bits', label: 'bits read right', colour: '#0072B2', dash: undefined },
  { key: 'found', label: 'mark found', colour: '#D55E00', dash: '6 3' },
  { key: 'exact', label: 'payload exact', colour: '#007F5C', dash: '2 3' },
  { key: 'falseFound', label: 'found in unmarked pictures', colour: '#CC79A7', dash: '8 3 2 3' },
] as const;
const LEARNED_SERIES = { key: 'learnedBits', label: 'learned mark: bits read right', colour: '#E69F00', dash: undefined } as const;

const breathe = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

async function attackPicture(picture: RgbaPicture, kind: CurveAttack, level: number, seed: number): Promise<{ picture: RgbaPicture; cropped: boolean }> {
  switch (kind) {
    case 'jpeg': return { picture: (await jpegRoundTrip(picture, level)).picture, cropped: false };
    case 'noise': return { picture: gaussianNoise(picture, level, seed), cropped: false };
    case 'blur': return { picture: gaussianBlur(picture, level), cropped: false };
    case 'resize': return { picture: resizeDownUp(picture, level / 100), cropped: false };
    case 'rotate': return { picture: rotatePicture(picture, level), cropped: false };
    case 'crop': {
      const side = Math.max(16, Math.round((picture.width * level) / 100));
      const x = seed % (picture.width - side + 1);
      const y = Math.floor(seed / 7) % (picture.height - side + 1);
      return { picture: cropPicture(picture, x, y, side, side), cropped: true };
    }
  }
}

const W = 300;
const H = 200;
const M = { top: 10, right: 12, bottom: 40, left: 44 };

function CurveChart({ spec, points }: { spec: AttackSpec; points: CurvePoint[] }) {
  const first = spec.levels[0];
  const last = spec.levels[spec.levels.length - 1];
  const x = scaleLinear().domain([first, last]).range([M.left, W - M.right]);
  const y = scaleLinear().domain([0, 1]).range([H - M.bottom, M.top]);
  const ticks = spec.levels.length > 6 ? spec.levels.filter((_, i) => i % 2 === 0 || i === spec.levels.length - 1) : spec.levels;
  const measured = points.filter((p) => p.pictures > 0);
  const withLearned = measured.some((p) => p.learnedBits !== undefined);
  const series = withLearned ? [...SERIES, LEARNED_SERIES] : SERIES;
  const summary = measured.length
    ? measured.map((p) => `${spec.axis} ${p.level}: bits ${(100 * p.bits).toFixed(0)}%, found ${(100 * p.found).toFixed(0)}%, exact ${(100 * p.exact).toFixed(0)}%, false ${(100 * p.falseFound).toFixed(0)}%${p.learnedBits !== undefined ? `, learned bits ${(100 * p.learnedBits).toFixed(0)}%` : ''}`).join('; ')
    : 'not measured yet';
  return (
    <figure className="wm-curve" data-testid={`wm-curve-${spec.kind}`}>
      <figcaption className="wm-curve-title">{spec.title}</figcaption>
      <svg viewBox={`0 0 ${W} ${H}`} role="img" aria-label={`${spec.title}: ${summary}`}>
        {[0, 0.25, 0.5, 0.75, 1].map((t) => (
          <g key={t}>
            <line x1={x(first)} x2={x(last)} y1={y(t)} y2={y(t)} className="wm-grid-line" />
            <text x={M.left - 6} y={y(t)} dy="0.32em" textAnchor="end" className="wm-tick-label">{`${t * 100}%`}</text>
          </g>
        ))}
        <line x1={x(first)} x2={x(last)} y1={y(0.5)} y2={y(0.5)} className="wm-chance-line" />
        {ticks.map((t) => (
          <text key={t} x={x(t)} y={H - M.bottom + 14} textAnchor="middle" className="wm-tick-label">{t}</text>
        ))}
        <text x={(M.left + W - M.right) / 2} y={H - 6} textAnchor="middle" className="wm-axis-label">{spec.axis} →  harsher</text>
        {series.map((s) => {
          const value = (p: CurvePoint) => p[s.key] ?? 0;
          const d = line<CurvePoint>().x((p) => x(p.level)).y((p) => y(value(p)))(measured) ?? '';
          return (
            <g key={s.key} data-testid={`wm-series-${s.key}`}>
              <path d={d} fill="none" stroke={s.colour} strokeWidth={s.key === 'learnedBits' ? 3 : 2.25} strokeDasharray={s.dash} />
              {measured.map((p) => <circle key={p.level} cx={x(p.level)} cy={y(value(p))} r={2.75} fill={s.colour} />)}
            </g>
          );
        })}
      </svg>
    </figure>
  );
}

export interface RobustnessCurvesProps {
  /** The key the pictures are marked with (each picture gets its own: key #i). */
  markKey: string;
  payload: number;
  strength: number;
  /** The i-th picture to measure on (of the kind chosen in the panel). */
  pictureFor: (i: number) => RgbaPicture;
  /** Another job of the panel is running, or the set-up is not usable. */
  disabled: boolean;
  /** Progress for the panel's status line (null when done). */
  onBusy: (message: string | null) => void;
  onError: (message: string) => void;
  /** The learned mark, when one is trained and paused: measured on the same pictures, at the classic mark's PSNR. */
  learned?: LearnedMarker | null;
}

export function RobustnessCurves({ markKey, payload, strength, pictureFor, disabled, onBusy, onError, learned = null }: RobustnessCurvesProps) {
  const id = useId();
  const [count, setCount] = useState(8);
  const [curves, setCurves] = useState<Record<CurveAttack, CurvePoint[]> | null>(null);
  const [measuredWith, setMeasuredWith] = useState<string | null>(null);
  const [running, setRunning] = useState(false);
  const cancelled = useRef(false);
  useEffect(() => () => { cancelled.current = true; }, []);

  async function measure() {
    const withLearned = learned;
    const sums = Object.fromEntries(CURVE_ATTACKS.map((a) => [a.kind, a.levels.map((level) => ({ level, pictures: 0, bits: 0, found: 0, exact: 0, falseFound: 0, ...(withLearned ? { learnedBits: 0 } : {}) }))])) as Record<CurveAttack, CurvePoint[]>;
    const show = () => setCurves(Object.fromEntries(CURVE_ATTACKS.map((a) => [a.kind, sums[a.kind].map((p) => (p.pictures ? {
      ...p, bits: p.bits / p.pictures, found: p.found / p.pictures, exact: p.exact / p.pictures, falseFound: p.falseFound / p.pictures,
      ...(p.learnedBits !== undefined ? { learnedBits: p.learnedBits / p.pictures } : {}),
    } : p))])) as Record<CurveAttack, CurvePoint[]>);
    setRunning(true);
    setCurves(null);
    setMeasuredWith(`${count} pictures, strength ${strength.toFixed(1)}${withLearned ? `, with the learned mark after ${withLearned.steps.toLocaleString('en-GB')} steps at the same PSNR` : ''}`);
    try {
      for (let i = 0; i < count && !cancelled.current; i++) {
        const original = pictureFor(i);
        const key = `${markKey} #${i}`;
        const marked = embedWatermark(original, key, payload, { strength }).picture;
        // The learned mark at the classic one's PSNR on this picture: equally visible.
        const learnedMarked = withLearned ? await withLearned.mark(original, payload, psnr(original, marked)) : null;
        for (const spec of CURVE_ATTACKS) {
          onBusy(`Robustness curves: picture ${i + 1} of ${count}, ${spec.title}…`);
          for (const point of sums[spec.kind]) {
            if (cancelled.current) return;
            const seed = i * 31 + 5;
            const a = await attackPicture(marked, spec.kind, point.level, seed);
            const u = await attackPicture(original, spec.kind, point.level, seed);
            const where = a.cropped ? { markedWidth: original.width, markedHeight: original.height } : {};
            const found = detectWatermark(a.picture, key, { strength, ...where });
            const unmarked = detectWatermark(u.picture, key, { strength, ...where });
            point.pictures++;
            point.bits += payloadBitAccuracy(found, payload);
            if (found.detected) point.found++;
            if (found.payload === payload) point.exact++;
            if (unmarked.detected) point.falseFound++;
            if (withLearned && learnedMarked && point.learnedBits !== undefined) {
              const l = await attackPicture(learnedMarked, spec.kind, point.level, seed);
              point.learnedBits += await withLearned.bitsRead(l.picture, payload, l.cropped);
            }
            await breathe();
          }
          show();
        }
      }
    } catch (e) {
      onError((e as Error).message);
    } finally {
      if (!cancelled.current) {
        setRunning(false);
        onBusy(null);
      }
    }
  }

  return (
    <div className="wm-curves" data-testid="wm-robustness">
      <div className="wm-controls">
        <div className="wm-field">
          <label htmlFor={`${id}-count`}>Pictures to measure on</label>
          <select id={`${id}-count`} value={count} onChange={(e) => setCount(Number(e.target.value))} aria-describedby={`${id}-count-help`} data-testid="wm-curve-count">
            {[4, 8, 16].map((n) => <option key={n} value={n}>{n}</option>)}
          </select>
          <p className="wm-hint" id={`${id}-count-help`}>More pictures give smoother curves and take longer (about two seconds a picture).</p>
        </div>
        <div className="wm-field">
          <button type="button" onClick={() => void measure()} disabled={disabled || running} data-testid="wm-curve">Measure the curves</button>
          <p className="wm-hint">Marks each picture with the key, payload and strength above, attacks it at every level and detects; does the same to the picture left unmarked, to count false alarms.</p>
        </div>
      </div>
      {curves ? (
        <>
          <p className="wm-hint" data-testid="wm-curve-caption">Measured on {measuredWith}{running ? ' (still measuring)' : ''}. The dashed grey line is 50%, what guessing the bits scores.</p>
          <ul className="wm-curve-legend" aria-label="What the lines show">
            {[...SERIES, ...(Object.values(curves).some((ps) => ps.some((p) => p.learnedBits !== undefined)) ? [LEARNED_SERIES] : [])].map((s) => (
              <li key={s.key}>
                <svg width="28" height="10" aria-hidden="true"><line x1="1" x2="27" y1="5" y2="5" stroke={s.colour} strokeWidth={2.5} strokeDasharray={s.dash} /></svg> {s.label}
              </li>
            ))}
          </ul>
          <div className="wm-curve-grid">
            {CURVE_ATTACKS.map((spec) => <CurveChart key={spec.kind} spec={spec} points={curves[spec.kind]} />)}
          </div>
        </>
      ) : null}
    </div>
  );
}
