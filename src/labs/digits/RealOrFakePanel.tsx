/**
 * "Which is fake?": eight real digits and eight of the generator's, shuffled
 * into one grid with numbers instead of answers, until someone presses Reveal.
 */
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { IMAGE_PIXELS } from '../../core/mnist/digitGanSettings';
import { ImageGrid } from '../shared/ImageGrid';
import { DigitNotes } from './DigitNotes';
import type { LiveView } from '../shared/useLiveRequest';
import type { RealDigits } from '../../protocol/digits/digitProtocol';
import { fakePositions, quizBatch, quizCaptions, quizOrder, type QuizCell } from './realOrFake';
import { useFitScale } from './useFitScale';

const EACH = 8;
const COLUMNS = 8;
/** After this many more generator steps, the round no longer shows the forger as it is. */
const STALE_STEPS = 200;

export interface RealOrFakePanelProps extends Pick<LiveView, 'ready' | 'onError'> {
  conditional: boolean;
  /** Generator steps now: a round remembers when it was dealt. */
  step: number;
  /** Changes when a new model starts (new settings, a reset): its first round is dealt then. */
  runId: unknown;
  realDigits(count: number, seed: number): Promise<RealDigits>;
  sampleWithOverrides(seed: number, overrides: number[], label: number | null): Promise<Float32Array>;
}

interface Round {
  number: number;
  step: number;
  order: QuizCell[];
  real: Float32Array;
  fake: Float32Array;
}

export function RealOrFakePanel({ ready, conditional, step, runId, realDigits, sampleWithOverrides, onError }: RealOrFakePanelProps) {
  const [round, setRound] = useState<Round | null>(null);
  const [revealed, setRevealed] = useState(false);
  const [dealing, setDealing] = useState(false);
  const holder = useRef<HTMLDivElement>(null);
  const scale = useFitScale(holder, COLUMNS, 3, 4);
  const counter = useRef(0);

  const deal = useCallback(async (atStep: number) => {
    const number = ++counter.current;
    const seed = 4242 + 97 * number;
    setDealing(true);
    try {
      const real = await realDigits(EACH, seed);
      // A conditional forger is asked for the same digits as the real ones, so the mix of digits gives nothing away.
      const fakes = await Promise.all(Array.from({ length: EACH }, (_, i) =>
        sampleWithOverrides(seed * 31 + i, [], conditional ? real.labels[i] : null)));
      const fake = new Float32Array(EACH * IMAGE_PIXELS);
      fakes.forEach((f, i) => fake.set(f, i * IMAGE_PIXELS));
      setRound({ number, step: atStep, order: quizOrder(EACH, EACH, seed), real: real.images, fake });
      setRevealed(false);
    } catch (error) {
      onError(error);
    } finally {
      setDealing(false);
    }
  }, [conditional, realDigits, sampleWithOverrides, onError]);

  // Each new model gets a round at once (from static it is easy, which is a lesson too); a round
  // from an earlier model, perhaps of other digits, would only mislead.
  const dealtFor = useRef<unknown>(null);
  useEffect(() => {
    if (!ready || runId === null || dealtFor.current === runId) return;
    dealtFor.current = runId;
    void deal(step);
  }, [ready, runId, deal, step]);

  const images = useMemo(() => round && quizBatch(round.order, round.real, round.fake), [round]);
  const captions = useMemo(() => round && quizCaptions(round.order, revealed), [round, revealed]);
  const outlined = useMemo(() => (round && revealed ? fakePositions(round.order) : undefined), [round, revealed]);

  return (
    <section className="panel" aria-labelledby="quiz-heading">
      <h2 id="quiz-heading" className="panel-title">Which is fake?</h2>
      <div className="digit-view" ref={holder}>
        <div className="digit-figure">
          {images ? (
            <ImageGrid images={images} columns={COLUMNS} scale={scale} captions={captions} outlined={outlined} testId="quiz-grid"
              label={revealed ? 'Eight real and eight fake digits, answers shown; the fakes are outlined' : 'Eight real and eight fake digits, shuffled and numbered'} />
          ) : <p className="digit-placeholder">{ready ? 'Dealing…' : 'The round appears once the model is built.'}</p>}
          <div className="button-row">
            <button type="button" className="button-primary" data-testid="reveal" disabled={!round}
              onClick={() => setRevealed((r) => !r)}>
              {revealed ? 'Hide the answers' : 'Reveal'}
            </button>
            <button type="button" data-testid="deal" disabled={!ready || dealing} onClick={() => void deal(step)}>
              Deal new digits
            </button>
          </div>
          <p className="field-help" data-testid="quiz-status" aria-live="polite">
            {round
              ? `Round ${round.number}: fakes drawn at generator step ${round.step.toLocaleString('en-US')}. ${revealed ? `The ${EACH} fakes are outlined.` : `${EACH} of these 16 are fake.`}`
              : ' '}
          </p>
          {round && step - round.step >= STALE_STEPS ? (
            <p className="field-warning quiz-stale" data-testid="quiz-stale">
              The forger has trained on since this round was dealt: deal new digits to test it as it is now.
            </p>
          ) : null}
        </div>
        <DigitNotes notes={[
          ['What it shows', 'Sixteen digits: half from the real handwriting set, half freshly made by the generator, in a shuffled order. '
            + 'The numbers are only there so you can point at one.'],
          ['Try this', 'Let the class vote on which ones are fake, then reveal. Deal a new round every few hundred steps: early on the '
            + 'fakes are obvious, later even humans start to guess wrong.'],
        ]} />
      </div>
    </section>
  );
}
