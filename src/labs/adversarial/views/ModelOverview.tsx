/**
 * The model-overview diagram: noise → G → fakes; reals and fakes → D →
 * predictions → the two losses; dashed gradients flowing back. The stage of
 * a slow-motion iteration lights up its parts; each part is a button.
 */
import type { KeyboardEvent } from 'react';
import type { GanSettings, NetworkSettings } from '../../../core/ganSettings';
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

const BOXES: Record<OverviewPart, Box> = {
  noise: { x: 10, y: 40, w: 110, h: 62 },
  generator: { x: 150, y: 40, w: 150, h: 62 },
  fakes: { x: 330, y: 40, w: 120, h: 62 },
  reals: { x: 330, y: 160, w: 120, h: 62 },
  discriminator: { x: 480, y: 100, w: 150, h: 62 },
  predictions: { x: 660, y: 100, w: 120, h: 62 },
  discriminatorLoss: { x: 810, y: 40, w: 130, h: 62 },
  generatorLoss: { x: 810, y: 160, w: 130, h: 62 },
};

const STAGE_PARTS: Record<IterationStage, OverviewPart[]> = {
  sampleNoise: ['noise'],
  generate: ['noise', 'generator', 'fakes'],
  judge: ['fakes', 'reals', 'discriminator', 'predictions'],
  updateDiscriminator: ['predictions', 'discriminatorLoss', 'discriminator'],
  updateGenerator: ['generatorLoss', 'discriminator', 'generator'],
};

const ACTIVATION_NAMES = { relu: 'ReLU', leakyRelu: 'LeakyReLU', tanh: 'tanh' } as const;
const LOSS_NAMES = { minimax: 'minimax', nonSaturating: 'non-saturating', leastSquares: 'least squares', wganGp: 'WGAN-GP', hinge: 'hinge' } as const;

function architecture(inputs: number, net: NetworkSettings, outputs: number): string {
  return [inputs, ...net.hidden, outputs].join(' → ');
}

function details(part: OverviewPart, s: GanSettings): [string, string] {
  switch (part) {
    case 'noise': return ['Noise z', `${s.noiseDim}-D ${s.noiseKind}`];
    case 'generator': return ['Generator G', `${architecture(s.noiseDim, s.generator, 2)}, ${ACTIVATION_NAMES[s.generator.activation]}`];
    case 'fakes': return ['Fake samples', `batch of ${s.batchSize}`];
    case 'reals': return ['Real samples', s.dataset === 'custom' ? 'your data' : `${s.dataset}`];
    case 'discriminator': return ['Discriminator D', `${architecture(2 * s.packing, s.discriminator, 1)}, ${ACTIVATION_NAMES[s.discriminator.activation]}`];
    case 'predictions': return ['Predictions', s.packing > 1 ? `one per pack of ${s.packing}` : 'D(real), D(fake)'];
    case 'discriminatorLoss': return ['D loss', LOSS_NAMES[s.loss]];
    case 'generatorLoss': return ['G loss', LOSS_NAMES[s.loss]];
  }
}

const right = (b: Box) => [b.x + b.w, b.y + b.h / 2] as const;
const left = (b: Box) => [b.x, b.y + b.h / 2] as const;
const arrow = (from: readonly [number, number], to: readonly [number, number]) => `M${from[0]},${from[1]} C${(from[0] + to[0]) / 2},${from[1]} ${(from[0] + to[0]) / 2},${to[1]} ${to[0]},${to[1]}`;

const EDGES: [OverviewPart, OverviewPart][] = [
  ['noise', 'generator'], ['generator', 'fakes'], ['fakes', 'discriminator'], ['reals', 'discriminator'],
  ['discriminator', 'predictions'], ['predictions', 'discriminatorLoss'], ['predictions', 'generatorLoss'],
];

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
  const d = BOXES.discriminator;
  const g = BOXES.generator;
  const dl = BOXES.discriminatorLoss;
  const gl = BOXES.generatorLoss;

  return (
    <div className="model-overview">
      <svg viewBox="0 0 950 300" role="group" aria-label="Model overview: how data and gradients flow through the two networks">
        <defs>
          <marker id="overview-head" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse">
            <path d="M0,0 L10,5 L0,10 z" fill="#4b5060" />
          </marker>
          <marker id="overview-grad-head" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse">
            <path d="M0,0 L10,5 L0,10 z" fill="#b45309" />
          </marker>
        </defs>
        {EDGES.map(([a, b]) => (
          <path key={`${a}-${b}`} className={edgeState(a, b)} d={arrow(right(BOXES[a]), left(BOXES[b]))} markerEnd="url(#overview-head)" />
        ))}
        <path className={gradState('updateDiscriminator')} markerEnd="url(#overview-grad-head)"
          d={`M${dl.x + dl.w / 2},${dl.y} C${dl.x + dl.w / 2},${8} ${d.x + d.w / 2},${8} ${d.x + d.w / 2},${d.y}`} />
        <text className="overview-gradient-label" x={(dl.x + d.x) / 2 + 60} y={18} textAnchor="middle">D's gradient updates D</text>
        <path className={gradState('updateGenerator')} markerEnd="url(#overview-grad-head)"
          d={`M${gl.x + gl.w / 2},${gl.y + gl.h} C${gl.x + gl.w / 2},${292} ${g.x + g.w / 2},${292} ${g.x + g.w / 2},${g.y + g.h}`} />
        <text className="overview-gradient-label" x={(gl.x + g.x) / 2 + 60} y={286} textAnchor="middle">G's gradient flows back through D (unchanged) into G</text>
        {(Object.keys(BOXES) as OverviewPart[]).map((part) => {
          const box = BOXES[part];
          const [title, detail] = details(part, settings);
          return (
            <g
              key={part}
              className={state(part)}
              role="button"
              tabIndex={0}
              aria-pressed={selected === part}
              onClick={() => onSelect(part)}
              onKeyDown={onKey(part)}
            >
              <rect x={box.x} y={box.y} width={box.w} height={box.h} rx={8} />
              <text x={box.x + box.w / 2} y={box.y + 25} textAnchor="middle" fontWeight={700}>{title}</text>
              <text className="overview-detail" x={box.x + box.w / 2} y={box.y + 45} textAnchor="middle">{detail}</text>
            </g>
          );
        })}
      </svg>
    </div>
  );
}
