/**
 * The Digits view: the same reverse process on 28×28 handwriting, with the shipped class-conditional
 * U-Net. Pick a digit and a guidance scale (classifier-free guidance, the mechanism behind a text
 * prompt), and the number of DDIM steps; an 8 × 8 grid of digits emerges from fixed noise, with the
 * network's current guess of the clean picture x̂_0 beside each noisy state x_t, step by step. The
 * project's classifier reads the result, and the shipped figures set it beside the digit forger's GANs.
 */
import { useCallback, useEffect, useId, useRef, useState } from 'react';
import {
  DIGIT_STEPS_RANGE, GUIDANCE_RANGE, type DigitGridPicture, type DigitGridRequest, type DigitModelInfo,
} from '../../protocol/diffusion/diffusionProtocol';
import { SelectField } from '../shared/formFields';
import { messageOf } from '../shared/messageOf';
import { useCoalescedRequest } from './useCoalescedRequest';

const SIDE = 28;
const COLUMNS = 8;
const SCALE = 2;

export interface DigitsPanelProps {
  /** False until the worker has started. */
  ready: boolean;
  /** The TF.js backend the worker runs. */
  backend: string | null;
  loadInfo(): Promise<DigitModelInfo>;
  sample(request: DigitGridRequest): Promise<DigitGridPicture>;
  onError(message: string): void;
}

/** Paints `count` digits (784 floats each in [−1, 1], from `offset`) as an 8-column grid, white on black. */
function paintGrid(canvas: HTMLCanvasElement | null, values: Float32Array, offset: number, count: number): void {
  const ctx = canvas?.getContext('2d');
  if (!canvas || !ctx) return;
  const rows = Math.ceil(count / COLUMNS);
  const image = ctx.createImageData(COLUMNS * SIDE, rows * SIDE);
  for (let k = 0; k < count; k++) {
    const ox = (k % COLUMNS) * SIDE;
    const oy = Math.floor(k / COLUMNS) * SIDE;
    for (let y = 0; y < SIDE; y++) {
      for (let x = 0; x < SIDE; x++) {
        const v = values[offset + k * SIDE * SIDE + y * SIDE + x];
        const g = Math.max(0, Math.min(255, Math.round(((v + 1) / 2) * 255)));
        const at = 4 * ((oy + y) * COLUMNS * SIDE + ox + x);
        image.data[at] = g;
        image.data[at + 1] = g;
        image.data[at + 2] = g;
        image.data[at + 3] = 255;
      }
    }
  }
  ctx.putImageData(image, 0, 0);
}

const DIGIT_OPTIONS = [
  { value: '-1', label: 'All ten digits' },
  ...Array.from({ length: 10 }, (_, d) => ({ value: String(d), label: `${d}` })),
];

export function DigitsPanel({ ready, backend, loadInfo, sample, onError }: DigitsPanelProps) {
  const id = useId();
  const [info, setInfo] = useState<DigitModelInfo | null>(null);
  const [request, setRequest] = useState<DigitGridRequest>({ digit: 7, guidance: 3, steps: 10 });
  const [picture, setPicture] = useState<DigitGridPicture | null>(null);
  const [shown, setShown] = useState<number | null>(null);
  const noisy = useRef<HTMLCanvasElement>(null);
  const clean = useRef<HTMLCanvasElement>(null);

  useEffect(() => {
    if (!ready || info) return;
    let current = true;
    loadInfo().then(
      (answer) => {
        if (!current) return;
        setInfo(answer);
        setRequest((r) => ({ ...r, guidance: answer.defaults.guidance, steps: answer.defaults.steps }));
      },
      (error) => { if (current) onError(`The digit model could not be loaded: ${messageOf(error)}`); },
    );
    return () => { current = false; };
  }, [ready, info, loadInfo, onError]);

  const requestGrid = useCoalescedRequest(
    (r: DigitGridRequest) => sample(r),
    (answer: DigitGridPicture) => {
      setPicture(answer);
      setShown(null);
    },
    (error) => {
      onError(`The digits could not be sampled: ${messageOf(error)}`);
    },
  );
  useEffect(() => {
    if (info) requestGrid(request);
  }, [info, request, requestGrid]);

  const r = picture?.request;
  const waiting = !r || r.digit !== request.digit || r.guidance !== request.guidance || r.steps !== request.steps;
  const stateCount = picture ? picture.times.length : 1;
  const last = stateCount - 1;
  const index = Math.min(shown ?? last, last);
  const frameSize = picture ? picture.count * SIDE * SIDE : 0;
  useEffect(() => {
    if (!picture) return;
    paintGrid(noisy.current, picture.states, index * frameSize, picture.count);
    // At the last state there is no estimate left to make: the digits themselves are shown.
    if (index < last) paintGrid(clean.current, picture.estimates, index * frameSize, picture.count);
    else paintGrid(clean.current, picture.states, last * frameSize, picture.count);
  }, [picture, index, last, frameSize]);

  const change = useCallback((next: Partial<DigitGridRequest>) => setRequest((r) => ({ ...r, ...next })), []);
  const recognised = picture ? picture.predicted.filter((p, i) => p === picture.labels[i]).length : null;
  const t = picture ? picture.times[index] : null;
  const width = COLUMNS * SIDE;
  const height = picture ? Math.ceil(picture.count / COLUMNS) * SIDE : COLUMNS * SIDE;

  return (
    <section className="panel plot-panel diffusion-digits" aria-labelledby="diffusion-digits-heading">
      <h2 id="diffusion-digits-heading">Digits from noise</h2>
      <p className="panel-intro">
        The same reverse process on 28 × 28 handwriting. A small U-Net{info ? ` (${info.parameters.toLocaleString('en-US')} weights, trained ${info.trainedSteps.toLocaleString('en-US')} steps on the MNIST training digits)` : ''} predicts
        the noise in a noisy picture, told which digit it is, or not told (it outputs v = √ᾱ ε − √(1−ᾱ) x_0, a mix of noise and picture that stays accurate
        from nearly clean to pure noise, and the noise ε follows from it). Left, the noisy grid x_t at each step; right, the network's guess of the clean picture x̂_0 at that step.
      </p>
      <div className="diffusion-digit-controls">
        <SelectField label="Digit" value={String(request.digit)} disabled={!info} testId="digit-class" options={DIGIT_OPTIONS}
          help="The class the network is told to draw." onChange={(v) => change({ digit: Number(v) })} />
        <div className="field slider-field">
          <label htmlFor={`${id}-guidance`}>Guidance scale w: <output htmlFor={`${id}-guidance`} data-testid="guidance">{request.guidance}</output></label>
          <input id={`${id}-guidance`} type="range" min={GUIDANCE_RANGE.min} max={GUIDANCE_RANGE.max} step={GUIDANCE_RANGE.step} value={request.guidance} disabled={!info}
            aria-describedby={`${id}-guidance-help`} data-testid="guidance-slider" onChange={(e) => change({ guidance: Number(e.target.value) })} />
          <p className="field-help" id={`${id}-guidance-help`}>
            This is how prompting works: at every step the network is asked with and without the class, and the sampler follows ε_u + w (ε_c − ε_u), so a larger w pushes harder towards the digit you asked for (w = 0 ignores it) at the cost of variety.
          </p>
        </div>
        <div className="field slider-field">
          <label htmlFor={`${id}-steps`}>Sampling steps: <output htmlFor={`${id}-steps`} data-testid="digit-steps">{request.steps}</output></label>
          <input id={`${id}-steps`} type="range" min={DIGIT_STEPS_RANGE.min} max={DIGIT_STEPS_RANGE.max} step={1} value={request.steps} disabled={!info}
            aria-describedby={`${id}-steps-help`} data-testid="digit-steps-slider" onChange={(e) => change({ steps: Number(e.target.value) })} />
          <p className="field-help" id={`${id}-steps-help`}>DDIM steps from pure noise (t = {info?.timesteps ?? 'T'}) to the digits; each step calls the network twice for the whole grid.</p>
        </div>
      </div>
      <div className="diffusion-digit-grids" data-main-view>
        <figure>
          <figcaption>Noisy x_t</figcaption>
          <canvas ref={noisy} width={width} height={height} style={{ width: width * SCALE, height: height * SCALE }} data-testid="digit-noisy-canvas"
            role="img" aria-label={`The grid of digits at step t = ${t ?? '…'}`} />
        </figure>
        <figure>
          <figcaption>Predicted clean x̂_0</figcaption>
          <canvas ref={clean} width={width} height={height} style={{ width: width * SCALE, height: height * SCALE }} data-testid="digit-clean-canvas"
            role="img" aria-label={`The network's guess of the clean digits at step t = ${t ?? '…'}`} />
        </figure>
      </div>
      <div className="field slider-field">
        <label htmlFor={`${id}-scrub`}>Step <output htmlFor={`${id}-scrub`} data-testid="digit-t">{t === null ? '…' : `t = ${t}`}</output></label>
        <input id={`${id}-scrub`} type="range" min={0} max={last} step={1} value={index} disabled={!picture}
          aria-describedby={`${id}-scrub-help`} data-testid="digit-scrubber" onChange={(e) => setShown(Number(e.target.value))} />
        <p className="field-help" id={`${id}-scrub-help`}>Walk from the noise (left end) to the finished digits (right end). Early guesses are blurry averages; they sharpen as t falls.</p>
      </div>
      <dl className="readouts diffusion-readouts">
        <div className="readout" title="Final digits the project's digit classifier reads as the digit asked for">
          <dt>Read as asked</dt>
          <dd data-testid="digit-recognised">{recognised === null ? '—' : `${recognised} of ${picture!.count}`}</dd>
        </div>
        <div className="readout" title="Time the worker took to sample the whole grid, every step">
          <dt>Sampling time</dt>
          <dd data-testid="digit-seconds">{picture ? `${picture.seconds.toFixed(1)} s` : '—'}</dd>
        </div>
        <div className="readout" title="The TF.js backend the worker runs the U-Net on">
          <dt>Backend</dt>
          <dd data-testid="digit-backend">{backend ?? '—'}</dd>
        </div>
        <div className="readout" title="A new grid is being sampled">
          <dt>Status</dt>
          <dd data-testid="digit-status">{!info ? 'loading the model' : waiting ? 'sampling…' : 'ready'}</dd>
        </div>
      </dl>
      {info && info.scores.length > 0 ? (
        <div className="diffusion-digit-scores-wrap" role="region" aria-label="Scores of the digit models" tabIndex={0}>
        <table className="diffusion-digit-scores" data-testid="digit-scores">
          <caption>Inception Score (higher is better, 10 at most) and Fréchet distance (lower is better), both by the project's digit classifier</caption>
          <thead>
            <tr><th scope="col">Model</th><th scope="col">Inception Score</th><th scope="col">Fréchet distance</th><th scope="col">Asked-for digit</th><th scope="col">Where the figure comes from</th></tr>
          </thead>
          <tbody>
            {info.scores.map((row) => (
              <tr key={row.model}>
                <th scope="row">{row.model}</th>
                <td>{row.inceptionScore.toFixed(2)}</td>
                <td>{row.frechetDistance.toFixed(1)}</td>
                <td>{row.classAgreement === null ? '—' : `${(100 * row.classAgreement).toFixed(1)}%`}</td>
                <td>{row.source}</td>
              </tr>
            ))}
          </tbody>
        </table>
        </div>
      ) : null}
      {info && info.timeline.some((p) => p.inceptionScore !== null) ? (
        <p className="field-help" data-testid="digit-timeline">
          Inception Score over training: {info.timeline.filter((p) => p.inceptionScore !== null).map((p) => `${p.inceptionScore!.toFixed(2)} at step ${p.step.toLocaleString('en-US')}`).join(', ')}.
        </p>
      ) : null}
    </section>
  );
}
