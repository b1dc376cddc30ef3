/**
 * One digit drawn from noise A, with its first few noise numbers on sliders:
 * they start at noise A's own values, and the digit redraws live as they move
 * (and as the generator learns).
 */
import { useId, useMemo, useState } from 'react';
import { IMAGE_SIZE } from '../../core/mnist/digitGanSettings';
import { ImageGrid } from '../shared/ImageGrid';
import { editedValues, seededNoise, sliderValues, type SliderEdits } from './latentNoise';
import { useLiveRequest, type LiveView } from '../shared/useLiveRequest';

const SLIDER_DIMS = 4;
const RANGE = 3;
const SAMPLE_SCALE = 8;

export interface LatentSlidersProps extends LiveView {
  /** Noise A's seed. */
  seed: number;
  latentSize: number;
  /** The digit asked for (conditional models), else null. */
  label: number | null;
  sampleWithOverrides(seed: number, overrides: number[], label: number | null): Promise<Float32Array>;
}

const clampToRange = (v: number) => Math.max(-RANGE, Math.min(RANGE, v));

export function LatentSliders(props: LatentSlidersProps) {
  const { seed, latentSize, label, sampleWithOverrides } = props;
  const id = useId();
  const dims = Math.min(SLIDER_DIMS, latentSize);
  const base = useMemo(() => seededNoise(seed, latentSize), [seed, latentSize]);
  const [edited, setEdited] = useState<SliderEdits | null>(null);
  const values = sliderValues(base, dims, edited, seed);
  // Untouched sliders override nothing: the digit is exactly noise A, the walk's left end.
  const overrides = useMemo(() => editedValues(edited, seed, dims) ?? [], [edited, seed, dims]);

  const sample = useLiveRequest(props, [seed, overrides, label], 120, () => sampleWithOverrides(seed, overrides, label));
  const images = useMemo(
    () => sample && { pixels: sample, count: 1, height: IMAGE_SIZE, width: IMAGE_SIZE, channels: 1 as const },
    [sample],
  );

  const move = (i: number, v: number) => setEdited({ seed, values: values.map((old, j) => (j === i ? v : old)) });

  return (
    <div className="latent-sliders-layout">
      <div className="latent-sample">
        {images ? (
          <ImageGrid images={images} columns={1} scale={SAMPLE_SCALE} testId="latent-sample"
            label={`The digit drawn from noise A (seed ${seed}) with the slider values as its first noise numbers`} />
        ) : <div className="latent-sample-empty" />}
      </div>
      <fieldset className="subgroup latent-sliders">
        <legend>Turn the first {dims} noise numbers of noise A</legend>
        {values.map((v, i) => (
          <div key={i} className="latent-slider">
            <label htmlFor={`${id}-${i}`}>Noise number {i + 1}</label>
            <input id={`${id}-${i}`} type="range" min={-RANGE} max={RANGE} step={0.05} value={clampToRange(v)}
              data-testid={`latent-slider-${i}`} aria-describedby={`${id}-help`}
              onChange={(e) => move(i, Number(e.target.value))} />
            <output htmlFor={`${id}-${i}`}>{v.toFixed(2)}</output>
          </div>
        ))}
        <button type="button" data-testid="latent-reset" disabled={overrides.length === 0} onClick={() => setEdited(null)}>
          Back to noise A
        </button>
        <p className="field-help" id={`${id}-help`}>
          The big digit is noise A, the walk's left end. The sliders start at its own first numbers; drag one and the digit redraws.
          Some numbers change the slant or the thickness, many change little: one number rarely means one feature.
        </p>
      </fieldset>
    </div>
  );
}
