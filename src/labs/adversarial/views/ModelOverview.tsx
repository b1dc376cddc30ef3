/**
 * The model-overview diagram: noise → G → fakes; reals and fakes → D →
 * predictions → the two losses; dashed gradients flowing back. The stage of
 * a slow-motion iteration lights up its parts; each part is a button.
 * Five columns and short labels keep the text large when the diagram is projected.
 */
import type { KeyboardEvent } from 'react';
import type { GanSettings, NetworkSettings } from '../../../core/pointGan/ganSettings';
import { DATASET_SHORT_LABELS, LOSS_SHORT_LABELS, NOISE_LABELS } from './settingLabels';
import './views.css';

export type OverviewPart = 'noise' | 'generator' | 'fakes' | 'reals' | 'discriminator' | 'predictions' | 'discriminatorLoss' | 'generatorLoss';
export type IterationStage = 'sampleNoise' | 'generate' | 'judge' | 'updateDiscriminator' | 'updateGenerator';

export interface ModelOverviewProps {
  settings: GanSettings;
  activeStage: IterationStage | null;
  selected: OverviewPart | null;
  onSelect: (part: OverviewPart) => void;
}

interface Box { x: number; y: number; w: number; h: number }

const WIDTH = 1040;
const HEIGHT = 424;
const BOX_H = 88;
const ROW = { top: 16, middle: 140, bottom: 264 } as const;
/** The generator's gradient runs below every box, so it never crosses one. */
const LANE_Y = 384;
const DETAIL_FONT = 18;

const BOXES: Record<OverviewPart, Box> = {
  noise: { x: 10, y: ROW.top, w: 134, h: BOX_H },
  generator: { x: 180, y: ROW.top, w: 190, h: BOX_H },
  fakes: { x: 406, y: ROW.top, w: 176, h: BOX_H },
  reals: { x: 406, y: ROW.bottom, w: 176, h: BOX_H },
  discriminator: { x: 620, y: ROW.middle, w: 210, h: BOX_H },
  predictions: { x: 856, y: ROW.middle, w: 176, h: BOX_H },
  discriminatorLoss: { x: 856, y: ROW.top, w: 176, h: BOX_H },
  generatorLoss: { x: 856, y: ROW.bottom, w: 176, h: BOX_H },
};

const STAGE_PARTS: Record<IterationStage, OverviewPart[]> = {
  sampleNoise: ['noise'],
  generate: ['noise', 'generator', 'fakes'],
  judge: ['fakes', 'reals', 'discriminator', 'predictions'],
  updateDiscriminator: ['predictions', 'discriminatorLoss', 'discriminator'],
  updateGenerator: ['generatorLoss', 'discriminator', 'generator'],
};

/** Layer sizes, shortened when a deep network would not fit its box ("2 → 3×64 → 2"). */
export function architecture(inputs: number, net: NetworkSettings, outputs: number): string {
  const hidden = net.hidden;
  if (hidden.length <= 2) return [inputs, ...hidden, outputs].join(' → ');
  const middle = hidden.every((u) => u === hidden[0]) ? `${hidden.length}×${hidden[0]}` : `${hidden.length} layers`;
  return `${inputs} → ${middle} → ${outputs}`;
}

/** Title and one short detail per box; the rest (activation, optimizer…) is in the part's panel. */
function details(part: OverviewPart, s: GanSettings): [string, string] {
  switch (part) {
    case 'noise': return ['Noise z', `${s.noiseDim}-D ${NOISE_LABELS[s.noiseKind]}`];
    case 'generator': return ['Generator G', architecture(s.noiseDim, s.generator, 2)];
    case 'fakes': return ['Fake samples', `batch of ${s.batchSize}`];
    case 'reals': return ['Real samples', DATASET_SHORT_LABELS[s.dataset]];
    case 'discriminator': return ['Discriminator D', architecture(2 * s.packing, s.discriminator, 1)];
    case 'predictions': return ['Predictions', s.packing > 1 ? `per pack of ${s.packing}` : 'D(real), D(fake)'];
    case 'discriminatorLoss': return ['D loss', LOSS_SHORT_LABELS[s.loss]];
    case 'generatorLoss': return ['G loss', LOSS_SHORT_LABELS[s.loss]];
  }
}

type Point = readonly [number, number];
const rightOf = (b: Box): Point => [b.x + b.w, b.y + b.h / 2];
const leftOf = (b: Box): Point => [b.x, b.y + b.h / 2];
const topOf = (b: Box): Point => [b.x + b.w / 2, b.y];
const bottomOf = (b: Box): Point => [b.x + b.w / 2, b.y + b.h];
const horizontal = (from: Point, to: Point) => {
  const mid = (from[0] + to[0]) / 2;
  return `M${from[0]},${from[1]} C${mid},${from[1]} ${mid},${to[1]} ${to[0]},${to[1]}`;
};
const straight = (from: Point, to: Point) => `M${from[0]},${from[1]} L${to[0]},${to[1]}`;

const EDGES: { from: OverviewPart; to: OverviewPart; d: string }[] = [
  { from: 'noise', to: 'generator', d: horizontal(rightOf(BOXES.noise), leftOf(BOXES.generator)) },
  { from: 'generator', to: 'fakes', d: horizontal(rightOf(BOXES.generator), leftOf(BOXES.fakes)) },
  { from: 'fakes', to: 'discriminator', d: horizontal(rightOf(BOXES.fakes), [BOXES.discriminator.x, BOXES.discriminator.y + 28]) },
  { from: 'reals', to: 'discriminator', d: horizontal(rightOf(BOXES.reals), [BOXES.discriminator.x, BOXES.discriminator.y + BOX_H - 28]) },
  { from: 'discriminator', to: 'predictions', d: straight(rightOf(BOXES.discriminator), leftOf(BOXES.predictions)) },
  { from: 'predictions', to: 'discriminatorLoss', d: straight(topOf(BOXES.predictions), bottomOf(BOXES.discriminatorLoss)) },
  { from: 'predictions', to: 'generatorLoss', d: straight(bottomOf(BOXES.predictions), topOf(BOXES.generatorLoss)) },
];

/** An orthogonal path with rounded corners through the given points. */
function rounded(points: Point[], radius = 16): string {
  let d = `M${points[0][0]},${points[0][1]}`;
  for (let i = 1; i < points.length - 1; i++) {
    const [px, py] = points[i - 1];
    const [x, y] = points[i];
    const [nx, ny] = points[i + 1];
    const inX = Math.sign(x - px) * radius;
    const inY = Math.sign(y - py) * radius;
    const outX = Math.sign(nx - x) * radius;
    const outY = Math.sign(ny - y) * radius;
    d += ` L${x - inX},${y - inY} Q${x},${y} ${x + outX},${y + outY}`;
  }
  const last = points[points.length - 1];
  return `${d} L${last[0]},${last[1]}`;
}

const D_GRADIENT_Y = BOXES.discriminatorLoss.y + 40;
const D_GRADIENT = rounded([
  [BOXES.discriminatorLoss.x, D_GRADIENT_Y],
  [topOf(BOXES.discriminator)[0], D_GRADIENT_Y],
  topOf(BOXES.discriminator),
]);
const G_GRADIENT = rounded([bottomOf(BOXES.generatorLoss), [bottomOf(BOXES.generatorLoss)[0], LANE_Y], [bottomOf(BOXES.generator)[0], LANE_Y], bottomOf(BOXES.generator)]);

/** Guards the box against an unusually long detail: squeeze the text rather than let it spill out. */
function fitLength(text: string, box: Box): number | undefined {
  const estimate = text.length * DETAIL_FONT * 0.58;
  return estimate > box.w - 14 ? box.w - 14 : undefined;
}

export function ModelOverview({ settings, activeStage, selected, onSelect }: ModelOverviewProps) {
  const lit = activeStage ? new Set(STAGE_PARTS[activeStage]) : null;
  const state = (part: OverviewPart) => [
    'overview-node',
    lit && lit.has(part) ? 'active' : '',
    lit && !lit.has(part) ? 'dimmed' : '',
    selected === part ? 'selected' : '',
  ].join(' ');
  const edgeState = (a: OverviewPart, b: OverviewPart) => (lit && !(lit.has(a) && lit.has(b)) ? 'overview-edge dimmed' : 'overview-edge');
  const gradState = (stage: IterationStage) => `overview-gradient${activeStage === stage ? ' active' : activeStage ? ' dimmed' : ''}`;
  const onKey = (part: OverviewPart) => (e: KeyboardEvent) => {
    if (e.key === 'Enter' || e.key === ' ') {
      e.preventDefault();
      onSelect(part);
    }
  };
  return (
    <div className="model-overview">
      <svg viewBox={`0 0 ${WIDTH} ${HEIGHT}`} role="group" aria-label="Model overview: how data and gradients flow through the two networks">
        <defs>
          <marker id="overview-head" viewBox="0 0 10 10" refX="9" refY="5" markerUnits="userSpaceOnUse" markerWidth="14" markerHeight="14" orient="auto-start-reverse">
            <path d="M0,0 L10,5 L0,10 z" fill="#4b5060" />
          </marker>
          <marker id="overview-grad-head" viewBox="0 0 10 10" refX="9" refY="5" markerUnits="userSpaceOnUse" markerWidth="16" markerHeight="16" orient="auto-start-reverse">
            <path d="M0,0 L10,5 L0,10 z" fill="#b45309" />
          </marker>
        </defs>
        {EDGES.map(({ from, to, d }) => (
          <path key={`${from}-${to}`} className={edgeState(from, to)} d={d} markerEnd="url(#overview-head)" />
        ))}
        <path className={gradState('updateDiscriminator')} markerEnd="url(#overview-grad-head)" d={D_GRADIENT} />
        <text className="overview-gradient-label" x={BOXES.discriminatorLoss.x - 12} y={D_GRADIENT_Y - 14} textAnchor="end">
          D's gradient updates D
        </text>
        <path className={gradState('updateGenerator')} markerEnd="url(#overview-grad-head)" d={G_GRADIENT} />
        <text className="overview-gradient-label" x={(bottomOf(BOXES.generator)[0] + bottomOf(BOXES.generatorLoss)[0]) / 2} y={LANE_Y + 28} textAnchor="middle">
          G's gradient flows back through D (unchanged) into G
        </text>
        {(Object.keys(BOXES) as OverviewPart[]).map((part) => {
          const box = BOXES[part];
          const [title, detail] = details(part, settings);
          const cx = box.x + box.w / 2;
          return (
            <g key={part} className={state(part)} role="button" tabIndex={0} aria-pressed={selected === part}
              onClick={() => onSelect(part)} onKeyDown={onKey(part)}>
              <rect x={box.x} y={box.y} width={box.w} height={box.h} rx={9} />
              <text x={cx} y={box.y + 37} textAnchor="middle" fontWeight={700}>{title}</text>
              <text className="overview-detail" x={cx} y={box.y + 66} textAnchor="middle" textLength={fitLength(detail, box)} lengthAdjust="spacingAndGlyphs">
                {detail}
              </text>
            </g>
          );
        })}
      </svg>
    </div>
  );
}
