/**
 * The heart of the page: the network as a diagram, and under it the preview
 * grid (real pictures, their rebuilds, their swaps) with the training
 * timeline. Pointing at a row of the grid lights up its path in the diagram.
 */
import { useRef, useState } from 'react';
import type { EncoderMode, SwapDatasetKind } from '../../core/autoencoder/faceSwapSettings';
import type { SwapSnapshot } from '../../core/faceswap/swapSnapshot';
import { shownSnapshot } from '../shared/timeline';
import { ArchitectureDiagram } from './ArchitectureDiagram';
import { SwapPreviewGrid } from './SwapPreviewGrid';
import { TrainingTimeline } from '../shared/TrainingTimeline';
import { usePresenting } from '../shared/presenting';
import { useContainerSize } from '../shared/useContainerSize';
import { sharedContentOf, type SwapNames, type SwapPath } from './swapPaths';

export interface SwapPreviewPanelProps {
  timeline: SwapSnapshot[];
  names: SwapNames;
  encoder: EncoderMode;
  latentSize: number;
  dataset: SwapDatasetKind;
}

/** In presentation mode the two characters stand side by side: three rows of pictures, each under a one-line label. */
const PREVIEW_ROWS = 3;
const ROW_LABEL_PX = 34;
/** Above the grid when presenting: the toolbar, the heading and the panel's padding. */
const PRESENTING_RESERVE_PX = 330;
/** Below this window height, presentation mode shows the grid without the diagram, so the grid fits whole. */
const DIAGRAM_MIN_HEIGHT_PX = 900;

/**
 * How big each picture is drawn: the usual size, or in presentation mode the size at which the
 * whole grid (and the diagram, on a tall screen) fits the window, so a class sees every row
 * (the width is kept by the stylesheet, which shrinks pictures to their column).
 */
function previewLayout(presenting: boolean, windowHeight: number | null): { cellSize: number; diagram: boolean } {
  if (!presenting || windowHeight === null) return { cellSize: 96, diagram: true };
  const diagram = windowHeight >= DIAGRAM_MIN_HEIGHT_PX;
  const free = windowHeight - PRESENTING_RESERVE_PX - (diagram ? 0.22 * windowHeight : 0);
  return { cellSize: Math.max(40, Math.min(96, free / PREVIEW_ROWS - ROW_LABEL_PX)), diagram };
}

export function SwapPreviewPanel({ timeline, names, encoder, latentSize, dataset }: SwapPreviewPanelProps) {
  const [path, setPath] = useState<SwapPath | null>(null);
  const panel = useRef<HTMLElement>(null);
  const size = useContainerSize(panel);
  const layout = previewLayout(usePresenting(), size?.windowHeight ?? null);
  // The held step belongs to one run: when the timeline restarts (a reset), the grid follows training again.
  const [pin, setPin] = useState<{ step: number; origin: SwapSnapshot } | null>(null);
  const pinnedStep = pin && pin.origin === timeline[0] ? pin.step : null;
  const shown = shownSnapshot(timeline, pinnedStep);
  const snapshot = shown.index >= 0 ? timeline[shown.index] : null;
  return (
    <section className="panel plot-panel swap-panel" aria-labelledby="swap-preview-heading" ref={panel}>
      <h2 id="swap-preview-heading" className="panel-title">The swap, live</h2>
      <p className="panel-intro">
        {encoder === 'shared'
          ? 'One encoder turns every picture into a short code; '
          : `Here ${names.a} and ${names.b} each have their own encoder turning pictures into short codes; `}
        each side has its own decoder that draws a picture from a code. Training only ever asks each decoder to rebuild its own side's
        pictures. The swap is the trick at the end: {names.a}'s code, drawn by {names.b}'s decoder. Point at a row of pictures to see its path
        through the network.
      </p>
      {layout.diagram ? <ArchitectureDiagram encoder={encoder} path={path} names={names} latentSize={latentSize} sharedContent={sharedContentOf(dataset)} /> : null}
      <div className="swap-preview-layout">
        <SwapPreviewGrid preview={snapshot?.preview ?? null} names={names} onHoverPath={setPath} highlighted={path} cellSize={layout.cellSize} />
        <div className="swap-preview-side">
          <TrainingTimeline subject={dataset === 'toyFaces' ? 'the faces and the swap' : 'the digits and the swap'} steps={timeline.map((s) => s.step)} index={shown.index} live={shown.live}
            onPin={(step) => setPin(step === null || timeline.length === 0 ? null : { step, origin: timeline[0] })} />
          <div className="explain swap-explain">
            <h3>What it shows</h3>
            <p>
              The same six pictures of each side every time, never trained on. Under each: its rebuild by its own decoder, then its swap
              by the other decoder. Only the networks change.
            </p>
            <h3>Watch for</h3>
            <p>
              Rebuilds sharpen first. A working swap keeps the source's {sharedContentOf(dataset)} but takes on the other side's look. With separate
              encoders the rebuilds look fine while the swaps turn to mush.
            </p>
          </div>
        </div>
      </div>
    </section>
  );
}
