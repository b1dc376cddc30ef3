/**
 * Draws a spectrogram on a canvas: time left to right, frequency bottom to top on a mel scale
 * (so the low pitch and the formants above it both get room), loudness as colour (d3's magma,
 * one fixed range for every picture so they compare). Formant tracks go over it as lines and the
 * measured pitch as dots.
 */
import { interpolateMagma } from 'd3';
import { hzToMel, melToHz } from '../../core/voice/stft';

/** The frequencies shown, Hz. */
export const SHOWN_HZ = { min: 0, max: 5000 } as const;
/** ln|X| mapped onto the colour scale: from near silence to the loudest harmonics. */
export const SHOWN_LOG = { min: -6, max: 3 } as const;
/** The canvas's own pixels (CSS scales it). */
export const CANVAS_SIZE = { width: 360, height: 180 } as const;

export const FORMANT_COLOUR = '#7fdbff';
export const PITCH_COLOUR = '#b6ff6b';

export interface PaintedSpectrogram {
  logMagnitude: Float32Array;
  frames: number;
  bins: number;
  sampleRate: number;
  /** F1 of every frame, then F2, then F3 (Hz); omitted: no lines. */
  formants?: Float32Array | null;
  /** Hz per frame, 0 for none; omitted: no dots. */
  pitch?: Float32Array | null;
}

const yOfHz = (hz: number, height: number) => {
  const m = (hzToMel(hz) - hzToMel(SHOWN_HZ.min)) / (hzToMel(SHOWN_HZ.max) - hzToMel(SHOWN_HZ.min));
  return height - m * height;
};

/** Colour lookup table, 256 entries of r, g, b. */
const LUT = (() => {
  const table = new Uint8ClampedArray(256 * 3);
  for (let i = 0; i < 256; i++) {
    const c = interpolateMagma(i / 255);
    const m = /rgb\((\d+), ?(\d+), ?(\d+)\)/.exec(c);
    const hex = /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(c);
    const rgb = m ? [m[1], m[2], m[3]].map(Number) : hex ? [hex[1], hex[2], hex[3]].map((h) => parseInt(h, 16)) : [0, 0, 0];
    table.set(rgb, i * 3);
  }
  return table;
})();

export function paintSpectrogram(canvas: HTMLCanvasElement, s: PaintedSpectrogram): void {
  const ctx = canvas.getContext('2d');
  if (!ctx) return;
  const { width, height } = CANVAS_SIZE;
  if (canvas.width !== width) canvas.width = width;
  if (canvas.height !== height) canvas.height = height;
  const image = ctx.createImageData(width, height);
  const binHz = s.sampleRate / ((s.bins - 1) * 2);
  // Each row's bin (fractional), from the mel scale.
  const rowBin = new Float32Array(height);
  for (let y = 0; y < height; y++) {
    const mel = hzToMel(SHOWN_HZ.min) + ((height - 1 - y + 0.5) / height) * (hzToMel(SHOWN_HZ.max) - hzToMel(SHOWN_HZ.min));
    rowBin[y] = Math.min(s.bins - 1, melToHz(mel) / binHz);
  }
  for (let x = 0; x < width; x++) {
    const t = Math.min(s.frames - 1, Math.floor((x / width) * s.frames));
    const row = t * s.bins;
    for (let y = 0; y < height; y++) {
      const b = rowBin[y];
      const j = Math.floor(b);
      const f = b - j;
      const v = j + 1 < s.bins ? (1 - f) * s.logMagnitude[row + j] + f * s.logMagnitude[row + j + 1] : s.logMagnitude[row + j];
      const level = Math.round(255 * Math.min(1, Math.max(0, (v - SHOWN_LOG.min) / (SHOWN_LOG.max - SHOWN_LOG.min))));
      const p = (y * width + x) * 4;
      image.data[p] = LUT[level * 3];
      image.data[p + 1] = LUT[level * 3 + 1];
      image.data[p + 2] = LUT[level * 3 + 2];
      image.data[p + 3] = 255;
    }
  }
  ctx.putImageData(image, 0, 0);
  const xOf = (t: number) => ((t + 0.5) / s.frames) * width;
  if (s.formants && s.formants.length === 3 * s.frames) {
    ctx.strokeStyle = FORMANT_COLOUR;
    ctx.lineWidth = 1.5;
    ctx.setLineDash([5, 3]);
    for (let k = 0; k < 3; k++) {
      ctx.beginPath();
      for (let t = 0; t < s.frames; t++) {
        const y = yOfHz(s.formants[k * s.frames + t], height);
        if (t === 0) ctx.moveTo(xOf(t), y);
        else ctx.lineTo(xOf(t), y);
      }
      ctx.stroke();
    }
    ctx.setLineDash([]);
  }
  if (s.pitch && s.pitch.length === s.frames) {
    ctx.fillStyle = PITCH_COLOUR;
    for (let t = 0; t < s.frames; t++) {
      const hz = s.pitch[t];
      if (!(hz > 0)) continue;
      ctx.beginPath();
      ctx.arc(xOf(t), yOfHz(hz, height), 1.8, 0, 2 * Math.PI);
      ctx.fill();
    }
  }
}

/** Ticks for the frequency axis, with their height as a share from the top. */
export const FREQUENCY_TICKS = [100, 250, 500, 1000, 2000, 4000].map((hz) => ({ hz, top: yOfHz(hz, 1) }));
