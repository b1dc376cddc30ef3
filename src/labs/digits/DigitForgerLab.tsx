/**
 * The digit forger: a GAN learns to forge handwritten digits, trained live in
 * a worker. Settings on the left; on the right the toolbar, the fixed-noise
 * grid with its timeline, the "which is fake?" round, latent walks and the curves.
 */
import { useCallback, useEffect, useMemo, useState } from 'react';
import type { DigitQuality } from '../../core/mnist/digitQuality';
import type { LabPageProps } from '../shared/labPage';
import { linkFor, useLinkHash } from '../shared/useLinkHash';
import { LoadingBanner, TrainingBanners } from '../shared/SessionBanners';
import { sessionFiles } from '../shared/ModelFilePanel';
import { useNotices } from '../shared/useNotices';
import { draftControls, useSettingsEditor } from '../shared/useSettingsEditor';
import { useTrainingActions } from '../shared/useTrainingActions';
import { useTrainingSession } from '../shared/useTrainingSession';
import { DigitControls } from './DigitControls';
import { DigitMetricsPanel } from './DigitMetricsPanel';
import { DigitToolbar } from './DigitToolbar';
import { KeepForDetection } from './KeepForDetection';
import { LatentWalkPanel } from './LatentWalkPanel';
import { RealOrFakePanel } from './RealOrFakePanel';
import { SampleGridPanel } from './SampleGridPanel';
import { latestQuality } from './digitMetrics';
import { DIGIT_EDITOR_RULES } from './digitSettingsEdits';
import { DIGIT_SESSION } from './digitSessionSetup';
import { DIGIT_LAB_PATH, digitLinkHash, digitLinkLeftOut, readDigitLink } from './digitLink';
import { START_CHOICES } from './startChoices';
import './digits.css';
import { LabHeader } from '../shared/LabHeader';
import { DIGIT_TOUR } from './digitTour';

const STARTUP_SPEED = 'max';

export function DigitForgerLab({ query }: LabPageProps) {
  // A shared link gives the set-up to start with; what it got wrong is named in the notices.
  const [initial] = useState(() => readDigitLink(query));
  const notices = useNotices(initial.notices.map((text) => ({ kind: 'warning' as const, text })));
  const { push: pushNotice, reportError, reportFailure } = notices;
  const session = useTrainingSession(DIGIT_SESSION, { settings: initial.settings, start: initial.start.request, speed: STARTUP_SPEED, backend: 'auto' });
  const { status, frame, info, ready, call, run } = session;
  const actions = useTrainingActions(session, { initialSpeed: STARTUP_SPEED, onError: reportError });
  // Nothing trained yet (step 0, not running): a change loses nothing, so it applies at once.
  const untrained = !actions.running && (frame?.steps ?? 0) === 0;
  const editor = useSettingsEditor({
    applied: session.config, choices: START_CHOICES, rules: DIGIT_EDITOR_RULES, configure: session.configure, applyAtOnce: untrained, onError: reportError,
  });
  const applied = editor.applied;
  const [showScores, setShowScores] = useState(initial.showScores);
  // The link holds what trains (the applied settings and start), never an edit still waiting.
  const hash = useLinkHash(DIGIT_LAB_PATH, digitLinkHash(applied, editor.start, showScores));

  // Real digits of the trained classes, scored as the fakes are: the quality charts' yardstick, for each new model.
  const [realQuality, setRealQuality] = useState<DigitQuality | null>(null);
  useEffect(() => {
    if (!info) return;
    let current = true;
    call((api) => api.realQuality()).then(
      (quality) => { if (current) setRealQuality(quality ?? info.realQuality); },
      () => { if (current) setRealQuality(info.realQuality); },
    );
    return () => { current = false; };
  }, [call, info, run]);

  const realDigits = useCallback((count: number, seed: number) => call((api) => api.realDigits(count, seed)), [call]);
  const latentWalk = useCallback(
    (fromSeed: number, toSeed: number, steps: number, label: number | null) => call((api) => api.latentWalk(fromSeed, toSeed, steps, label)),
    [call],
  );
  const sampleWithOverrides = useCallback(
    (seed: number, overrides: number[], label: number | null) => call((api) => api.sampleWithOverrides(seed, overrides, label)),
    [call],
  );

  const quality = useMemo(() => latestQuality(session.metrics), [session.metrics]);
  // The latent views redraw when the weights may have changed: each frame (a step, a new model) says so.
  const version = String(frame?.sequence ?? 0);
  const steps = frame?.steps ?? 0;

  return (
    <div className="lab digit-lab" data-start={editor.start.id}>
      <LabHeader title="Digit forger" labId="digits" tour={DIGIT_TOUR} notices={notices} startProblem={session.startProblem}>
        A <strong>generator</strong> learns to forge handwritten digits from random noise; a <strong>discriminator</strong> learns to
        tell its forgeries from real handwriting. Press Play and watch static turn into digits.
      </LabHeader>
      <div className="lab-layout">
        <aside className="lab-sidebar" aria-label="Settings">
          <DigitControls {...draftControls(editor)} untrained={untrained}
            files={sessionFiles(session, editor.loadFile, { fileStem: 'deepfake-lab-digit-forger', format: 'weights', onNotice: pushNotice })}
            share={{
              link: linkFor(hash),
              help: 'The address bar always holds the settings being trained, where training started and whether the grid shows D\'s scores, so the link replays this set-up.',
              leftOut: digitLinkLeftOut(editor.start),
              onNotice: pushNotice,
            }}>
            <KeepForDetection steps={frame?.steps ?? 0} ready={ready} save={session.saveModel} onNotice={pushNotice} />
          </DigitControls>
        </aside>
        <div className="lab-main">
          <DigitToolbar
            status={status}
            disabled={!ready}
            diverged={status.kind === 'diverged'}
            speed={actions.speed}
            frame={frame}
            quality={quality}
            info={info}
            onPlayPause={actions.playPause}
            onStep={actions.step}
            onReset={() => void editor.reset()}
            onSpeed={actions.chooseSpeed}
          >
            <TrainingBanners status={status} workerError={session.workerError} editor={editor} onRestart={session.restart}
              onRestore={actions.restore} onReset={() => void editor.reset()} />
          </DigitToolbar>
          {status.kind === 'loading' ? <LoadingBanner message={status.message} /> : null}
          <SampleGridPanel timeline={session.timeline} loss={applied.loss} conditional={applied.conditional}
            showScores={showScores} onShowScoresChange={setShowScores} />
          <RealOrFakePanel
            ready={ready}
            conditional={applied.conditional}
            step={steps}
            runId={session.timeline[0] ?? null}
            realDigits={realDigits}
            sampleWithOverrides={sampleWithOverrides}
            onError={reportFailure}
          />
          <LatentWalkPanel
            ready={ready}
            latentSize={applied.latentSize}
            conditional={applied.conditional}
            classes={applied.classes}
            version={version}
            latentWalk={latentWalk}
            sampleWithOverrides={sampleWithOverrides}
            onError={reportFailure}
          />
          <DigitMetricsPanel metrics={session.metrics} loss={applied.loss} realQuality={realQuality} classCount={applied.classes.length} />
        </div>
      </div>
    </div>
  );
}
