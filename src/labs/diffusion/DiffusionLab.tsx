/**
 * The diffusion lab: the other way to forge. A small network learns to remove noise from 2D
 * points, trained live in a worker; the page shows the data dissolving into noise (forward
 * process), the loss, and particles walked back from noise to the data (reverse process).
 * Settings on the left; the toolbar, the two processes and the curves on the right.
 */
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { diffusionData } from '../../core/diffusion/diffusionData';
import { fitView, type DiffusionPicture, type DigitGridRequest, type SamplingView } from '../../protocol/diffusion/diffusionProtocol';
import type { LabPageProps } from '../shared/labPage';
import { LabHeader } from '../shared/LabHeader';
import { ImageLabControls } from '../shared/ImageLabControls';
import { sessionFiles } from '../shared/ModelFilePanel';
import { LoadingBanner, TrainingBanners } from '../shared/SessionBanners';
import { DASH, SessionReadouts } from '../shared/SessionReadouts';
import { SCRATCH_REQUEST } from '../shared/startChoices';
import { TrainingToolbar } from '../shared/TrainingToolbar';
import { linkFor, useLinkHash } from '../shared/useLinkHash';
import { useNotices } from '../shared/useNotices';
import { usePrefersReducedMotion } from '../shared/usePrefersReducedMotion';
import { draftControls, useSettingsEditor } from '../shared/useSettingsEditor';
import { useTrainingActions } from '../shared/useTrainingActions';
import { useTrainingSession } from '../shared/useTrainingSession';
import { messageOf } from '../shared/messageOf';
import { DiffusionMetricsPanel } from './DiffusionMetricsPanel';
import { DIFFUSION_SECTIONS } from './DiffusionSettingsFields';
import { ProcessesPanel } from './ProcessesPanel';
import { RacePanel } from './RacePanel';
import { DIFFUSION_EDITOR_RULES } from './diffusionSettingsEdits';
import { DIFFUSION_LAB_PATH, diffusionLinkHash, readDiffusionLink } from './diffusionLink';
import { DIFFUSION_SESSION, DIFFUSION_STARTS } from './diffusionSessionSetup';
import { DIFFUSION_TOUR } from './diffusionTour';
import { viewBounds } from './pointCanvas';
import { useCoalescedRequest } from './useCoalescedRequest';
import { DigitsPanel } from './DigitsPanel';
import './diffusion.css';

const STARTUP_SPEED = 'max';

export function DiffusionLab({ query }: LabPageProps) {
  // A shared link gives the set-up to start with; what it got wrong is named in the notices.
  const [initial] = useState(() => readDiffusionLink(query));
  const notices = useNotices(initial.notices.map((text) => ({ kind: 'warning' as const, text })));
  const { push: pushNotice, reportError } = notices;
  const session = useTrainingSession(DIFFUSION_SESSION, { settings: initial.settings, start: SCRATCH_REQUEST, speed: STARTUP_SPEED, backend: 'auto' });
  const { status, frame, info, ready, call, run } = session;
  const actions = useTrainingActions(session, { initialSpeed: STARTUP_SPEED, onError: reportError });
  // Nothing trained yet (step 0, not running): a change loses nothing, so it applies at once.
  const untrained = !actions.running && (frame?.steps ?? 0) === 0;
  const editor = useSettingsEditor({
    applied: session.config, choices: DIFFUSION_STARTS, rules: DIFFUSION_EDITOR_RULES, configure: session.configure, applyAtOnce: untrained, onError: reportError,
  });
  const applied = editor.applied;
  const reducedMotion = usePrefersReducedMotion();

  // How the reverse process is shown: the worker runs it that way in every frame from now on.
  const [view, setView] = useState<SamplingView>(initial.view);
  // The answer to a view change, with the frame it came after: a newer frame replaces it.
  const [asked, setAsked] = useState<{ picture: DiffusionPicture; afterFrame: number } | null>(null);
  const frameSequence = useRef(0);
  useEffect(() => { frameSequence.current = frame?.sequence ?? 0; }, [frame]);
  // Slider moves arrive faster than the sampler runs: only the latest view is sent once the worker is free.
  const requestView = useCoalescedRequest(
    (next: SamplingView) => call((api) => api.setView(next)),
    (answer: DiffusionPicture) => setAsked({ picture: answer, afterFrame: frameSequence.current }),
    (error) => reportError(`The sampling view could not be changed: ${messageOf(error)}`),
  );
  useEffect(() => {
    if (ready) requestView(view);
  }, [ready, run, view, requestView]);
  const picture: DiffusionPicture | null = asked && asked.afterFrame === (frame?.sequence ?? 0) ? asked.picture : frame ?? asked?.picture ?? null;
  // The view as the worker fits it to the model (a sampler the objective has, steps within T).
  const shownView = useMemo(() => fitView(view, applied), [view, applied]);
  const changeView = useCallback((next: SamplingView) => setView(next), []);

  const hash = useLinkHash(DIFFUSION_LAB_PATH, diffusionLinkHash(applied, shownView));
  const scale = useMemo(() => diffusionData(applied.dataset).scale, [applied.dataset]);
  const bounds = useMemo(() => (frame ? viewBounds(frame.bounds, scale) : viewBounds(diffusionData(applied.dataset).distribution.bounds, scale)), [frame?.bounds, scale, applied.dataset]); // eslint-disable-line react-hooks/exhaustive-deps
  const latest = session.metrics.at(-1);

  // Points (the 2D lab, trained live) or Digits (the shipped digit model, sampled on request).
  const [mode, setMode] = useState<'points' | 'digits'>('points');
  const showDigits = () => {
    setMode('digits');
    // The sampler then has the worker to itself.
    if (status.kind === 'running') void session.pause();
  };
  // The race against a GAN (off by default: the denoiser then has the worker to itself).
  const [racing, setRacing] = useState(false);
  const toggleRace = async (on: boolean) => {
    const wasRunning = status.kind === 'running';
    setRacing(on);
    try {
      await call((api) => api.setRace(on));
    } catch (error) {
      setRacing(!on);
      reportError(`The race could not be switched ${on ? 'on' : 'off'}: ${messageOf(error)}`);
      return;
    }
    // Both start again together, so neither has a head start on the clock.
    if (on) {
      await editor.reset();
      if (wasRunning) void session.play();
    }
  };
  // A new worker (Restart after a stop) builds its model without the GAN: tell it again.
  useEffect(() => {
    if (ready && racing) call((api) => api.setRace(true)).catch((error) => reportError(`The race could not be switched on: ${messageOf(error)}`));
  }, [ready, run, racing, call, reportError]);

  const loadDigitModel = useCallback(() => call((api) => api.digitModel()), [call]);
  const sampleDigitGrid = useCallback((r: DigitGridRequest) => call((api) => api.sampleDigitGrid(r)), [call]);

  return (
    <div className="lab diffusion-lab">
      <LabHeader title="Diffusion lab" labId="diffusion" tour={DIFFUSION_TOUR} notices={notices} startProblem={session.startProblem}>
        The other way to forge: instead of a duel, a <strong>denoiser</strong> learns to remove a little noise from real points.
        Run it many times, starting from pure noise, and new points appear that look like the data. This is how diffusion models make images.
      </LabHeader>
      <div className="lab-layout">
        <aside className="lab-sidebar lab-controls" aria-label="Settings">
          <ImageLabControls {...draftControls(editor)} untrained={untrained} sections={DIFFUSION_SECTIONS}
            startIntro="Where training begins." startIdPrefix="diffusion-" startGroupName="diffusion-start"
            files={sessionFiles(session, editor.loadFile, { fileStem: 'deepfake-lab-diffusion', format: 'weights', onNotice: pushNotice })}
            share={{
              link: linkFor(hash),
              help: 'The address bar always holds the settings being trained and how the reverse process is shown, so the link replays this set-up.',
              leftOut: editor.start.request.kind === 'file'
                ? `The model file "${editor.start.request.name}" is not part of the link: it opens these settings from scratch. To share the trained weights, use "Save this model" and send the file.`
                : null,
              onNotice: pushNotice,
            }} />
        </aside>
        <div className="lab-main lab-views">
          <div className="diffusion-mode" role="group" aria-label="What the lab shows">
            <button type="button" aria-pressed={mode === 'points'} data-testid="mode-points" onClick={() => setMode('points')}>Points (2D, train live)</button>
            <button type="button" aria-pressed={mode === 'digits'} data-testid="mode-digits" onClick={showDigits}>Digits (pretrained U-Net)</button>
          </div>
          {mode === 'points' ? (
            <TrainingToolbar idPrefix="diffusion" running={status.kind === 'running'} disabled={!ready} diverged={status.kind === 'diverged'}
              speed={actions.speed} onPlayPause={actions.playPause} onStep={actions.step} onReset={() => void editor.reset()} onSpeed={actions.chooseSpeed}
              help={<><strong>Step</strong>: one update of the denoiser on a fresh batch. <strong>Reset</strong>: fresh weights from the seed.{' '}
                <strong>Speed</strong>: slow down to watch the samples form.</>}
              readouts={(
                <SessionReadouts frame={frame} info={info} stepsLabel="Steps" stepsHelp="Training steps so far (one step = one batch of noised points)">
                  <div className="readout" title="Mean squared error of the latest measured batch, averaged over recent batches">
                    <dt>Loss</dt>
                    <dd data-testid="loss">{latest ? latest.smoothedLoss.toFixed(3) : DASH}</dd>
                  </div>
                </SessionReadouts>
              )}>
              <TrainingBanners status={status} workerError={session.workerError} editor={editor} onRestart={session.restart}
                onRestore={actions.restore} onReset={() => void editor.reset()} />
            </TrainingToolbar>
          ) : null}
          {status.kind === 'loading' ? <LoadingBanner message={status.message} /> : null}
          {mode === 'digits' ? <DigitsPanel ready={ready} backend={info?.backend ?? null} loadInfo={loadDigitModel} sample={sampleDigitGrid} onError={reportError} /> : null}
          {mode === 'points' ? <><ProcessesPanel settings={applied} picture={picture} reals={frame?.reals ?? null} scale={scale} bounds={bounds} view={shownView}
            onViewChange={changeView} modeCount={frame?.modeCount ?? 0} reducedMotion={reducedMotion} disabled={!ready} />
          <RacePanel on={racing} onToggle={(on) => void toggleRace(on)} disabled={!ready} race={frame?.race ?? null} picture={picture}
            reals={frame?.reals ?? null} bounds={bounds} modeCount={frame?.modeCount ?? 0} />
          <DiffusionMetricsPanel metrics={session.metrics} objective={applied.objective} modeCount={frame?.modeCount ?? 0} /></> : null}
        </div>
      </div>
    </div>
  );
}
