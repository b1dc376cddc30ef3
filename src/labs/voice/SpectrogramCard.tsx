/** One spectrogram on a canvas, with its frequency axis, a caption and a Play button. */
import { useEffect, useRef } from 'react';
import { FREQUENCY_TICKS, paintSpectrogram, type PaintedSpectrogram } from './spectrogramPainting';
import type { Played } from './useVoicePlayer';

export interface SpectrogramCardProps {
  id: string;
  title: string;
  /** One sentence under the title. */
  caption: string;
  picture: PaintedSpectrogram | null;
  onPlay(): void;
  playing: boolean;
  busy: boolean;
  played: Played | undefined;
  disabled?: boolean;
}

export function SpectrogramCard({ id, title, caption, picture, onPlay, playing, busy, played, disabled }: SpectrogramCardProps) {
  const canvas = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    if (canvas.current && picture) paintSpectrogram(canvas.current, picture);
  }, [picture]);
  return (
    <figure className="spectrogram-card" data-testid={`card-${id}`}>
      <figcaption>
        <strong>{title}</strong>
        <span className="spectrogram-caption">{caption}</span>
      </figcaption>
      <div className="spectrogram-frame">
        <div className="spectrogram-axis" aria-hidden="true">
          {FREQUENCY_TICKS.map((t) => <span key={t.hz} style={{ top: `${100 * t.top}%` }}>{t.hz >= 1000 ? `${t.hz / 1000}k` : t.hz}</span>)}
        </div>
        <canvas ref={canvas} className="spectrogram-canvas" data-testid={`spectrogram-${id}`} role="img"
          aria-label={`${title}: spectrogram, time across, frequency up (mel scale to 5 kHz), loudness as colour`} />
      </div>
      <div className="spectrogram-play">
        <button type="button" onClick={onPlay} disabled={disabled || busy || !picture} data-testid={`play-${id}`}
          aria-describedby={`${id}-play-help`} data-rms={played ? played.rms.toFixed(5) : undefined}>
          {busy ? 'Preparing…' : playing ? 'Playing…' : `Play`}
        </button>
        <span className="field-help" id={`${id}-play-help`}>
          {played ? `Played ${played.seconds.toFixed(2)} s (loudness, RMS ${played.rms.toFixed(3)}).` : 'Hear it through your speakers (Web Audio, 16 kHz).'}
        </span>
      </div>
    </figure>
  );
}
