/**
 * The face-swap lab: two autoencoders share one encoder, each with its own
 * decoder, trained live in a worker; the swap is one character's code drawn
 * by the other's decoder. Settings on the left; on the right the toolbar, the
 * network with its live preview and timeline, puppet mode, the scores and
 * curves, the code-space map and what it all means for real deepfakes.
 */
import { useCallback, useMemo, useState } from 'react';
import type { FaceSwapSettings } from '../../core/faceswap/faceSwapSettings';
import { DEFAULT_FACE_SWAP_SETTINGS } from '../../core/faceswap/faceSwapSettings';
import type { SwapScoreSummary } from '../../core/faceswap/swapScoreSummary';
import { findIdentity } from '../../core/faceswap/toyFaceIdentities';
import type { LabPageProps } from '../shared/labPage';
import { NoticeList } from '../shared/NoticeList';
import { messageOf } from '../shared/messageOf';
import { useKeyboardShortcuts } from '../shared/useKeyboardShortcuts';
import { useNotices } from '../shared/useNotices';
import type { TrainingSpeed } from '../../protocol/faceswap/faceSwapProtocol';
import { RealWorldPanel } from './RealWorldPanel';
import { shippedJudgeUrls } from '../../protocol/faceswap/shippedFaceSwapFiles';
import { SwapDivergenceBanner, SwapLoadingBanner, SwapPendingBar, SwapWorkerStoppedBanner } from './SwapBanners';
import { SwapCodeSection } from './SwapCodeSection';
import { SwapControls } from './SwapControls';
import { SwapMetricsPanel } from './SwapMetricsPanel';
import { SwapPreviewPanel } from './SwapPreviewPanel';
import { SwapPuppetSection } from './SwapPuppetSection';
import { SwapScoresPanel } from './SwapScoresPanel';
import { SwapToolbar } from './SwapToolbar';
import { latestScores } from './swapMetrics';
import type { SwapNames } from './swapPaths';
import { describeSwapProblem } from './swapSettingsEdits';
import { DEFAULT_SWAP_START } from './swapStartChoices';
import { useFaceSwapSession } from './useFaceSwapSession';
import { useFaceSwapSettingsEditor } from './useFaceSwapSettingsEditor';
import './faceswap.css';
import './faceSwapLab.css';

const DEFAULT_SPEED: TrainingSpeed = 'max';
const INITIAL_SETTINGS: FaceSwapSettings = DEFAULT_SWAP_START.settings ?? DEFAULT_FACE_SWAP_SETTINGS;
const JUDGES = shippedJudgeUrls();

/** What A and B are called on the page. */
export function swapNames(s: FaceSwapSettings): SwapNames {
  if (s.dataset === 'digitStyles') return { a: 'Thin', b: 'Thick' };
  return { a: findIdentity(s.identityA)?.name ?? 'A', b: findIdentity(s.identityB)?.name ?? 'B' };
}

export function FaceSwapLab(_props: LabPageProps) {
  const notices = useNotices();
  const { push: pushNotice } = notices;
  const reportError = useCallback((text: string) => pushNotice('error', text), [pushNotice]);
  const reportFailure = useCallback((error: unknown) => reportError(messageOf(error)), [reportError]);
  const [speed, setSpeed] = useState<TrainingSpeed>(DEFAULT_SPEED);
  const session = useFaceSwapSession({ settings: INITIAL_SETTINGS, pretrained: DEFAULT_SWAP_START.pretrained, speed: DEFAULT_SPEED, backend: 'auto' });
  const { status, frame, info } = session;
  const running = status.kind === 'running';
  const untrained = !running && (frame?.steps ?? 0) === 0;
  const editor = useFaceSwapSettingsEditor({
    initialSettings: INITIAL_SETTINGS, initialStart: DEFAULT_SWAP_START, configure: session.configure, loadModel: session.loadModel, untrained,
    onError: reportError,
  });
  const applied = editor.applied;
  const ready = info !== null;
  const names = useMemo(() => swapNames(applied), [applied]);
  const scored = JUDGES[applied.dataset] !== '';

  const attempt = useCallback((what: string, task: () => Promise<unknown>) => {
    task().catch((error: unknown) => reportError(`${what} failed: ${messageOf(error)}`));
  }, [reportError]);
  const playPause = useCallback(
    () => attempt(running ? 'Pausing' : 'Starting training', running ? session.pause : session.play),
    [attempt, running, session.pause, session.play],
  );
  const step = useCallback(() => attempt('The step', session.step), [attempt, session.step]);
  const canTrain = ready && status.kind !== 'diverged';
  useKeyboardShortcuts({ togglePlay: () => canTrain && playPause(), stepBoth: () => canTrain && step() });

  const [measured, setMeasured] = useState<SwapScoreSummary | null>(null);
  const [measuring, setMeasuring] = useState(false);
  const live = useMemo(() => latestScores(session.metrics), [session.metrics]);
  // A measurement on request shows until training scores a later step (or a new model starts).
  const scores = measured && (!live || measured.step >= live.step) && measured.step <= (frame?.steps ?? 0) ? measured : live;
  const scoreNow = () => {
    setMeasuring(true);
    session.scoreNow().then(setMeasured, reportFailure).finally(() => setMeasuring(false));
  };

  // Views that depend on the weights redraw when they may have changed: each frame says so.
  const version = String(frame?.sequence ?? 0);
  const codeVersion = running ? `running|${session.timeline[0]?.step ?? 0}` : `${frame?.steps ?? 0}|${frame?.sequence ?? 0}`;
  const startChanged = editor.draftStart.id !== editor.start.id
    ? `Training will start ${editor.draftStart.pretrained ? `from "${editor.draftStart.label}"` : 'from scratch: the pretrained weights do not fit the new shape'}.`
    : null;

  return (
    <div className="lab faceswap-lab" data-start={editor.start.id}>
      <div className="lab-intro">
        <h1>Face-swap lab</h1>
        <p>
          The classic deepfake, small enough to train in your browser: one <strong>shared encoder</strong> and two <strong>decoders</strong>,
          one per side. Each decoder only ever learns to rebuild its own side's pictures, yet {names.a}'s code drawn by {names.b}'s decoder
          {applied.dataset === 'toyFaces'
            ? <>puts {names.a}'s expression on {names.b}'s face.</>
            : <>redraws {names.a}'s digit, slant and all, in {names.b}'s strokes.</>}
        </p>
      </div>
      <NoticeList notices={notices.list} onDismiss={notices.dismiss} />
      {session.startProblem ? <p className="banner banner-info" role="status">{session.startProblem}</p> : null}
      <div className="lab-layout">
        <aside className="lab-sidebar" aria-label="Settings">
          <SwapControls settings={editor.draft} onEdit={editor.edit} start={editor.draftStart} startChoices={editor.startChoices}
            onChooseStart={editor.chooseStart} untrained={untrained}
            files={{ steps: frame?.steps ?? 0, ready, exportModel: session.exportModel, loadFile: editor.loadFile, onNotice: pushNotice }} />
        </aside>
        <div className="lab-main">
          <SwapToolbar status={status} disabled={!ready} diverged={status.kind === 'diverged'} speed={speed} frame={frame} scores={scores} info={info}
            names={names} onPlayPause={playPause} onStep={step} onReset={() => void editor.reset()}
            onSpeed={(next) => {
              setSpeed(next);
              attempt('Changing the speed', () => session.setSpeed(next));
            }}>
            {session.workerError ? <SwapWorkerStoppedBanner reason={session.workerError} onRestart={session.restart} /> : null}
            {status.kind === 'diverged'
              ? <SwapDivergenceBanner message={status.message} onReset={() => void editor.reset()} onTryAgain={() => attempt('Starting training', session.play)} />
              : null}
            {editor.pending ? (
              <SwapPendingBar problems={editor.problems.map(describeSwapProblem)} startChanged={startChanged}
                onApply={() => void editor.applyDraft()} onDiscard={editor.discardDraft} />
            ) : null}
          </SwapToolbar>
          {status.kind === 'loading' ? <SwapLoadingBanner message={status.message} /> : null}
          <SwapPreviewPanel timeline={session.timeline} names={names} encoder={applied.encoder} latentSize={applied.latentSize} dataset={applied.dataset} />
          <SwapPuppetSection ready={ready} dataset={applied.dataset} names={names} version={version}
            puppet={session.puppet} puppetDigit={session.puppetDigit} onError={reportFailure} />
          <SwapScoresPanel scores={scores} names={names} scored={scored} busy={measuring || !ready} onScoreNow={scoreNow} />
          <SwapMetricsPanel metrics={session.metrics} dataset={applied.dataset} names={names} scored={scored} />
          <SwapCodeSection ready={ready} version={codeVersion} names={names} dataset={applied.dataset} projectCodes={session.projectCodes} onError={reportFailure} />
          <section className="panel" aria-labelledby="swap-real-heading">
            <h2 id="swap-real-heading" className="panel-title">From toy faces to real deepfakes</h2>
            <RealWorldPanel />
          </section>
        </div>
      </div>
    </div>
  );
}
