/**
 * A grid of small images (digits, toy faces) drawn on one canvas, scaled up
 * with crisp pixels so each cell reads from the back of a lecture hall.
 * Optional per-cell captions (a score, "real"/"fake") are drawn below each cell.
 */
import { useEffect, useImperativeHandle, useRef, type Ref } from 'react';
import { canvasToPngBlob } from './download';
import { paintImageGrid, type ImageBatch } from './imageGridPainter';

export interface ImageGridHandle {
  toPngBlob(): Promise<Blob>;
}

export interface ImageGridProps {
  images: ImageBatch | null;
  columns: number;
  /** CSS pixels per image pixel. */
  scale?: number;
  /** One short caption per cell (e.g. D's score), or none. */
  captions?: readonly string[] | null;
  /** Cells to outline (e.g. the ones a quiz revealed as fake). */
  outlined?: ReadonlySet<number>;
  label: string;
  testId?: string;
  ref?: Ref<ImageGridHandle>;
}

export function ImageGrid({ images, columns, scale = 3, captions = null, outlined, label, testId, ref }: ImageGridProps) {
  const canvasRef = useRef<HTMLCanvasElement>(null);

  useEffect(() => {
    const canvas = canvasRef.current;
    if (!canvas || !images) return;
    paintImageGrid(canvas, images, { columns, scale, captions, outlined, ratio: window.devicePixelRatio || 1 });
  }, [images, columns, scale, captions, outlined]);

  useImperativeHandle(ref, () => ({
    toPngBlob: () => {
      if (!canvasRef.current) return Promise.reject(new Error('The image grid is not on screen.'));
      return canvasToPngBlob(canvasRef.current);
    },
  }), []);

  return <canvas ref={canvasRef} className="image-grid" role="img" aria-label={label} data-testid={testId} />;
}
