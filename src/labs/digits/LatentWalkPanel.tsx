/**
 * Walking the latent space: a strip of digits along a spherical path between two
 * noise vectors, and one digit whose first few noise numbers are on sliders
 * (LatentSliders). Both redraw as the generator learns.
 */
import { useId, useMemo, useRef, useState } from 'react';
import { IMAGE_SIZE } from '../../core/mnist/digitGanSettings';
import { ImageGrid } from '../shared/ImageGrid';
import type { ImageBatch } from '../shared/imageGridPainter';
import { NumberField, SelectField } from '../shared/formFields';
import { LatentSliders } from './LatentSliders';
import { useFitScale } from './useFitScale';
import { useLiveRequest, type LiveView } from '../shared/useLiveRequest';

const WALK_STEPS = 10;
const SEED_MAX = 1_000_000;

export interface LatentWalkPanelProps extends LiveView {
  latentSize: number;
  conditional: boolean;
  classes: readonly number[];
  latentWalk(fromSeed: number, toSeed: number, steps: number, label: number | null): Promise<Float32Array>;
  sampleWithOverrides(seed: number, overrides: number[], label: number | null): Promise<Float32Array>;
}

const batchOf = (pixels: Float32Array | null): ImageBatch | null =>
  pixels && { pixels, count: pixels.length / (IMAGE_SIZE * IMAGE_SIZE), height: IMAGE_SIZE, width: IMAGE_SIZE, channels: 1 };

export function LatentWalkPanel(props: LatentWalkPanelProps) {
  const { conditional, classes, latentWalk } = props;
  const [seeds, setSeeds] = useState({ from: 1, to: 2 });
  const [pickedLabel, setPickedLabel] = useState(classes[0] ?? 0);
  const label = conditional ? (classes.includes(pickedLabel) ? pickedLabel : classes[0]) : null;
  const seedHelpId = useId();
  const strip = useRef<HTMLDivElement>(null);
  const stripScale = useFitScale(strip, WALK_STEPS, 2, 4);

  const walk = useLiveRequest(props, [seeds.from, seeds.to, label], 1000, () => latentWalk(seeds.from, seeds.to, WALK_STEPS, label));
  const walkImages = useMemo(() => batchOf(walk), [walk]);

  return (
    <section className="panel" aria-labelledby="latent-heading">
      <h2 id="latent-heading" className="panel-title">Walking through the noise</h2>
      <p className="panel-intro">
        Every digit the generator can draw sits at some point of its noise space. Here we move through that space and watch the digit change.
      </p>
      <div className="latent-controls">
        <NumberField label="Start noise (seed A)" value={seeds.from} min={0} max={SEED_MAX} integer describedBy={seedHelpId}
          testId="walk-seed-a" onChange={(from) => setSeeds((s) => ({ ...s, from }))} />
        <NumberField label="End noise (seed B)" value={seeds.to} min={0} max={SEED_MAX} integer describedBy={seedHelpId}
          testId="walk-seed-b" onChange={(to) => setSeeds((s) => ({ ...s, to }))} />
        <button type="button" className="field-row-button" data-testid="new-walk" aria-describedby={seedHelpId}
          onClick={() => setSeeds((s) => ({ from: (s.to + 1) % SEED_MAX, to: (s.to + 2) % SEED_MAX }))}>
          New pair
        </button>
        {conditional ? (
          <SelectField label="Digit to draw" value={String(label)} options={classes.map((c) => ({ value: String(c), label: String(c) }))}
            testId="walk-digit" help="A conditional generator draws this digit all along the walk: only its style changes."
            onChange={(v) => setPickedLabel(Number(v))} />
        ) : null}
      </div>
      <p className="field-help latent-seed-help" id={seedHelpId}>
        Each seed stands for one fixed noise vector ({props.latentSize} random numbers). New pair moves on to two fresh ones.
      </p>
      <div className="latent-strip" ref={strip}>
        {walkImages ? (
          <ImageGrid images={walkImages} columns={WALK_STEPS} scale={stripScale} testId="latent-walk"
            label={`${WALK_STEPS} digits on the path from noise A to noise B`} />
        ) : <p className="digit-placeholder">The walk appears once the model is built.</p>}
      </div>
      <p className="chart-text">
        <strong>Shows: </strong>the digits on the way from noise A (left) to noise B (right). The path follows the sphere on which
        random noise vectors lie, rather than cutting straight through its centre, where the generator was never trained.
      </p>
      <p className="chart-text">
        <strong>Watch for: </strong>a smooth morph (say, a 3 slowly closing into an 8) means the generator has learned a continuous
        space of handwriting; sudden jumps or smudges in between mean it only memorised islands.
      </p>
      <LatentSliders {...props} seed={seeds.from} label={label} />
    </section>
  );
}
