/**
 * "Where the detector looks": one held-out picture beside its gradient × input map, the
 * detector's logit pushed towards "fake" by the red pixels and towards "real" by the blue,
 * recomputed in the worker as the detector trains. Both maps on <canvas>, painted through D3
 * colour scales.
 */
import { useEffect, useMemo, useState } from 'react';
import { scaleDiverging } from 'd3-scale';
import { interpolateRdBu } from 'd3-scale-chromatic';
import { pictureKindOf, type DetectorKind, type GeneratorId, type SaliencyView } from '../../protocol/detection/detectionProtocol';
import { NumberField, SelectField } from '../shared/formFields';
import { messageOf } from '../shared/messageOf';
import { ColourBar, PaintedMap } from './paintedMaps';

type Kind = 'real' | 'fake';

const grey = (v: number) => {
  const level = Math.round(Math.min(1, Math.max(0, (v + 1) / 2)) * 255);
  return `rgb(${level},${level},${level})`;
};

/** The map's colour scale, symmetric about 0 and saturating at the 98th percentile of |value|, so a few extreme pixels do not wash out the rest. */
export function saliencyScale(map: Float32Array): { paint: (v: number) => string; limit: number } {
  const sorted = Float32Array.from(map, Math.abs).sort();
  const limit = Math.max(sorted[Math.min(sorted.length - 1, Math.floor(0.98 * sorted.length))] ?? 0, 1e-12);
  // RdBu runs red → blue; reversed so that pushing towards "fake" reads red.
  const scale = scaleDiverging((t: number) => interpolateRdBu(1 - t)).domain([-limit, 0, limit]);
  return { paint: (v) => scale(Math.max(-limit, Math.min(limit, v))), limit };
}

const READING: Record<DetectorKind, string> = {
  spectrum: 'The spectrum detector reads the whole picture at once, as frequencies: its map is a fine pattern spread over every pixel, paper included, not a shape. It judges the texture of the picture, the forger\'s fingerprint, and never the digit itself.',
  pixel: 'The CNN also reads each pixel\'s distance from blank paper, and much of what moves its verdict lies on the paper, mostly right beside the strokes: a scanned digit\'s paper is exactly −1, a generator only comes close. It is a clue about the file, not about the handwriting, which is why JPEG at quality 95 blinds it (see Laundering).',
};

/** The detector inside a sentence. */
const DETECTOR_PHRASE: Record<DetectorKind, string> = { spectrum: 'spectrum detector', pixel: 'pixel CNN' };

export interface SaliencyPanelProps {
  saliency: (label: number, position: number) => Promise<SaliencyView>;
  generator: GeneratorId;
  /** The detector's step count and set: the map is recomputed when either changes. */
  steps: number;
  setId: number;
  disabled: boolean;
}

export function SaliencyPanel({ saliency, generator, steps, setId, disabled }: SaliencyPanelProps) {
  const [kind, setKind] = useState<Kind>('fake');
  const [number, setNumber] = useState(1);
  const [view, setView] = useState<SaliencyView | null>(null);
  const [error, setError] = useState<string | null>(null);
  const digits = pictureKindOf(generator) === 'digits';

  useEffect(() => {
    if (disabled) return;
    let cancelled = false;
    saliency(kind === 'fake' ? 1 : 0, number - 1)
      .then((v) => {
        if (cancelled) return;
        setError(null);
        setView(v);
      })
      .catch((e: unknown) => {
        if (!cancelled) setError(`The map could not be computed: ${messageOf(e)}`);
      });
    return () => {
      cancelled = true;
    };
  }, [saliency, kind, number, steps, setId, disabled]);

  const scale = useMemo(() => (view ? saliencyScale(view.map) : null), [view]);
  const max = view ? (kind === 'fake' ? view.fakeCount : view.realCount) : 1;
  const shown = view;
  const isFake = shown ? shown.label === 1 : kind === 'fake';
  const what = digits ? (isFake ? 'fake' : 'real digit') : isFake ? 'swapped face' : 'real toy face';
  return (
    <section className="panel detection-saliency" aria-labelledby="detection-saliency-heading" data-testid="saliency-panel">
      <h2 id="detection-saliency-heading" className="panel-title">Where the detector looks</h2>
      <p className="panel-intro">
        For each pixel of a held-out picture, how much that pixel, as it is, pushes the detector&rsquo;s verdict: <strong>red towards &ldquo;fake&rdquo;</strong>,{' '}
        <strong>blue towards &ldquo;real&rdquo;</strong> (the gradient of its score times the pixel, &ldquo;gradient × input&rdquo;). It follows the detector as it trains.
      </p>
      <div className="saliency-controls">
        <SelectField label="Picture" value={kind} testId="saliency-kind"
          options={[{ value: 'fake', label: digits ? 'A fake' : 'A swapped face' }, { value: 'real', label: digits ? 'A real digit' : 'A real toy face' }]}
          help="Held-out pictures only: the detector never trained on them."
          onChange={(k) => setKind(k)} />
        <NumberField label={`Which one (1–${max})`} value={Math.min(number, max)} min={1} max={max} integer testId="saliency-number"
          help="Step through them with the arrow keys." onChange={(n) => setNumber(n)} />
      </div>
      {error ? <p className="field-error" role="alert">{error}</p> : null}
      {shown && scale ? (
        <>
          <div className="spectra-maps saliency-maps">
            <figure>
              <figcaption>The {what}</figcaption>
              <PaintedMap values={shown.image} side={Math.sqrt(shown.image.length)} paint={grey} label={`Held-out ${what} number ${shown.position + 1}`} testId="saliency-picture" />
            </figure>
            <figure>
              <figcaption>Gradient × input</figcaption>
              <PaintedMap values={shown.map} side={Math.sqrt(shown.map.length)} paint={scale.paint} label={`Where the ${DETECTOR_PHRASE[shown.detector]} looks in it: red pixels push towards fake, blue towards real`} testId="saliency-map" />
              <ColourBar id="saliency-bar" paint={scale.paint} domain={[-scale.limit, scale.limit]} left="towards real" right="towards fake" />
            </figure>
          </div>
          <p data-testid="saliency-readout" aria-live="polite">
            The {DETECTOR_PHRASE[shown.detector]} after {shown.steps.toLocaleString('en-GB')} steps gives this {what} P(fake) = {shown.pFake.toFixed(2)}
            {shown.label === 1 ? ' (it is a fake)' : ' (it is real)'}.
            {shown.paperShare !== null ? ` ${Math.round(100 * shown.paperShare)}% of what moves its score lies on blank paper (pixels at −1 or within 0.001 of it).` : ''}
          </p>
          <p className="field-help">{READING[shown.detector]} The colours saturate at the 98th percentile of the map, so a few extreme pixels do not hide the rest.</p>
        </>
      ) : (
        <p className="field-help">{disabled ? 'The map appears once the detector is ready.' : 'Computing the map…'}</p>
      )}
    </section>
  );
}
