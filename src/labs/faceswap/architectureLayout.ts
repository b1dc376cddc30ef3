/**
 * Where the parts of the face-swap diagram sit (in a 1000×440 view box) and
 * which arrows a path lights up. Pure data, so the diagram component only
 * draws, and the "which arrows does A→B use?" logic is testable.
 *
 *   shared:    picture A ─┐                ┌─ decoder A → output A
 *                         ├─ encoder → code ┤
 *              picture B ─┘                └─ decoder B → output B
 *
 *   separate:  picture A → encoder A → code A → decoder A → output A
 *                                           ╲ ╱   (cross links: only ever used to swap)
 *              picture B → encoder B → code B → decoder B → output B
 */
import type { Side } from '../../core/autoencoder/sharedEncoderAutoencoder';
import { pathDecoder, pathSource, type SwapPath } from './swapPaths';

export type EncoderLayout = 'shared' | 'separate';

export const VIEW = { width: 1000, height: 440 } as const;
export const ROW_Y: Record<Side, number> = { a: 100, b: 340 };
export const MID_Y = 220;

export const COLUMNS = {
  input: { x: 10, width: 170 },
  encoder: { x: 220, width: 160 },
  code: { x: 410, width: 116 },
  decoder: { x: 585, width: 165 },
  output: { x: 800, width: 180 },
} as const;

export const BOX_HEIGHT = 110;
export const CODE_HEIGHT = 76;

/** A trapezoid by its left and right edges' heights around a centre line. */
export interface Trapezoid {
  x: number;
  width: number;
  y: number;
  leftHeight: number;
  rightHeight: number;
}

export function trapezoidPoints(t: Trapezoid): string {
  const { x, width, y, leftHeight: l, rightHeight: r } = t;
  return [[x, y - l / 2], [x + width, y - r / 2], [x + width, y + r / 2], [x, y + l / 2]].map((p) => p.join(',')).join(' ');
}

/** Encoders narrow (a picture in, a short code out); decoders widen. */
export function encoderShape(layout: EncoderLayout, side: Side): Trapezoid {
  const { x, width } = COLUMNS.encoder;
  return layout === 'shared'
    ? { x, width, y: MID_Y, leftHeight: 330, rightHeight: 96 }
    : { x, width, y: ROW_Y[side], leftHeight: 150, rightHeight: 64 };
}

export function decoderShape(side: Side): Trapezoid {
  const { x, width } = COLUMNS.decoder;
  return { x, width, y: ROW_Y[side], leftHeight: 64, rightHeight: 150 };
}

/** The code's centre line: one code box in the middle, or one per row. */
export const codeY = (layout: EncoderLayout, side: Side): number => (layout === 'shared' ? MID_Y : ROW_Y[side]);

/** `enc` is the shared encoder's one arrow into the code; the rest come per side. */
export type EdgeId = 'enc' | `${'in' | 'enc' | 'code' | 'dec'}-${Side}` | `cross-${Side}`;

export interface Edge {
  id: EdgeId;
  /** SVG path data. */
  d: string;
  /** Separate encoders' cross links: used only to swap, never while training. */
  untrained: boolean;
}

/** A gentle S-curve from (x1, y1) to (x2, y2), horizontal at both ends. */
function curve(x1: number, y1: number, x2: number, y2: number): string {
  if (y1 === y2) return `M${x1},${y1} H${x2}`;
  const mx = (x1 + x2) / 2;
  return `M${x1},${y1} C${mx},${y1} ${mx},${y2} ${x2},${y2}`;
}

const right = (c: { x: number; width: number }) => c.x + c.width;

export function diagramEdges(layout: EncoderLayout): Edge[] {
  const edges: Edge[] = [];
  for (const side of ['a', 'b'] as const) {
    const enc = encoderShape(layout, side);
    // Into the encoder a third of the way from its centre, so the two shared inputs arrive apart.
    const encIn = layout === 'shared' ? enc.y + (side === 'a' ? -1 : 1) * enc.leftHeight / 4 : enc.y;
    edges.push({ id: `in-${side}`, d: curve(right(COLUMNS.input), ROW_Y[side], enc.x, encIn), untrained: false });
    if (layout === 'separate' || side === 'a') {
      const y = codeY(layout, side);
      edges.push({ id: layout === 'shared' ? 'enc' : `enc-${side}`, d: curve(right(COLUMNS.encoder), y, COLUMNS.code.x, y), untrained: false });
    }
    const codeOut = codeY(layout, side) + (layout === 'shared' ? (side === 'a' ? -1 : 1) * CODE_HEIGHT / 4 : 0);
    edges.push({ id: `code-${side}`, d: curve(right(COLUMNS.code), codeOut, COLUMNS.decoder.x, ROW_Y[side]), untrained: false });
    edges.push({ id: `dec-${side}`, d: curve(right(COLUMNS.decoder), ROW_Y[side], COLUMNS.output.x, ROW_Y[side]), untrained: false });
  }
  if (layout === 'separate') {
    // cross-a: code A into decoder B; cross-b: code B into decoder A.
    for (const side of ['a', 'b'] as const) {
      const other: Side = side === 'a' ? 'b' : 'a';
      edges.push({ id: `cross-${side}`, d: curve(right(COLUMNS.code), ROW_Y[side], COLUMNS.decoder.x, ROW_Y[other]), untrained: true });
    }
  }
  return edges;
}

/** The arrows a picture follows along `path`, in order. */
export function edgesOnPath(layout: EncoderLayout, path: SwapPath): EdgeId[] {
  const source = pathSource(path);
  const decoder = pathDecoder(path);
  if (layout === 'shared') return [`in-${source}`, 'enc', `code-${decoder}`, `dec-${decoder}`];
  const link: EdgeId = source === decoder ? `code-${decoder}` : `cross-${source}`;
  return [`in-${source}`, `enc-${source}`, link, `dec-${decoder}`];
}

export type NodeId = `input-${Side}` | `encoder-${Side}` | 'encoder' | `code-${Side}` | 'code' | `decoder-${Side}` | `output-${Side}`;

/** The boxes a picture passes through along `path`. */
export function nodesOnPath(layout: EncoderLayout, path: SwapPath): NodeId[] {
  const source = pathSource(path);
  const decoder = pathDecoder(path);
  const middle: NodeId[] = layout === 'shared' ? ['encoder', 'code'] : [`encoder-${source}`, `code-${source}`];
  return [`input-${source}`, ...middle, `decoder-${decoder}`, `output-${decoder}`];
}

/** A font size (view-box units) that fits `text` across `width`, at most `max`. */
export function fittedFontSize(text: string, width: number, max: number): number {
  return Math.min(max, Math.floor(width / (0.58 * Math.max(1, text.length))));
}
