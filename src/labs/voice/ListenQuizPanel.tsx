/**
 * Listen and guess: ten clips, half real and half cloned, each with a Play button, a real/cloned
 * choice and a confidence, all native controls (Tab, arrows, Space). Then the listener's score
 * beside the clone detector's on the same clips and the published human figure.
 */
import { useCallback, useId, useMemo, useState } from 'react';
import { HUMAN_SPEECH_DEEPFAKE_ACCURACY, detectorQuizAnswers, scoreQuiz, type QuizAnswer } from '../../core/voice/listenQuiz';
import type { SecurityProgress, VoiceQuiz } from '../../protocol/voice/voiceSecurityProtocol';
import { JobProgress, useSecurityJob } from './useSecurityJob';
import type { VoicePlayer } from './useVoicePlayer';

const pct = (x: number) => `${Math.round(100 * x)}%`;
const CONFIDENCE = [{ value: 0.5, label: 'a guess' }, { value: 0.75, label: 'fairly sure' }, { value: 1, label: 'certain' }];
type Draft = { saysClone: boolean | null; confidence: number };

export interface ListenQuizPanelProps {
  deal(seed: number, progress: (p: SecurityProgress) => void): Promise<VoiceQuiz>;
  disabled: boolean;
  player: VoicePlayer;
}

export function ListenQuizPanel({ deal, disabled, player }: ListenQuizPanelProps) {
  const ids = useId();
  const [seed, setSeed] = useState(1);
  const [drafts, setDrafts] = useState<Draft[]>([]);
  const [scored, setScored] = useState(false);
  const job = useSecurityJob(useCallback(async (progress: (p: SecurityProgress) => void) => {
    const quiz = await deal(seed, progress);
    setDrafts(quiz.clips.map(() => ({ saysClone: null, confidence: 0.75 })));
    setScored(false);
    setSeed((s) => s + 1);
    return quiz;
  }, [deal, seed]));
  const quiz = job.result;
  const complete = drafts.length > 0 && drafts.every((d) => d.saysClone !== null);
  const results = useMemo(() => {
    if (!quiz || !scored || !complete) return null;
    const clips = quiz.clips.map((c, i) => ({ item: c, isClone: c.isClone, poolIndex: i }));
    const mine = scoreQuiz(clips, drafts.map((d): QuizAnswer => ({ saysClone: d.saysClone!, confidence: d.confidence })));
    const detector = scoreQuiz(clips, detectorQuizAnswers(quiz.clips.map((c) => c.detectorScore)));
    return { mine, detector };
  }, [quiz, scored, complete, drafts]);
  const setDraft = (i: number, change: Partial<Draft>) => setDrafts((ds) => ds.map((d, k) => (k === i ? { ...d, ...change } : d)));
  const answered = drafts.filter((d) => d.saysClone !== null).length;
  return (
    <section className="panel voice-quiz" aria-labelledby="voice-quiz-heading">
      <h2 id="voice-quiz-heading" className="panel-title">Listen and guess</h2>
      <p className="panel-intro">
        Ten clips of the two voices: half real, half cloned by your model. Play each, say whether it is real or a clone and how sure you are,
        then compare your score with the detector's on the same clips.
      </p>
      <div className="security-controls">
        <div className="field">
          <button type="button" onClick={() => void job.start()} disabled={disabled || job.busy} data-testid="deal-quiz" aria-describedby={`${ids}-deal-help`}>
            {quiz ? 'Deal ten new clips' : 'Deal ten clips'}
          </button>
          <p className="field-help" id={`${ids}-deal-help`}>Picks clips the detector never trained on (and trains the detector first if it has not been).</p>
        </div>
      </div>
      <JobProgress progress={job.progress} id="quiz" />
      {job.error ? <p className="field-error" role="alert">{job.error}</p> : null}
      {quiz ? (
        <>
          <ol className="quiz-clips" data-testid="quiz-clips">
            {quiz.clips.map((c, i) => {
              const d = drafts[i];
              const playId = `quiz-${i}`;
              const truth = scored ? (c.isClone ? 'a clone' : c.kind === 'raw' ? 'real' : 'real, through the vocoder') : null;
              return (
                <li key={`${quiz.seed}-${i}`} className="quiz-clip" data-testid="quiz-clip">
                  <fieldset>
                    <legend>Clip {i + 1}</legend>
                    <button type="button" onClick={() => player.play(playId, c.signal, quiz.sampleRate)} data-testid={`quiz-play-${i}`}
                      aria-describedby={`${ids}-play-help`}>
                      {player.playing === playId ? 'Playing…' : 'Play'}<span className="visually-hidden"> clip {i + 1}</span>
                    </button>
                    <span className="quiz-choice" role="radiogroup" aria-label={`Clip ${i + 1}: real or cloned?`}>
                      {[false, true].map((clone) => (
                        <label key={String(clone)}>
                          <input type="radio" name={`${ids}-clip-${i}`} checked={d?.saysClone === clone} onChange={() => setDraft(i, { saysClone: clone })} disabled={scored}
                            data-testid={`quiz-${clone ? 'clone' : 'real'}-${i}`} /> {clone ? 'cloned' : 'real'}
                        </label>
                      ))}
                    </span>
                    <label className="quiz-confidence">
                      <span>How sure</span>
                      <select value={d?.confidence ?? 0.75} onChange={(e) => setDraft(i, { confidence: Number(e.target.value) })} disabled={scored} data-testid={`quiz-confidence-${i}`}
                        aria-describedby={`${ids}-confidence-help`}>
                        {CONFIDENCE.map((o) => <option key={o.value} value={o.value}>{o.label} ({pct(o.value)})</option>)}
                      </select>
                    </label>
                    {truth ? (
                      <span className={`quiz-truth ${d?.saysClone === c.isClone ? 'quiz-right' : 'quiz-wrong'}`} data-testid={`quiz-truth-${i}`}>
                        {d?.saysClone === c.isClone ? '✓' : '✗'} It was {truth}; the detector said {pct(c.detectorScore)} clone.
                      </span>
                    ) : null}
                  </fieldset>
                </li>
              );
            })}
          </ol>
          <p className="field-help" id={`${ids}-play-help`}>Play: hear the clip (each about a second, 16 kHz). Choose real or cloned with the arrow keys in each clip's pair.</p>
          <p className="field-help" id={`${ids}-confidence-help`}>How sure: the chance you give your answer of being right, from a guess (50%) to certain (100%).</p>
          <div className="field">
            <button type="button" onClick={() => setScored(true)} disabled={!complete || scored} data-testid="score-quiz" aria-describedby={`${ids}-score-help`}>
              Show my score
            </button>
            <p className="field-help" id={`${ids}-score-help`}>{complete ? 'Reveals every clip and the detector\'s verdicts.' : `Answer every clip first (${answered} of ${quiz.clips.length} answered).`}</p>
          </div>
          {results ? (
            <div className="quiz-results" data-testid="quiz-results" role="status">
              <dl className="rate-list">
                <div><dt>You</dt><dd data-testid="quiz-my-score">{results.mine.correct} / {results.mine.answered} ({pct(results.mine.accuracy)})</dd></div>
                <div><dt>The clone detector, same clips</dt><dd data-testid="quiz-detector-score">{results.detector.correct} / {results.detector.answered} ({pct(results.detector.accuracy)})</dd></div>
                <div><dt>People on real speech deepfakes (Mai et al. 2023)</dt><dd>{pct(HUMAN_SPEECH_DEEPFAKE_ACCURACY.accuracy)}</dd></div>
              </dl>
              <p className="field-help">
                Your Brier score {results.mine.brier.toFixed(3)} (0 is best; always answering “a guess” scores 0.25); you were on average{' '}
                {results.mine.overconfidence >= 0 ? `${pct(results.mine.overconfidence)} more sure than right` : `${pct(-results.mine.overconfidence)} less sure than right`}.
                In Mai et al.'s study 529 listeners heard real people's speech and deepfakes of it; these are toy voices, so the figures are a reminder, not a match.
              </p>
            </div>
          ) : null}
        </>
      ) : null}
    </section>
  );
}
