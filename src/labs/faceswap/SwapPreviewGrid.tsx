/**
 * The live preview of the face-swap tools: for each character, a row of real
 * pictures, under it their rebuilds by the character's own decoder, and under
 * those their swaps by the other decoder. Each column follows one picture, so
 * reading down a column compares the three. Pointing at (or focusing) an
 * output row reports its path, so the page can light it up in the diagram.
 */
import { useMemo } from 'react';
import type { PreviewRow, SwapPreview } from '../../core/faceswap/swapPreview';
import type { Side } from '../../core/autoencoder/sharedEncoderAutoencoder';
import { ImageGrid } from '../shared/ImageGrid';
import type { ImageBatch } from '../shared/imageGridPainter';
import { zoomFor } from './pictureZoom';
import { otherSide, outputLabel, realLabel, swapPath, type SwapNames, type SwapPath } from './swapPaths';
import './faceswap.css';

export interface SwapPreviewGridProps {
  preview: SwapPreview | null;
  names: SwapNames;
  onHoverPath?: (path: SwapPath | null) => void;
  /** The path the page highlights (e.g. from the diagram), outlined here too. */
  highlighted?: SwapPath | null;
  /** About how many CSS pixels wide each picture is drawn (a whole-number zoom of its pixels). */
  cellSize?: number;
}

const SIDES: readonly Side[] = ['a', 'b'];

export function SwapPreviewGrid({ preview, names, onHoverPath, highlighted = null, cellSize = 96 }: SwapPreviewGridProps) {
  const batches = useMemo(() => {
    if (!preview) return null;
    const batch = (row: PreviewRow): ImageBatch => ({
      pixels: preview.rows[row], count: preview.count, height: preview.imageSize, width: preview.imageSize, channels: preview.channels,
    });
    return { a: batch('a'), aToA: batch('aToA'), aToB: batch('aToB'), b: batch('b'), bToB: batch('bToB'), bToA: batch('bToA') };
  }, [preview]);

  if (!preview || !batches) {
    return <p className="swap-placeholder">The preview appears once the model is built.</p>;
  }
  const scale = zoomFor(preview.imageSize, cellSize);
  const count = preview.count;

  const outputRow = (path: SwapPath, sub: string) => (
    <div key={path} className={`swap-row is-output${highlighted === path ? ' is-highlighted' : ''}`} data-path={path} tabIndex={0}
      role="group" aria-label={outputLabel(path, names)}
      onMouseEnter={() => onHoverPath?.(path)} onMouseLeave={() => onHoverPath?.(null)}
      onFocus={() => onHoverPath?.(path)} onBlur={() => onHoverPath?.(null)}>
      <div className="swap-row-head">
        <span className="swap-row-title">{outputLabel(path, names)}</span>
        <span className="swap-row-sub">{sub}</span>
      </div>
      <ImageGrid images={batches[path]} columns={count} scale={scale} testId={`swap-preview-${path}`}
        label={`${count} pictures: ${outputLabel(path, names)}, one under each real picture`} />
    </div>
  );

  return (
    <div className="swap-preview" data-testid="swap-preview" data-main-view>
      {SIDES.map((side) => {
        const other = otherSide(side);
        return (
          <div key={side} className={`swap-block side-${side}`} role="group" aria-label={`Pictures of ${names[side]}`}>
            <div className="swap-row is-real">
              <div className="swap-row-head">
                <span className="swap-row-title">{realLabel(side, names)}</span>
                <span className="swap-row-sub">never trained on</span>
              </div>
              <ImageGrid images={batches[side]} columns={count} scale={scale} testId={`swap-preview-${side}`}
                label={`${count} real pictures of ${names[side]}, held out from training`} />
            </div>
            {outputRow(swapPath(side, side), 'should match the row above')}
            {outputRow(swapPath(side, other), `the same pictures, drawn as ${names[other]}`)}
          </div>
        );
      })}
    </div>
  );
}
