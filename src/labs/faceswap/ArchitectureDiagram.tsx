/**
 * The face-swap network as a picture: pictures of A and B go into the
 * encoder (a trapezoid that narrows to a short code), and each decoder widens
 * a code back into a picture of its own character. One path can be
 * highlighted (the page follows the preview column under the pointer): it is
 * drawn bold in the source's colour with dashes flowing along it; the rest dims.
 */
import { useId, type ReactNode } from 'react';
import type { Side } from '../../core/autoencoder/sharedEncoderAutoencoder';
import {
  BOX_HEIGHT, CODE_HEIGHT, COLUMNS, MID_Y, ROW_Y, VIEW, codeY, decoderShape, diagramEdges, edgesOnPath, encoderShape,
  fittedFontSize, nodesOnPath, trapezoidPoints, type EncoderLayout, type NodeId, type Trapezoid,
} from './architectureLayout';
import { describePath, pathSource, type SwapNames, type SwapPath } from './swapPaths';
import './faceswap.css';

export type { SwapPath } from './swapPaths';

export interface ArchitectureDiagramProps {
  encoder: EncoderLayout;
  path: SwapPath | null;
  names: SwapNames;
  /** Numbers in a code, written under "code" when given. */
  latentSize?: number;
  /** What both identities share (the code's content), for the caption. */
  sharedContent?: string;
}

const SIDES: readonly Side[] = ['a', 'b'];

/** Two centred lines: a small word above, a big one (a name) below. */
function TwoLines({ x, y, small, big, width }: { x: number; y: number; small: string; big: string; width: number }) {
  return (
    <text x={x} y={y} textAnchor="middle" className="arch-label">
      <tspan x={x} dy="-0.35em" className="arch-label-small">{small}</tspan>
      <tspan x={x} dy="1.15em" className="arch-label-big" fontSize={fittedFontSize(big, width, 30)}>{big}</tspan>
    </text>
  );
}

export function ArchitectureDiagram({ encoder, path, names, latentSize, sharedContent = 'expression and pose' }: ArchitectureDiagramProps) {
  // useId's punctuation is not safe inside url(#…): keep letters and digits.
  const id = `arch${useId().replace(/[^A-Za-z0-9]/g, '')}`;
  const edges = diagramEdges(encoder);
  const litEdges = new Set<string>(path ? edgesOnPath(encoder, path) : []);
  const litNodes = new Set<NodeId>(path ? nodesOnPath(encoder, path) : []);
  const flowSide = path ? pathSource(path) : null;
  const nodeClass = (node: NodeId, base: string) => `${base}${path === null ? '' : litNodes.has(node) ? ' is-on' : ' is-dim'}`;
  const arrow = (kind: string) => `url(#${id}-arrow-${kind})`;

  const shape = (node: NodeId, side: Side | null, t: Trapezoid, label: ReactNode) => (
    <g key={node} className={nodeClass(node, side ? `arch-node side-${side}` : 'arch-node arch-shared')} data-node={node}>
      <polygon points={trapezoidPoints(t)} />
      {label}
    </g>
  );
  const box = (node: NodeId, side: Side, x: number, width: number, small: string) => (
    <g key={node} className={nodeClass(node, `arch-node side-${side}`)} data-node={node}>
      <rect x={x} y={ROW_Y[side] - BOX_HEIGHT / 2} width={width} height={BOX_HEIGHT} rx={14} />
      <TwoLines x={x + width / 2} y={ROW_Y[side]} small={small} big={names[side]} width={width - 20} />
    </g>
  );
  const codeBox = (node: NodeId, y: number) => (
    <g key={node} className={nodeClass(node, 'arch-node arch-code')} data-node={node}>
      <rect x={COLUMNS.code.x} y={y - CODE_HEIGHT / 2} width={COLUMNS.code.width} height={CODE_HEIGHT} rx={10} />
      <text x={COLUMNS.code.x + COLUMNS.code.width / 2} y={y} textAnchor="middle" className="arch-label">
        <tspan x={COLUMNS.code.x + COLUMNS.code.width / 2} dy={latentSize ? '-0.2em' : '0.35em'} className="arch-label-mid">code</tspan>
        {latentSize ? <tspan x={COLUMNS.code.x + COLUMNS.code.width / 2} dy="1.25em" className="arch-label-code">{latentSize} numbers</tspan> : null}
      </text>
    </g>
  );
  const trapezoidLabel = (t: Trapezoid, small: string, big: string, shift: number) => (
    <TwoLines x={t.x + t.width / 2 + shift} y={t.y} small={small} big={big} width={t.width - 40} />
  );

  const summary = encoder === 'shared' ? 'one shared encoder and two decoders' : 'two separate encoders and two decoders';
  const label = `Diagram of the face-swap network: ${summary}. ${
    path ? `Highlighted: ${describePath(path, names, encoder, sharedContent)}` : 'No path highlighted; point at a column of the preview grid to follow one.'
  }`;

  return (
    <figure className="arch-figure">
      <svg className={`arch-diagram${path ? ' has-path' : ''}`} viewBox={`0 0 ${VIEW.width} ${VIEW.height}`} role="img" aria-label={label}
        data-testid="architecture-diagram" data-path={path ?? ''}>
        <defs>
          {['plain', 'a', 'b', 'dim'].map((kind) => (
            <marker key={kind} id={`${id}-arrow-${kind}`} viewBox="0 0 10 10" refX="9" refY="5" markerWidth="20" markerHeight="20"
              markerUnits="userSpaceOnUse" orient="auto-start-reverse">
              <path d="M0,0 L10,5 L0,10 z" className={`arch-arrow arrow-${kind}`} />
            </marker>
          ))}
        </defs>
        <g className="arch-edges">
          {edges.map((e) => {
            const on = litEdges.has(e.id);
            const kind = on && flowSide ? flowSide : path ? 'dim' : 'plain';
            const cls = `arch-edge${e.untrained ? ' is-untrained' : ''}${on ? ` is-on side-${flowSide}` : path ? ' is-dim' : ''}`;
            return (
              <g key={e.id} data-edge={e.id}>
                <path d={e.d} className={cls} markerEnd={arrow(kind)} />
                {on ? <path d={e.d} className="arch-flow" /> : null}
              </g>
            );
          })}
        </g>
        {SIDES.map((side) => box(`input-${side}`, side, COLUMNS.input.x, COLUMNS.input.width, 'picture of'))}
        {encoder === 'shared'
          ? shape('encoder', null, encoderShape('shared', 'a'), trapezoidLabel(encoderShape('shared', 'a'), 'shared', 'encoder', -10))
          : SIDES.map((side) => shape(`encoder-${side}`, side, encoderShape('separate', side), trapezoidLabel(encoderShape('separate', side), 'encoder', names[side], -12)))}
        {encoder === 'shared' ? codeBox('code', MID_Y) : SIDES.map((side) => codeBox(`code-${side}`, codeY('separate', side)))}
        {SIDES.map((side) => shape(`decoder-${side}`, side, decoderShape(side), trapezoidLabel(decoderShape(side), 'decoder', names[side], 12)))}
        {SIDES.map((side) => box(`output-${side}`, side, COLUMNS.output.x, COLUMNS.output.width, 'drawn as'))}
        {encoder === 'separate' ? (
          <text x={COLUMNS.code.x + COLUMNS.code.width / 2} y={MID_Y} textAnchor="middle" className="arch-label arch-untrained-note">
            <tspan x={COLUMNS.code.x + COLUMNS.code.width / 2} dy="-0.3em">never</tspan>
            <tspan x={COLUMNS.code.x + COLUMNS.code.width / 2} dy="1.1em">trained</tspan>
          </text>
        ) : null}
      </svg>
      <figcaption className="arch-caption">
        {encoder === 'shared' ? (
          <>
            One encoder reads pictures of both {names.a} and {names.b}, so its code has to describe what they share ({sharedContent})
            the same way for both. Each decoder learns to draw any code as its own character: feed {names.a}'s code to
            decoder {names.b} and you get the swap.
          </>
        ) : (
          <>
            Two separate encoders: decoder {names.b} only ever received codes from encoder {names.b}, and decoder {names.a} only
            from encoder {names.a}. A swap hands a decoder a code from the other encoder, which it has never seen (the dashed
            links were never trained), so expect nonsense.
          </>
        )}
      </figcaption>
    </figure>
  );
}
