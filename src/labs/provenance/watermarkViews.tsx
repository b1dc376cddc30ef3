/** The watermark panels' small views: a picture on a canvas with its caption, and a hint under a control. */
import { useEffect, useRef, type ReactNode } from 'react';
import type { RgbaPicture } from '../../core/provenance/picture';
import { PICTURE_SIZE } from '../../core/provenance/provenancePictures';
import { toImageData } from './browserJpeg';

export function PictureView({ picture, label, testId }: { picture: RgbaPicture | null; label: string; testId?: string }) {
  const ref = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    const canvas = ref.current;
    if (!canvas || !picture) return;
    canvas.width = picture.width;
    canvas.height = picture.height;
    canvas.getContext('2d')?.putImageData(toImageData(picture), 0, 0);
  }, [picture]);
  return (
    <figure className="wm-figure">
      <canvas ref={ref} className="wm-canvas" role="img" aria-label={label} data-testid={testId} width={PICTURE_SIZE} height={PICTURE_SIZE} />
      <figcaption>{label}</figcaption>
    </figure>
  );
}

export function Hint({ id, children }: { id: string; children: ReactNode }) {
  return <p className="wm-hint" id={id}>{children}</p>;
}
