/**
 * The face-swap lab: two autoencoders share one encoder, each with its own
 * decoder, trained live in a worker; the swap is one character's code drawn
 * by the other's decoder. Settings on the left; on the right the toolbar, the
 * network with its live preview and timeline, puppet mode, the scores and
 * curves, the code-space map and what it all means for real deepfakes.
 */
import { useCallback, useMemo, useState } from 'react';
import type { FaceSwapSettings } from '../../core/autoencoder/faceSwapSettings';
import type { FaceFactors } from '../../core/toyfaces/faceFactors';
import type { SwapScoreSummary } from '../../core/faceswap/swapScoreSummary';
import { findIdentity } from '../../core/toyfaces/toyFaceIdentities';
import { shippedJudgeUrls } from '../../protocol/faceswap/shippedFaceSwapFiles';
import type { LabPageProps } from '../shared/labPage';
import { linkFor, useLinkHash } from '../shared/useLinkHash';
import { LoadingBanner, TrainingBanners } from '../shared/SessionBanners';
import { sessionFiles } from '../shared/ModelFilePanel';
import { useNotices } from '../shared/useNotices';
import { draftControls, useSettingsEditor } from '../shared/useSettingsEditor';
import { useTrainingActions } from '../shared/useTrainingActions';
import { useTrainingSession } from '../shared/useTrainingSession';
import { FACE_SWAP_SESSION } from './faceSwapSessionSetup';
import { RealWorldPanel } from './RealWorldPanel';
import { SwapCodeSection } from './SwapCodeSection';
import { SwapControls } from './SwapControls';
import { SwapMetricsPanel } from './SwapMetricsPanel';
import { SwapPreviewPanel } from './SwapPreviewPanel';
import { SwapPuppetSection } from './SwapPuppetSection';
import { SwapScoresPanel } from './SwapScoresPanel';
import { SwapToolbar } from './SwapToolbar';
import { latestScores } from './swapMetrics';
import type { SwapNames } from './swapPaths';
import { SWAP_EDITOR_RULES } from './swapSettingsEdits';
import { SWAP_LAB_PATH, readSwapLink, swapLinkHash, swapLinkLeftOut } from './swapLink';
import { SWAP_START_CHOICES } from './swapStartChoices';
import './faceswap.css';
import './faceSwapLab.css';
import { LabHeader } from '../shared/LabHeader';
import { SWAP_TOUR } from './swapTour';

const STARTUP_SPEED = 'max';
const JUDGES = shippedJudgeUrls();

/** What A and B are called on the page. */
export function swapNames(s: FaceSwapSettings): SwapNames {
  if (s.dataset === 'digitStyles') return { a: 'Thin', b: 'Thick' };
  return { a: findIdentity(s.identityA)?.name ?? 'A', b: findIdentity(s.identityB)?.name ?? 'B' };
}

export function FaceSwapLab({ query }: LabPageProps) {
  // A shared link gives the set-up to start with (by default the pretrained swap); what it got wrong is named in the notices.
  const [initial] = useState(() => readSwapLink(query));
  const notices = useNotices(initial.notices.map((text) => ({ kind: 'warning' as const, text })));
  const { push: pushNotice, reportError, reportFailure } = notices;
  const session = useTrainingSession(FACE_SWAP_SESSION, { settings: initial.settings, start: initial.start.request, speed: STARTUP_SPEED, backend: 'auto' });
  const { status, frame, info, ready, call } = session;
  const actions = useTrainingActions(session, { initialSpeed: STARTUP_SPEED, onError: reportError });
  const running = actions.running;
  // Nothing trained yet (a fresh model at step 0, not running): a change loses nothing, so it applies at once.
  const untrained = !running && (frame?.steps ?? 0) === 0;
  const editor = useSettingsEditor({
    applied: session.config, choices: SWAP_START_CHOICES, rules: SWAP_EDITOR_RULES, configure: session.configure, applyAtOnce: untrained, onError: reportError,
  });
  const applied = editor.applied;
  // The link holds what trains (the applied settings and start), never an edit still waiting.
  const hash = useLinkHash(SWAP_LAB_PATH, swapLinkHash(applied, editor.start));
  const names = useMemo(() => swapNames(applied), [applied]);
  const scored = JUDGES[applied.dataset] !== '';

  const puppet = useCallback((factors: FaceFactors) => call((api) => api.puppet(factors)), [call]);
  const puppetDigit = useCallback((index: number) => call((api) => api.puppetDigit(index)), [call]);
  const projectCodes = useCallback((count: number) => call((api) => api.projectCodes(count)), [call]);

  const [measured, setMeasured] = useState<SwapScoreSummary | null>(null);
  const [measuring, setMeasuring] = useState(false);
  const live = useMemo(() => latestScores(session.metrics), [session.metrics]);
  // A measurement on request shows until training scores a later step (or a new model starts).
  const scores = measured && (!live || measured.step >= live.step) && measured.step <= (frame?.steps ?? 0) ? measured : live;
  const scoreNow = () => {
    setMeasuring(true);
    call((api) => api.scoreNow()).then(setMeasured, reportFailure).finally(() => setMeasuring(false));
  };

  // Views that depend on the weights redraw when they may have changed: each frame says so.
  const version = String(frame?.sequence ?? 0);
  const codeVersion = running ? `running|${session.timeline[0]?.step ?? 0}` : `${frame?.steps ?? 0}|${frame?.sequence ?? 0}`;

  return (
    <div className="lab faceswap-lab" data-start={editor.start.id}>
      <LabHeader title="Face-swap lab" labId="faceswap" tour={SWAP_TOUR} notices={notices} startProblem={session.startProblem}>
        The classic deepfake, small enough to train in your browser: one <strong>shared encoder</strong> and two <strong>decoders</strong>,
        one per side. Each decoder only ever learns to rebuild its own side's pictures, yet {names.a}'s code drawn by {names.b}'s decoder{' '}
        {applied.dataset === 'toyFaces'
          ? <>puts {names.a}'s expression on {names.b}'s face.</>
          : <>redraws {names.a}'s digit, slant and all, in {names.b}'s strokes.</>}
      </LabHeader>
      <div className="lab-layout">
        <aside className="lab-sidebar" aria-label="Settings">
          <SwapControls {...draftControls(editor)} untrained={untrained}
            files={sessionFiles(session, editor.loadFile, {
              fileStem: 'deepfake-lab-face-swap', format: 'weights', onNotice: pushNotice,
              saveHelp: <>Downloads the weights, the settings, the step count and the scores as a <code>.weights</code> file, to load here again later.</>,
            })}
            share={{
              link: linkFor(hash),
              help: 'The address bar always holds the settings being trained and where training started, so the link replays this set-up.',
              leftOut: swapLinkLeftOut(editor.start),
              onNotice: pushNotice,
            }} />
        </aside>
        <div className="lab-main">
          <SwapToolbar status={status} disabled={!ready} diverged={status.kind === 'diverged'} speed={actions.speed} frame={frame} scores={scores} info={info}
            names={names} onPlayPause={actions.playPause} onStep={actions.step} onReset={() => void editor.reset()} onSpeed={actions.chooseSpeed}>
            <TrainingBanners status={status} workerError={session.workerError} editor={editor} onRestart={session.restart}
              onRestore={actions.restore} onReset={() => void editor.reset()} />
          </SwapToolbar>
          {status.kind === 'loading' ? <LoadingBanner message={status.message} /> : null}
          <SwapPreviewPanel timeline={session.timeline} names={names} encoder={applied.encoder} latentSize={applied.latentSize} dataset={applied.dataset} />
          <SwapPuppetSection ready={ready} dataset={applied.dataset} names={names} version={version}
            puppet={puppet} puppetDigit={puppetDigit} onError={reportFailure} />
          <SwapScoresPanel scores={scores} names={names} scored={scored} busy={measuring || !ready} onScoreNow={scoreNow} />
          <SwapMetricsPanel metrics={session.metrics} dataset={applied.dataset} names={names} scored={scored} />
          <SwapCodeSection ready={ready} version={codeVersion} names={names} dataset={applied.dataset} projectCodes={projectCodes} onError={reportFailure} />
          <section className="panel" aria-labelledby="swap-real-heading">
            <h2 id="swap-real-heading" className="panel-title">From toy faces to real deepfakes</h2>
            <RealWorldPanel />
          </section>
        </div>
      </div>
    </div>
  );
}
