/**
 * The digit forger: a GAN learns to forge handwritten digits, trained live in
 * a worker. Settings on the left; on the right the toolbar, the fixed-noise
 * grid with its timeline, the "which is fake?" round, latent walks and the curves.
 */
import { useCallback, useMemo, useState } from 'react';
import { DEFAULT_DIGIT_SETTINGS } from '../../core/digits/digitGanSettings';
import type { LabPageProps } from '../shared/labPage';
import { NoticeList } from '../shared/NoticeList';
import { messageOf } from '../shared/messageOf';
import { useKeyboardShortcuts } from '../shared/useKeyboardShortcuts';
import { useNotices } from '../shared/useNotices';
import { DivergenceBanner, LoadingBanner, PendingChangesBar, WorkerStoppedBanner } from './DigitBanners';
import { DigitControls } from './DigitControls';
import { DigitMetricsPanel } from './DigitMetricsPanel';
import { DigitToolbar } from './DigitToolbar';
import { LatentWalkPanel } from './LatentWalkPanel';
import { RealOrFakePanel } from './RealOrFakePanel';
import { SampleGridPanel } from './SampleGridPanel';
import { latestQuality } from './digitMetrics';
import { describeProblem } from './digitSettingsEdits';
import type { TrainingSpeed } from '../../protocol/digits/digitProtocol';
import { useDigitSession } from './useDigitSession';
import { useDigitSettingsEditor } from './useDigitSettingsEditor';
import './digits.css';

const DEFAULT_SPEED: TrainingSpeed = 'max';

export function DigitForgerLab(_props: LabPageProps) {
  const notices = useNotices();
  const { push: pushNotice } = notices;
  const reportError = useCallback((text: string) => pushNotice('error', text), [pushNotice]);
  const reportFailure = useCallback((error: unknown) => reportError(messageOf(error)), [reportError]);
  const [speed, setSpeed] = useState<TrainingSpeed>(DEFAULT_SPEED);
  const session = useDigitSession({ settings: DEFAULT_DIGIT_SETTINGS, pretrained: null, speed: DEFAULT_SPEED, backend: 'auto' });
  const { status, frame, info } = session;
  const running = status.kind === 'running';
  const untrained = !running && (frame?.generatorSteps ?? 0) === 0;
  const editor = useDigitSettingsEditor({ initialSettings: DEFAULT_DIGIT_SETTINGS, configure: session.configure, untrained, onError: reportError });
  const applied = editor.applied;
  const ready = info !== null;

  const attempt = useCallback((what: string, task: () => Promise<unknown>) => {
    task().catch((error: unknown) => reportError(`${what} failed: ${messageOf(error)}`));
  }, [reportError]);
  const playPause = useCallback(
    () => attempt(running ? 'Pausing' : 'Starting training', running ? session.pause : session.play),
    [attempt, running, session.pause, session.play],
  );
  const step = useCallback(() => attempt('The step', session.step), [attempt, session.step]);
  // After a blow-up only Reset helps: the keys wait for it, as the buttons do.
  const canTrain = ready && status.kind !== 'diverged';
  useKeyboardShortcuts({ togglePlay: () => canTrain && playPause(), stepBoth: () => canTrain && step() });

  const quality = useMemo(() => latestQuality(session.metrics), [session.metrics]);
  // The latent views redraw when the weights may have changed: each frame (a step, a new model) says so.
  const version = String(frame?.sequence ?? 0);

  return (
    <div className="lab digit-lab">
      <div className="lab-intro">
        <h1>Digit forger</h1>
        <p>
          A <strong>generator</strong> learns to forge handwritten digits from random noise; a <strong>discriminator</strong> learns to
          tell its forgeries from real handwriting. Press Play and watch static turn into digits.
        </p>
      </div>
      <NoticeList notices={notices.list} onDismiss={notices.dismiss} />
      <div className="lab-layout">
        <aside className="lab-sidebar" aria-label="Settings">
          <DigitControls settings={editor.draft} onEdit={editor.edit} start={editor.start} onChooseStart={editor.chooseStart} untrained={untrained} />
        </aside>
        <div className="lab-main">
          <DigitToolbar
            status={status}
            disabled={!ready}
            diverged={status.kind === 'diverged'}
            speed={speed}
            frame={frame}
            quality={quality}
            info={info}
            onPlayPause={playPause}
            onStep={step}
            onReset={() => void editor.reset()}
            onSpeed={(next) => {
              setSpeed(next);
              attempt('Changing the speed', () => session.setSpeed(next));
            }}
          >
            {session.workerError ? <WorkerStoppedBanner reason={session.workerError} onRestart={session.restart} /> : null}
            {status.kind === 'diverged' ? <DivergenceBanner message={status.message} onReset={() => void editor.reset()} /> : null}
            {editor.pending ? (
              <PendingChangesBar problems={editor.problems.map(describeProblem)} onApply={() => void editor.applyDraft()} onDiscard={editor.discardDraft} />
            ) : null}
          </DigitToolbar>
          {status.kind === 'loading' ? <LoadingBanner message={status.message} /> : null}
          <SampleGridPanel timeline={session.timeline} loss={applied.loss} conditional={applied.conditional} />
          <RealOrFakePanel
            ready={ready}
            conditional={applied.conditional}
            step={frame?.generatorSteps ?? 0}
            runId={session.timeline[0] ?? null}
            realDigits={session.realDigits}
            sampleWithOverrides={session.sampleWithOverrides}
            onError={reportFailure}
          />
          <LatentWalkPanel
            ready={ready}
            latentSize={applied.latentSize}
            conditional={applied.conditional}
            classes={applied.classes}
            version={version}
            latentWalk={session.latentWalk}
            sampleWithOverrides={session.sampleWithOverrides}
            onError={reportFailure}
          />
          <DigitMetricsPanel metrics={session.metrics} loss={applied.loss} realQuality={session.realQuality} classCount={applied.classes.length} />
        </div>
      </div>
    </div>
  );
}
