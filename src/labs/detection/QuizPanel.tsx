/**
 * "You against the detector": twenty pictures, half real and half fakes from a chosen forger,
 * in a seeded order; the learner calls each real or fake with a confidence, by keyboard (R, F,
 * 1–3, Enter) or with the buttons. Then their score beside the detector's on the same pictures
 * and the published human baselines, with the note that those were photographs of faces.
 */
import { useCallback, useEffect, useRef, useState, type KeyboardEvent } from 'react';
import { CONFIDENCE_LEVELS, HUMAN_BASELINES, QUIZ_LENGTH, scoreProbabilities, scoreQuiz, type ConfidenceLevel, type QuizAnswer, type QuizScore, type Verdict } from '../../core/detection/quiz';
import {
  DETECTOR_LABELS, SIDE, generatorPhrase, pictureKindOf, optionsOfGenerators, type GeneratorId, type OwnForgerSummary, type QuizItems,
} from '../../protocol/detection/detectionProtocol';
import { ImageGrid } from '../shared/ImageGrid';
import { NumberField, SelectField, CheckboxField } from '../shared/formFields';

const percent = (v: number) => (Number.isFinite(v) ? `${(100 * v).toFixed(0)}%` : '—');

export interface QuizPanelProps {
  /** Fetches the quiz's pictures (and the detector's verdicts, shown only at the end). */
  deal(generator: GeneratorId, seed: number): Promise<QuizItems>;
  /** The learner's own forger, once loaded (it joins the forger list). */
  own: OwnForgerSummary | null;
  disabled: boolean;
  onError(message: string): void;
}

type Stage = { kind: 'setup' } | { kind: 'question'; index: number; feedback: QuizAnswer | null } | { kind: 'done' };

export function QuizPanel({ deal, own, disabled, onError }: QuizPanelProps) {
  const [generator, setGenerator] = useState<GeneratorId>('mlp');
  const [seed, setSeed] = useState(1);
  const [feedback, setFeedback] = useState(false);
  const [items, setItems] = useState<QuizItems | null>(null);
  const [answers, setAnswers] = useState<QuizAnswer[]>([]);
  const [confidence, setConfidence] = useState<ConfidenceLevel>('fairly-sure');
  const [stage, setStage] = useState<Stage>({ kind: 'setup' });
  const [busy, setBusy] = useState(false);
  const questionRef = useRef<HTMLDivElement>(null);

  const start = useCallback(async () => {
    setBusy(true);
    try {
      const dealt = await deal(generator, seed);
      setItems(dealt);
      setAnswers([]);
      setStage({ kind: 'question', index: 0, feedback: null });
    } catch (error) {
      onError(`The quiz could not be dealt: ${error instanceof Error ? error.message : String(error)}`);
    } finally {
      setBusy(false);
    }
  }, [deal, generator, seed, onError]);

  const advance = useCallback((index: number) => {
    if (index + 1 >= QUIZ_LENGTH) setStage({ kind: 'done' });
    else setStage({ kind: 'question', index: index + 1, feedback: null });
  }, []);

  // Each new picture takes the keyboard, so R, F and 1–3 answer it wherever the focus was.
  const questionIndex = stage.kind === 'question' ? stage.index : -1;
  useEffect(() => {
    if (questionIndex >= 0) questionRef.current?.focus();
  }, [questionIndex]);

  const answer = useCallback((verdict: Verdict) => {
    if (stage.kind !== 'question' || stage.feedback) return;
    const given = { verdict, confidence };
    setAnswers((a) => [...a.slice(0, stage.index), given]);
    if (feedback) setStage({ ...stage, feedback: given });
    else advance(stage.index);
  }, [stage, confidence, feedback, advance]);

  const onKeyDown = (e: KeyboardEvent) => {
    if (stage.kind !== 'question' || e.ctrlKey || e.metaKey || e.altKey) return;
    const key = e.key.toLowerCase();
    if (stage.feedback) {
      if (key === 'enter' || key === 'n') {
        e.preventDefault();
        advance(stage.index);
      }
      return;
    }
    if (key === 'r' || key === 'f') {
      e.preventDefault();
      answer(key === 'r' ? 'real' : 'fake');
    } else if (key >= '1' && key <= '3') {
      e.preventDefault();
      setConfidence(CONFIDENCE_LEVELS[Number(key) - 1].id);
    }
  };

  const picture = (index: number) => items && { pixels: items.images.subarray(index * SIDE * SIDE, (index + 1) * SIDE * SIDE), count: 1, height: SIDE, width: SIDE, channels: 1 as const };

  return (
    <section className="panel detection-quiz" aria-labelledby="detection-quiz-heading">
      <h2 id="detection-quiz-heading" className="panel-title">You against the detector</h2>
      <p className="panel-intro">
        Twenty pictures, half real and half forged. Call each one real or fake, and say how sure you are; then see how the detector did on the very same pictures.
      </p>
      {stage.kind === 'setup' || stage.kind === 'done' ? (
        <div className="quiz-setup">
          <SelectField<GeneratorId> label="Forger" value={generator} options={optionsOfGenerators(own)} testId="quiz-generator"
            help="Whose fakes are mixed in: the detector judges them even if it was trained on another forger's."
            onChange={setGenerator} />
          <NumberField label="Quiz seed" value={seed} min={0} max={1_000_000} integer testId="quiz-seed"
            help="Chooses the pictures and their order: the same seed gives the whole class the same quiz."
            onChange={setSeed} />
          <CheckboxField label="Tell me after each answer" checked={feedback}
            help="Feedback mode: shows whether each answer was right before the next picture (the trained condition of the study below)."
            onChange={setFeedback} />
          <div className="button-row">
            <button type="button" className="button-primary" data-testid="quiz-start" disabled={disabled || busy} onClick={() => void start()}>
              {busy ? 'Dealing…' : stage.kind === 'done' ? 'Take another quiz' : 'Start the quiz'}
            </button>
            <span className="field-help">Keys during the quiz: <kbd>R</kbd> real, <kbd>F</kbd> fake, <kbd>1</kbd>–<kbd>3</kbd> how sure, <kbd>Enter</kbd> next (feedback mode).</span>
          </div>
        </div>
      ) : null}
      {stage.kind === 'question' && items ? (
        <div className="quiz-question" ref={questionRef} tabIndex={-1} onKeyDown={onKeyDown} data-testid="quiz-question"
          aria-label={`Picture ${stage.index + 1} of ${QUIZ_LENGTH}: real or fake? Press R or F; 1, 2 or 3 sets how sure you are.`}>
          <p className="quiz-progress" data-testid="quiz-progress" aria-live="polite">Picture {stage.index + 1} of {QUIZ_LENGTH}</p>
          <div className="quiz-body">
            <ImageGrid images={picture(stage.index)} columns={1} scale={8} label={`Picture ${stage.index + 1}: ${pictureKindOf(items.generator) === 'digits' ? 'a handwritten digit' : 'a toy face'}, real or forged`} testId="quiz-picture" />
            <div className="quiz-answer">
              <fieldset className="quiz-confidence">
                <legend>How sure are you? <span className="field-help">(keys 1–3; it makes your answer a probability, scored below)</span></legend>
                {CONFIDENCE_LEVELS.map((level, i) => (
                  <label key={level.id}>
                    <input type="radio" name="quiz-confidence" value={level.id} checked={confidence === level.id} disabled={stage.feedback !== null}
                      onChange={() => setConfidence(level.id)} data-testid={`quiz-confidence-${level.id}`} />
                    {' '}{i + 1}. {level.label} ({Math.round(100 * level.probability)}%)
                  </label>
                ))}
              </fieldset>
              <div className="button-row">
                <button type="button" className="button-secondary" data-testid="quiz-real" disabled={stage.feedback !== null} onClick={() => answer('real')}><kbd>R</kbd> Real</button>
                <button type="button" className="button-secondary" data-testid="quiz-fake" disabled={stage.feedback !== null} onClick={() => answer('fake')}><kbd>F</kbd> Fake</button>
              </div>
              {stage.feedback ? (
                <div className="quiz-feedback" role="status" data-testid="quiz-feedback">
                  <p>
                    <strong>{(stage.feedback.verdict === 'fake') === (items.labels[stage.index] === 1) ? 'Right.' : 'Wrong.'}</strong>{' '}
                    This one is {items.labels[stage.index] === 1 ? `a fake from the ${generatorPhrase(items.generator, own)}` : pictureKindOf(items.generator) === 'digits' ? 'a real digit' : 'a real toy face, drawn by the renderer'}.
                  </p>
                  <button type="button" className="button-primary" data-testid="quiz-next" onClick={() => advance(stage.index)}><kbd>Enter</kbd> Next picture</button>
                </div>
              ) : null}
            </div>
          </div>
        </div>
      ) : null}
      {stage.kind === 'done' && items && answers.length === QUIZ_LENGTH ? <QuizResults items={items} answers={answers} own={own} /> : null}
    </section>
  );
}

function QuizResults({ items, answers, own }: { items: QuizItems; answers: QuizAnswer[]; own: OwnForgerSummary | null }) {
  const you: QuizScore = scoreQuiz(answers, items.labels);
  const detector: QuizScore = scoreProbabilities(items.detectorScores, items.labels);
  const captions = Array.from(items.labels, (label, i) => {
    const right = (answers[i].verdict === 'fake') === (label === 1);
    return `${label === 1 ? 'fake' : 'real'} ${right ? '✓' : '✗'}`;
  });
  const fakes = new Set(Array.from(items.labels.keys()).filter((i) => items.labels[i] === 1));
  return (
    <div className="quiz-results" data-testid="quiz-results">
      <div className="table-scroll" role="region" aria-label="Quiz scores" tabIndex={0}>
        <table className="generalisation-table">
          <caption>The same {QUIZ_LENGTH} pictures ({QUIZ_LENGTH / 2} real, {QUIZ_LENGTH / 2} from the {generatorPhrase(items.generator, own)})</caption>
          <thead>
            <tr><th scope="col">Who</th><th scope="col">Right</th><th scope="col">Fakes caught</th><th scope="col">Real passed</th><th scope="col">Brier score</th></tr>
          </thead>
          <tbody>
            <tr data-testid="quiz-you">
              <th scope="row">You</th><td>{you.correct} / {you.count} ({percent(you.accuracy)})</td><td>{percent(you.fakesCaught)}</td><td>{percent(you.realPassed)}</td><td>{you.brier.toFixed(3)}</td>
            </tr>
            <tr data-testid="quiz-detector">
              <th scope="row">{DETECTOR_LABELS[items.detector]} ({items.steps.toLocaleString('en-US')} steps)</th>
              <td>{detector.correct} / {detector.count} ({percent(detector.accuracy)})</td><td>{percent(detector.fakesCaught)}</td><td>{percent(detector.realPassed)}</td><td>{detector.brier.toFixed(3)}</td>
            </tr>
            {HUMAN_BASELINES.map((b) => (
              <tr key={b.id}><th scope="row">{b.label}*</th><td>{percent(b.accuracy)}</td><td>—</td><td>—</td><td>—</td></tr>
            ))}
          </tbody>
        </table>
      </div>
      <p className="field-help">
        Brier score: the mean squared gap between the stated chance of "fake" and the truth; 0 is perfect and 0.25 is saying "no idea" every time, so a sure mistake costs far more than a hesitant one.
        {you.confidentMistakes > 0 ? ` You were sure and wrong ${you.confidentMistakes} time${you.confidentMistakes > 1 ? 's' : ''}.` : ''}
      </p>
      <p className="quiz-baseline-note" data-testid="quiz-baseline-note">
        * Nightingale &amp; Farid (2022, PNAS): people shown photographs of <strong>faces</strong> made by StyleGAN2 beside real photographs scored 48.2% untrained, and 59.0% after training with feedback.
        Those were photographs of faces, not digits: a point of reference for how hard good fakes are for people, not a like-for-like comparison with this quiz.
      </p>
      <ImageGrid images={{ pixels: items.images, count: QUIZ_LENGTH, height: SIDE, width: SIDE, channels: 1 }} columns={10} scale={2} captions={captions} outlined={fakes}
        label="The twenty quiz pictures with the truth under each and whether you were right; fakes outlined" testId="quiz-reveal" />
    </div>
  );
}
