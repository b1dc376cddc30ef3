/**
 * The banners about the state of training, the same in every lab: the notices and why a start
 * fell back to scratch, still loading, diverged (Restore or Reset), worker stopped (Restart),
 * settings waiting to be applied (or refused, with the worker's reason), and a plot whose
 * points lie outside its view.
 */
import type { SessionStatus } from '../../protocol/shared/sessionProtocol';
import { NoticeList } from './NoticeList';
import type { Notices } from './useNotices';
import { startPhrase } from './startChoices';
import type { SettingsEditor } from './useSettingsEditor';
import './sessionBanners.css';

/** The notices area, and under it why training started from scratch instead of the model asked for, if it had to. */
export function SessionNotices({ notices, startProblem }: { notices: Notices; startProblem: string | null }) {
  return (
    <>
      <NoticeList notices={notices.list} onDismiss={notices.dismiss} />
      {startProblem ? <p className="banner banner-info" role="status" data-testid="start-problem">{startProblem}</p> : null}
    </>
  );
}

export function LoadingBanner(props: { message: string }) {
  return (
    <div className="banner banner-info session-loading" role="status" data-testid="loading-banner">
      <p><span className="session-spinner" aria-hidden="true" />{props.message}</p>
    </div>
  );
}

export interface DivergenceBannerProps {
  message: string;
  /** Puts back the last healthy state (paused), to train on from there with other settings. */
  onRestore(): void;
  onReset(): void;
}

export function DivergenceBanner({ message, onRestore, onReset }: DivergenceBannerProps) {
  return (
    <div className="banner banner-danger" role="alert" data-testid="divergence-banner">
      <div>
        <h2 className="banner-title">Training blew up</h2>
        <p>{message}</p>
        <p>Reset starts again with the same settings. To try other learning rates, change them in the settings, then press Apply &amp; reset.</p>
      </div>
      <div className="button-row">
        <button type="button" className="button-primary" data-testid="restore-last-good" onClick={onRestore}>Restore last good state</button>
        <button type="button" className="button-secondary" onClick={onReset}>Reset</button>
      </div>
    </div>
  );
}

export interface WorkerStoppedBannerProps {
  reason: string;
  /** Where Restart starts training again (startChoices.ts startPhrase): "from the seed", "from the file "…"". */
  restartFrom: string;
  onRestart(): void;
}

export function WorkerStoppedBanner({ reason, restartFrom, onRestart }: WorkerStoppedBannerProps) {
  return (
    <div className="banner banner-danger" role="alert" data-testid="worker-stopped-banner">
      <div>
        <h2 className="banner-title">Training stopped</h2>
        <p>The training worker stopped: {reason}</p>
        <p>
          Restart starts training again {restartFrom} with the settings that were training. What was trained since is lost, unless you saved it
          with "Save this model".
        </p>
      </div>
      <button type="button" className="button-primary" onClick={onRestart}>Restart</button>
    </div>
  );
}

export interface PendingChangesBarProps {
  /** Why the draft cannot be used; Apply waits until there are none. */
  problems: string[];
  /** Why the worker refused these settings when they were applied, or null. */
  refusal: string | null;
  /** Where applying starts training again (startChoices.ts startPhrase). */
  startsFrom: string;
  /** The draft left a trained model for a fresh one: its weights do not fit the new settings. */
  leavesTrainedModel?: boolean;
  onApply(): void;
  onDiscard(): void;
  /** Applies the draft to a fresh model instead: offered when a trained model's weights refused it. */
  onStartFromScratch?(): void;
}

export function PendingChangesBar({ problems, refusal, startsFrom, leavesTrainedModel, onApply, onDiscard, onStartFromScratch }: PendingChangesBarProps) {
  const blocked = problems.length > 0;
  return (
    <div className="banner banner-info" role="status" data-testid="pending-changes">
      <div>
        {refusal ? (
          <p data-testid="settings-refused">
            <strong>The settings you applied were refused, so training goes on with the ones before: </strong>
            {refusal}
          </p>
        ) : null}
        {blocked ? (
          <>
            <p>These settings can't be used together yet:</p>
            <ul>{problems.map((p) => <li key={p}>{p}</li>)}</ul>
          </>
        ) : (
          <p>{refusal ? 'Change them, or undo the changes. ' : 'You changed some settings. '}They take effect when you apply them, which starts training again {startsFrom}
            {leavesTrainedModel ? ': the trained weights do not fit the new settings' : ''}.</p>
        )}
      </div>
      <div className="button-row">
        <button type="button" className="button-primary" onClick={onApply} disabled={blocked} data-testid="apply-reset">
          Apply &amp; reset
        </button>
        {refusal && onStartFromScratch && !blocked ? (
          <button type="button" className="button-secondary" onClick={onStartFromScratch} data-testid="apply-from-scratch">
            Apply from scratch
          </button>
        ) : null}
        <button type="button" className="button-secondary" onClick={onDiscard}>Undo changes</button>
      </div>
    </div>
  );
}

export interface TrainingBannersProps<Settings> {
  status: SessionStatus;
  /** Why the worker stopped, or null while it runs. */
  workerError: string | null;
  editor: SettingsEditor<Settings>;
  onRestart(): void;
  onRestore(): void;
  onReset(): void;
}

/** The banners every lab shows beside its training controls: worker stopped, diverged, settings waiting. */
export function TrainingBanners<Settings>({ status, workerError, editor, onRestart, onRestore, onReset }: TrainingBannersProps<Settings>) {
  const trainedDraftStart = editor.draftStart.request.kind !== 'scratch';
  const leavesTrainedModel = !trainedDraftStart && editor.start.request.kind !== 'scratch';
  return (
    <>
      {workerError ? <WorkerStoppedBanner reason={workerError} restartFrom={startPhrase(editor.start)} onRestart={onRestart} /> : null}
      {status.kind === 'diverged' ? <DivergenceBanner message={status.message} onRestore={onRestore} onReset={onReset} /> : null}
      {editor.pending ? (
        <PendingChangesBar problems={editor.problems} refusal={editor.refusal} startsFrom={startPhrase(editor.draftStart)} leavesTrainedModel={leavesTrainedModel}
          onApply={() => void editor.applyDraft()} onDiscard={editor.discardDraft}
          onStartFromScratch={trainedDraftStart ? () => void editor.applyDraftFromScratch() : undefined} />
      ) : null}
    </>
  );
}

/**
 * A note over a plot whose points lie outside the part it shows, so nobody reads an empty plot
 * as a model that produces nothing. Hidden from screen readers: the plot's label says the same.
 */
export function OutsideViewBanner(props: { text: string; left: number; top: number }) {
  return (
    <p className="plot-outside-banner" data-testid="plot-outside-banner" aria-hidden="true" style={{ left: props.left, top: props.top }}>
      {props.text}
    </p>
  );
}
