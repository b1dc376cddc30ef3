/**
 * "A watermark that learns": a HiDDeN-style encoder and decoder trained live in a worker, with a
 * noise layer (noise, blur, shrinking, a crop, JPEG) between them, charted as it learns. Once
 * trained a while, it is offered to the robustness curves, which mark the same pictures with it
 * at the classic mark's PSNR and put both through the same attacks.
 */
import { useEffect, useMemo, useState } from 'react';
import { addLuminanceAtPsnr } from '../../core/provenance/imageQuality';
import { luminance, type RgbaPicture } from '../../core/provenance/picture';
import { DEFAULT_LEARNED_MARK_SETTINGS, LEARNED_MARK_BITS, LEARNED_MARK_LIMITS, type LearnedMarkSettings } from '../../protocol/provenance/learnedMarkProtocol';
import { NumberField } from '../shared/formFields';
import { ChartBlock } from '../shared/MetricsPanelFrame';
import { messageOf } from '../shared/messageOf';
import { SCRATCH_REQUEST } from '../shared/startChoices';
import { useTrainingActions } from '../shared/useTrainingActions';
import { useTrainingSession } from '../shared/useTrainingSession';
import { LEARNED_MARK_SESSION } from './learnedMarkSession';

/** What the robustness curves need of the learned mark. */
export interface LearnedMarker {
  /** Training steps behind it when it was offered. */
  steps: number;
  /** The picture marked with the payload's 32 bits, its luminance change scaled to `psnr` dB. */
  mark(picture: RgbaPicture, payload: number, psnr: number): Promise<RgbaPicture>;
  /** The share of the payload's 32 bits read back from the picture. */
  bitsRead(picture: RgbaPicture, payload: number, cropped: boolean): Promise<number>;
}

const bitsOf = (payload: number) => Uint8Array.from({ length: LEARNED_MARK_BITS }, (_, b) => (payload >>> b) & 1);
const pct = (v: number) => `${(100 * v).toFixed(1)}%`;
const NOISE_NAMES: Record<string, string> = { identity: 'none (warm-up)', noise: 'noise', blur: 'blur', resize: 'shrink and enlarge', crop: 'crop', jpeg: 'JPEG' };

function LearnedMarkTrainer({ onMarker, onError }: { onMarker: (marker: LearnedMarker | null) => void; onError: (message: string) => void }) {
  const session = useTrainingSession(LEARNED_MARK_SESSION, { settings: DEFAULT_LEARNED_MARK_SETTINGS, start: SCRATCH_REQUEST, speed: 'max', backend: 'auto' });
  const { frame, ready, status, call, metrics } = session;
  const actions = useTrainingActions(session, { initialSpeed: 'max', onError });
  const steps = frame?.steps ?? 0;
  // The settings take effect on "Start again" (a fresh pair of networks); until then the draft waits.
  const [draft, setDraft] = useState<LearnedMarkSettings>(DEFAULT_LEARNED_MARK_SETTINGS);
  const applied = session.config.settings;
  const edited = JSON.stringify(draft) !== JSON.stringify(applied);

  // Offered to the curves while paused with some training behind it; withdrawn while it trains on.
  const marker = useMemo<LearnedMarker | null>(() => (ready && !actions.running && steps > 0 ? {
    steps,
    mark: async (picture, payload, psnr) => {
      const change = await call((api) => api.markChange(luminance(picture), picture.width, picture.height, bitsOf(payload)));
      return addLuminanceAtPsnr(picture, change, psnr);
    },
    bitsRead: async (picture, payload, cropped) => {
      const bits = await call((api) => api.readBits(luminance(picture), picture.width, picture.height, cropped));
      const truth = bitsOf(payload);
      return bits.filter((b, i) => b === truth[i]).length / LEARNED_MARK_BITS;
    },
  } : null), [ready, actions.running, steps, call]);
  useEffect(() => {
    onMarker(marker);
  }, [marker, onMarker]);
  useEffect(() => () => onMarker(null), [onMarker]);

  const reset = () => {
    session.configure(draft, SCRATCH_REQUEST).catch((e: unknown) => onError(`Starting again failed: ${messageOf(e)}`));
  };
  const L = LEARNED_MARK_LIMITS;

  return (
    <div className="wm-learned" data-testid="wm-learned">
      <div className="wm-controls">
        <div className="wm-field">
          <div className="button-row">
            <button type="button" className="button-primary" onClick={actions.playPause} disabled={!actions.canTrain} data-testid="wm-learned-play">
              {actions.running ? 'Pause' : 'Train'}
            </button>
            <button type="button" onClick={actions.step} disabled={!actions.canTrain || actions.running} data-testid="wm-learned-step">Step</button>
            <button type="button" onClick={reset} disabled={!ready || actions.running} data-testid="wm-learned-reset">{edited ? 'Start again with these settings' : 'Start again'}</button>
            {status.kind === 'diverged' ? <button type="button" onClick={actions.restore} data-testid="wm-learned-restore">Restore the last good weights</button> : null}
          </div>
          <p className="wm-hint">
            Each step marks 8 random 32×32 crops of toy faces with random 32-bit messages at {applied.psnr} dB, attacks them (none for the first {applied.warmupSteps} steps, then noise, blur,
            shrinking, a crop and a JPEG imitation in turn) and nudges both networks so the decoder reads more bits right. About 7 steps a second here; a few
            hundred steps make a usable mark.
          </p>
          <div className="wm-learned-settings">
            <NumberField label="Strength (PSNR, dB)" value={draft.psnr} min={L.psnr.min} max={L.psnr.max} step={0.5} testId="wm-learned-psnr"
              help="The mark is trained at exactly this visibility: lower is stronger and more visible. The curves rescale it to the classic mark's PSNR anyway." onChange={(psnr) => setDraft({ ...draft, psnr })} />
            <NumberField label="Learning rate" value={draft.learningRate} min={L.learningRate.min} max={L.learningRate.max} step="any" testId="wm-learned-lr"
              help="Adam's step size for both networks." onChange={(learningRate) => setDraft({ ...draft, learningRate })} />
            <NumberField label="Warm-up steps" value={draft.warmupSteps} min={L.warmupSteps.min} max={L.warmupSteps.max} integer testId="wm-learned-warmup"
              help="Steps with no attack first, so the pair learns to talk before it learns to survive." onChange={(warmupSteps) => setDraft({ ...draft, warmupSteps })} />
            <NumberField label="Seed" value={draft.seed} min={L.seed.min} max={L.seed.max} integer testId="wm-learned-seed"
              help="The networks' first weights, the carriers and the training crops." onChange={(seed) => setDraft({ ...draft, seed })} />
          </div>
          {edited ? <p className="wm-hint" data-testid="wm-learned-edited">These settings apply when you press &ldquo;Start again with these settings&rdquo;: a fresh pair of networks.</p> : null}
        </div>
        <dl className="wm-learned-readouts" aria-live="off">
          <div><dt>Steps</dt><dd data-testid="wm-learned-steps">{steps.toLocaleString('en-GB')}</dd></div>
          <div><dt>Steps / s</dt><dd>{frame && frame.stepsPerSecond > 0 ? frame.stepsPerSecond.toFixed(1) : '—'}</dd></div>
          <div><dt>Attack in training</dt><dd data-testid="wm-learned-noise">{frame ? NOISE_NAMES[frame.noise] ?? frame.noise : '—'}</dd></div>
          <div><dt>Bits read, held out</dt><dd data-testid="wm-learned-bits">{frame ? pct(frame.heldOutBits) : '—'}</dd></div>
          <div><dt>… after JPEG q50</dt><dd data-testid="wm-learned-bits-jpeg">{frame ? pct(frame.heldOutBitsJpeg) : '—'}</dd></div>
        </dl>
      </div>
      {status.kind === 'loading' || !ready ? <p className="wm-hint" data-testid="wm-learned-loading">Starting the worker (TF.js on WebAssembly)…</p> : null}
      {session.workerError ? <p className="field-error" role="alert">{session.workerError}</p> : null}
      {status.kind === 'diverged' ? <p className="field-error" role="alert">Training diverged: {status.message}</p> : null}
      <div className="wm-learned-charts">
        <ChartBlock id="wm-learned-bits-chart" title="Bits read right" points={metrics} stepLabel="training steps" yLabel="share of 32 bits" yDomain={[0.4, 1]}
          referenceLines={[{ value: 0.5, label: 'guessing' }]}
          series={[
            { field: 'heldOutBits', label: 'held-out crops, untouched', color: '#0072B2' },
            { field: 'heldOutBitsJpeg', label: 'after JPEG q50 (the imitation)', color: '#D55E00' },
          ]}
          shows="The share of the 32 bits the decoder reads right from 16 crops it never trains on, marked, then left alone or passed through the JPEG imitation."
          watch={`The JPEG line climbing only once the warm-up ends at step ${applied.warmupSteps} and the noise layer starts attacking: the pair learns to survive what it is shown.`} />
        <ChartBlock id="wm-learned-loss-chart" title="Message loss" points={metrics} stepLabel="training steps" yLabel="cross-entropy"
          referenceLines={[{ value: Math.LN2, label: 'guessing (ln 2)' }]}
          series={[{ field: 'messageLoss', label: 'training batches (attacked after the warm-up)', color: '#009E73' }]}
          shows="How wrong the decoder's bit probabilities are on the attacked training crops."
          watch="A jump when the attacks start, then a slower fall." />
      </div>
      <p className="wm-hint" data-testid="wm-learned-offer">
        {marker ? `Paused after ${steps.toLocaleString('en-GB')} steps: "Measure the curves" above now marks each picture with this learned mark too, at the classic mark's PSNR, and draws its bits beside the classic's.`
          : 'Pause it after some training to put it on the robustness curves beside the classic mark.'}
      </p>
    </div>
  );
}

export function LearnedMarkPanel({ onMarker, onError }: { onMarker: (marker: LearnedMarker | null) => void; onError: (message: string) => void }) {
  const [started, setStarted] = useState(false);
  return (
    <div className="wm-learned-panel">
      <p className="wm-intro">
        The classic mark is designed by hand. A <strong>learned</strong> one (the HiDDeN idea, Zhu et al. 2018) trains an encoder to hide the bits and a decoder to read
        them, with an attacker in between during training, so the pair finds a mark that survives what the attacker does. Here it trains live, in a worker, on toy faces.
      </p>
      {started ? <LearnedMarkTrainer onMarker={onMarker} onError={onError} /> : (
        <button type="button" onClick={() => setStarted(true)} data-testid="wm-learned-start">Start the learned watermark</button>
      )}
    </div>
  );
}
