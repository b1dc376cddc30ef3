/**
 * The voice lock: a speaker verifier (a small speaker-embedding network, trained in the worker on a
 * crowd of invented voices) enrols the conversion's target, then hears the target, an impostor and
 * a clone made by the conversion model being trained. A threshold slider moves the line; the ROC
 * curves show owners against impostors and against clones at every threshold.
 */
import { useCallback, useId, useMemo, useState } from 'react';
import { acceptedShare } from '../../core/shared/errorRates';
import type { SecurityProgress, ScoredClip, VoiceLockRequest, VoiceLockResult } from '../../protocol/voice/voiceSecurityProtocol';
import { SWAP_SIDE_COLORS } from '../shared/palettes';
import { JobProgress, useSecurityJob } from './useSecurityJob';
import type { VoicePlayer } from './useVoicePlayer';
import { VoiceRocChart } from './VoiceRocChart';

const pct = (x: number) => `${(100 * x).toFixed(1)}%`;
const CROWDS = [{ value: 40, label: '40 speakers' }, { value: 16, label: '16 speakers (quicker)' }];
const STEPS = [{ value: 600, label: '600 steps' }, { value: 200, label: '200 steps (quicker)' }, { value: 1200, label: '1,200 steps' }];

export interface VoiceLockPanelProps {
  train(request: VoiceLockRequest, progress: (p: SecurityProgress) => void): Promise<VoiceLockResult>;
  disabled: boolean;
  player: VoicePlayer;
}

function Verdict({ id, clip, threshold, expected, player }: { id: string; clip: ScoredClip; threshold: number; expected: string; player: VoicePlayer }) {
  const opens = clip.score >= threshold;
  const played = player.played[`lock-${id}`];
  return (
    <div className={`lock-verdict ${opens ? 'lock-opens' : 'lock-shut'}`} data-testid={`lock-${id}`}>
      <strong>{clip.label}</strong>
      <span>score <strong data-testid={`lock-${id}-score`}>{clip.score.toFixed(3)}</strong> {opens ? '≥' : '<'} {threshold.toFixed(3)}</span>
      <span className="lock-result" data-testid={`lock-${id}-verdict`}>{opens ? 'the lock opens' : 'the lock stays shut'}</span>
      <span className="field-help">{expected}</span>
      <button type="button" onClick={() => player.play(`lock-${id}`, clip.signal, 16000)} data-testid={`lock-${id}-play`} aria-describedby={`lock-${id}-play-help`}>
        {player.playing === `lock-${id}` ? 'Playing…' : 'Play'}
      </button>
      <span className="field-help" id={`lock-${id}-play-help`}>{played ? `Played ${played.seconds.toFixed(2)} s.` : 'Hear what the lock heard.'}</span>
    </div>
  );
}

export function VoiceLockPanel({ train, disabled, player }: VoiceLockPanelProps) {
  const ids = useId();
  const [crowd, setCrowd] = useState(40);
  const [steps, setSteps] = useState(600);
  const job = useSecurityJob(useCallback((progress: (p: SecurityProgress) => void) => train({ steps, trainingSpeakers: crowd }, progress), [train, steps, crowd]));
  const r = job.result;
  // The slider's threshold belongs to one result; a new result starts at its own equal-error point.
  const [picked, setPicked] = useState<{ of: VoiceLockResult; value: number } | null>(null);
  const t = r ? (picked?.of === r ? picked.value : r.threshold) : 0.5;
  const setThreshold = (value: number) => { if (r) setPicked({ of: r, value }); };
  const at = useMemo(() => r && {
    owners: acceptedShare(r.genuine, t), impostors: acceptedShare(r.impostorScores, t), clones: acceptedShare(r.clone, t),
  }, [r, t]);
  return (
    <section className="panel voice-lock" aria-labelledby="voice-lock-heading">
      <h2 id="voice-lock-heading" className="panel-title">The voice lock</h2>
      <p className="panel-intro">
        Some banks let customers in by voice. A <strong>speaker-verification</strong> network turns any utterance into a short voiceprint;
        a caller whose voiceprint is close enough (cosine score at or above a threshold) to the one on file gets in. Train one here on a crowd
        of invented voices, enrol the clone's target, and try it with the real voice, an impostor, and the clone your model makes.
      </p>
      <div className="security-controls">
        <div className="field">
          <label htmlFor={`${ids}-crowd`}>Training crowd</label>
          <select id={`${ids}-crowd`} value={crowd} onChange={(e) => setCrowd(Number(e.target.value))} aria-describedby={`${ids}-crowd-help`} data-testid="lock-crowd" disabled={job.busy}>
            {CROWDS.map((c) => <option key={c.value} value={c.value}>{c.label}</option>)}
          </select>
          <p className="field-help" id={`${ids}-crowd-help`}>More invented voices teach the lock what makes voices differ, so it tells unheard speakers apart better.</p>
        </div>
        <div className="field">
          <label htmlFor={`${ids}-steps`}>Training steps</label>
          <select id={`${ids}-steps`} value={steps} onChange={(e) => setSteps(Number(e.target.value))} aria-describedby={`${ids}-steps-help`} data-testid="lock-steps" disabled={job.busy}>
            {STEPS.map((s) => <option key={s.value} value={s.value}>{s.label}</option>)}
          </select>
          <p className="field-help" id={`${ids}-steps-help`}>Each step shows the network a batch of 128 frames from the crowd and nudges it to tell their speakers apart.</p>
        </div>
        <div className="field">
          <button type="button" onClick={() => void job.start()} disabled={disabled || job.busy} data-testid="train-lock" aria-describedby={`${ids}-train-help`}>
            {r ? 'Train the voice lock again' : 'Train the voice lock'}
          </button>
          <p className="field-help" id={`${ids}-train-help`}>Trains in the background worker, then enrols the target from three utterances and scores every trial; clones come from the conversion model as it is now.</p>
        </div>
      </div>
      <JobProgress progress={job.progress} id="lock" />
      {job.error ? <p className="field-error" role="alert">{job.error}</p> : null}
      {r && at ? (
        <div className="lock-results" data-testid="lock-results">
          <p className="field-help">
            Trained {r.steps.toLocaleString('en-US')} steps on {r.trainingSpeakers} invented speakers in {r.seconds.toFixed(1)} s; tried on {r.heldOutSpeakers} speakers
            it never heard. {r.target} enrolled; the clone is {r.source}'s speech through the conversion model at step {r.conversionSteps.toLocaleString('en-US')}.
          </p>
          <div className="lock-verdicts">
            <Verdict id="real" clip={r.demo.real} threshold={t} expected="The owner: should open." player={player} />
            <Verdict id="impostor" clip={r.demo.impostor} threshold={t} expected="Someone else: should stay shut." player={player} />
            <Verdict id="clone" clip={r.demo.clone} threshold={t} expected="A clone: does it open?" player={player} />
          </div>
          <div className="lock-body">
            <div className="lock-figures">
              <div className="field">
                <label htmlFor={`${ids}-threshold`}>Threshold: <strong data-testid="lock-threshold-value">{t.toFixed(3)}</strong></label>
                <input id={`${ids}-threshold`} type="range" min={-0.2} max={1} step={0.005} value={t} data-testid="lock-threshold"
                  aria-describedby={`${ids}-threshold-help`} onChange={(e) => setThreshold(Number(e.target.value))} />
                <p className="field-help" id={`${ids}-threshold-help`}>
                  A voice scoring at or above this opens the lock: raise it to shut out more impostors, at the cost of locking out the owner more often
                  (it starts at the equal-error point, {r.threshold.toFixed(3)}).
                </p>
              </div>
              <dl className="rate-list">
                <div><dt>Owners let in</dt><dd data-testid="lock-owners">{pct(at.owners)}</dd></div>
                <div><dt>Impostors let in</dt><dd data-testid="lock-impostors">{pct(at.impostors)}</dd></div>
                <div><dt>Clones of {r.target} let in</dt><dd data-testid="lock-clones">{pct(at.clones)}</dd></div>
              </dl>
              <p>
                At the equal-error threshold ({r.threshold.toFixed(3)}, equal error rate {pct(r.equalErrorRate)}) the lock lets in{' '}
                <strong data-testid="lock-far-impostors">{pct(r.impostorAcceptance)}</strong> of impostors but{' '}
                <strong data-testid="lock-far-clones">{pct(r.cloneAcceptance)}</strong> of clones ({r.clone.length} clones, {r.impostorScores.length} impostor trials).
              </p>
              <p className="lock-lesson"><strong>A voice is not a password.</strong> The lock checks what a voice sounds like, which is exactly what a clone copies:
                anything that acts on a voice alone needs a second factor, or a call back on a number you already know.</p>
            </div>
            <VoiceRocChart title={`ROC curves of the voice lock: owners against impostors (AUC ${r.impostorAuc.toFixed(3)}) and against clones (AUC ${r.cloneAuc.toFixed(3)}); dots at threshold ${t.toFixed(3)}.`}
              xLabel="others let in" yLabel="owners let in"
              series={[
                { id: 'impostors', label: `impostors (AUC ${r.impostorAuc.toFixed(3)})`, colour: SWAP_SIDE_COLORS.a, curve: r.impostorCurve, at: { fpr: at.impostors, tpr: at.owners } },
                { id: 'clones', label: `clones (AUC ${r.cloneAuc.toFixed(3)})`, colour: SWAP_SIDE_COLORS.b, dash: '6 3', curve: r.cloneCurve, at: { fpr: at.clones, tpr: at.owners } },
              ]} />
          </div>
        </div>
      ) : null}
    </section>
  );
}
