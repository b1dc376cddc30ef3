/**
 * A small map painted cell by cell on a <canvas> (a spectrum, a saliency map) through a colour
 * scale, enlarged without smoothing, and the colour bar that reads it.
 */
import { useEffect, useRef } from 'react';
import { mapPixels } from './spectrumPainting';

const MAP_SCALE = 6; // 28 × 6 = 168 CSS pixels

export function PaintedMap({ values, side, paint, label, testId }: { values: Float32Array; side: number; paint: (v: number) => string; label: string; testId: string }) {
  const ref = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    const canvas = ref.current;
    const ctx = canvas?.getContext('2d');
    if (!canvas || !ctx) return;
    const small = document.createElement('canvas');
    small.width = side;
    small.height = side;
    small.getContext('2d')!.putImageData(new ImageData(mapPixels(values, paint), side, side), 0, 0);
    ctx.imageSmoothingEnabled = false;
    ctx.clearRect(0, 0, canvas.width, canvas.height);
    ctx.drawImage(small, 0, 0, canvas.width, canvas.height);
  }, [values, side, paint]);
  return <canvas ref={ref} className="spectrum-map" width={side * MAP_SCALE} height={side * MAP_SCALE} role="img" aria-label={label} data-testid={testId} />;
}

/** A colour bar under the maps: low power on the left, high on the right. */
export function ColourBar({ paint, domain, left, right, id }: { paint: (v: number) => string; domain: [number, number]; left: string; right: string; id: string }) {
  const stops = Array.from({ length: 11 }, (_, i) => domain[0] + ((domain[1] - domain[0]) * i) / 10);
  return (
    <div className="colour-bar">
      <svg viewBox="0 0 168 12" preserveAspectRatio="none" aria-hidden="true" focusable="false">
        <defs>
          <linearGradient id={id}>
            {stops.map((v, i) => <stop key={i} offset={`${i * 10}%`} stopColor={paint(v)} />)}
          </linearGradient>
        </defs>
        <rect width="168" height="12" fill={`url(#${id})`} />
      </svg>
      <div className="colour-bar-labels"><span>{left}</span><span>{right}</span></div>
    </div>
  );
}
