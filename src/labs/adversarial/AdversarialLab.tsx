/**
 * The adversarial lab page: a generator and a discriminator trained live in a
 * worker on 2D toy data, with controls on the left and the plot, the model
 * diagram and the training curves on the right.
 */
import { useCallback, useMemo, useRef, useState } from 'react';
import { PointsCsvError, parsePointsCsv } from '../../core/adversarial/pointsCsv';
import { makeDistribution } from '../../core/adversarial/toyDistributions';
import type { LayerVisibility } from '../../core/adversarial/settingsUrl';
import { findPreset } from '../../core/adversarial/ganPresets';
import type { LabPageProps } from '../shared/labPage';
import type { BackendChoice, StepKind, TrainingSpeed } from '../../protocol/adversarial/adversarialProtocol';
import { ControlsPanel } from './ControlsPanel';
import { MetricsPanel } from './MetricsPanel';
import { NoticeList } from '../shared/NoticeList';
import { OverviewPanel } from './OverviewPanel';
import { PlotPanel } from './PlotPanel';
import { DivergenceBanner, PendingChangesBar, WorkerStoppedBanner } from './SessionBanners';
import { StatusReadouts } from './StatusReadouts';
import { SpeedControl, TrainingControls } from './TrainingControls';
import { readLabLink } from './labLink';
import { sameSettings } from './settingsEdits';
import { messageOf, useAdversarialSession } from './useAdversarialSession';
import { useKeyboardShortcuts } from '../shared/useKeyboardShortcuts';
import { useNotices } from '../shared/useNotices';
import { useSettingsEditor } from './useSettingsEditor';
import { useSlowMotion } from './useSlowMotion';
import { useUrlSettings } from './useUrlSettings';
import type { MainPlotHandle } from './views/MainPlot';
import { useElementHeight } from './views/useElementHeight';
import type { OverviewPart } from './views/ModelOverview';

/** A spray brush adds points fast; beyond this the drawing stops growing. */
const MAX_DRAWN_POINTS = 5000;
const DEFAULT_SPEED: TrainingSpeed = 20;

function appendPoints(current: Float32Array | null, added: Float32Array): Float32Array {
  const old = current ?? new Float32Array(0);
  const room = Math.max(0, MAX_DRAWN_POINTS * 2 - old.length);
  const next = new Float32Array(old.length + Math.min(room, added.length - (added.length % 2)));
  next.set(old);
  next.set(added.subarray(0, next.length - old.length), old.length);
  return next;
}

export function AdversarialLab({ query }: LabPageProps) {
  const [initial] = useState(() => readLabLink(query));
  const notices = useNotices(initial.notices.map((text) => ({ kind: 'warning' as const, text })));
  const { push: pushNotice } = notices;
  const reportError = useCallback((text: string) => pushNotice('error', text), [pushNotice]);
  const [speed, setSpeedState] = useState<TrainingSpeed>(DEFAULT_SPEED);
  const [backendChoice, setBackendChoice] = useState<BackendChoice>('auto');
  const session = useAdversarialSession({ settings: initial.settings, customPoints: null, speed: DEFAULT_SPEED, backend: 'auto' });
  const running = session.status.kind === 'running';
  const editor = useSettingsEditor({
    initialSettings: initial.settings,
    initialPresetId: initial.presetId,
    configure: session.configure,
    running,
    onError: reportError,
  });
  const [layers, setLayers] = useState<LayerVisibility>(initial.layers);
  const [drawing, setDrawing] = useState(false);
  const [ownPoints, setOwnPoints] = useState<Float32Array | null>(null);
  const [selectedPart, setSelectedPart] = useState<OverviewPart | null>(null);
  const plotRef = useRef<MainPlotHandle>(null);
  const toolbarRef = useRef<HTMLDivElement>(null);
  const toolbarHeight = useElementHeight(toolbarRef);
  const slowMotion = useSlowMotion({ step: session.step, dSteps: editor.applied.dSteps, onError: reportError });
  const hash = useUrlSettings(editor.applied, layers, editor.presetId);

  const attempt = useCallback((what: string, task: () => Promise<unknown>) => {
    task().catch((error: unknown) => reportError(`${what} failed: ${messageOf(error)}`));
  }, [reportError]);

  const playPause = useCallback(() => {
    slowMotion.stop();
    attempt(running ? 'Pausing' : 'Starting training', running ? session.pause : session.play);
  }, [attempt, running, session.pause, session.play, slowMotion]);

  const step = useCallback((kind: StepKind) => {
    slowMotion.stop();
    attempt('The step', () => session.step(kind));
  }, [attempt, session, slowMotion]);

  useKeyboardShortcuts({ togglePlay: playPause, stepBoth: () => step('both') });

  const importCsv = async (file: File) => {
    let points: Float32Array;
    try {
      points = parsePointsCsv(await file.text());
    } catch (error) {
      const reason = error instanceof PointsCsvError ? error.message : messageOf(error);
      reportError(`"${file.name}" could not be used, so training carries on as before. ${reason}`);
      return;
    }
    setOwnPoints(points);
    setDrawing(false);
    slowMotion.stop();
    await editor.trainOnPoints(points);
    pushNotice('success', `Loaded ${(points.length / 2).toLocaleString('en-US')} points from "${file.name}". Press Play to train on them.`);
  };

  const fallbackBounds = useMemo(
    () => makeDistribution(editor.applied, editor.customPoints ?? undefined).bounds,
    [editor.applied, editor.customPoints],
  );
  const frame = session.frame;
  const modeCount = frame && frame.modeCenters.length > 0 ? frame.modeCenters.length / 2 : null;
  const latest = session.metrics.length > 0 ? session.metrics[session.metrics.length - 1] : null;
  const preset = editor.presetId ? findPreset(editor.presetId) : undefined;
  const disabled = session.info === null;
  const status = session.status;

  return (
    <div className="lab">
      <div className="lab-intro">
        <h1>Adversarial lab</h1>
        <p>
          A <strong>generator</strong> turns random noise into points; a <strong>discriminator</strong> tries to tell them apart from the
          real data. Each learns from the other. Press Play and watch the fakes chase the real points.
        </p>
      </div>
      <NoticeList notices={notices.list} onDismiss={notices.dismiss} />
      {session.workerError ? <WorkerStoppedBanner reason={session.workerError} onRestart={session.restart} /> : null}
      {status.kind === 'diverged' ? (
        <DivergenceBanner message={status.message} onRestore={() => attempt('Restoring the last good state', session.restoreLastGood)} />
      ) : null}
      <div className="lab-layout">
        <aside className="lab-sidebar" aria-label="Settings">
          <ControlsPanel
            settings={editor.draft}
            onEdit={editor.edit}
            running={running}
            preset={{
              presetId: editor.presetId,
              modified: preset !== undefined && !sameSettings(editor.applied, preset.settings),
              onLoad: (id) => {
                slowMotion.stop();
                setDrawing(false);
                void editor.loadPreset(id);
              },
            }}
            dataset={{
              ownPointCount: ownPoints ? ownPoints.length / 2 : 0,
              drawing,
              onDrawingChange: setDrawing,
              onClearDrawing: () => setOwnPoints(null),
              onTrainOnDrawing: () => {
                if (!ownPoints || ownPoints.length < 4) return;
                setDrawing(false);
                slowMotion.stop();
                void editor.trainOnPoints(ownPoints);
              },
              onImportCsv: (file) => void importCsv(file),
            }}
            backend={{
              choice: backendChoice,
              info: session.info,
              onChoose: (choice) => {
                setBackendChoice(choice);
                attempt('Switching the backend', () => session.setBackend(choice));
              },
            }}
            files={{
              frame,
              metrics: session.metrics,
              plotRef,
              exportCheckpoint: session.exportCheckpoint,
              importCheckpoint: async (text) => {
                const loaded = await session.loadCheckpoint(text);
                slowMotion.stop();
                editor.adopt(loaded.settings, loaded.customPoints);
                if (loaded.customPoints) setOwnPoints(loaded.customPoints);
              },
              link: `${window.location.origin}${window.location.pathname}${hash}`,
              ownPoints: editor.applied.dataset === 'custom',
              onNotice: pushNotice,
            }}
          />
        </aside>
        <div className="lab-main">
          {/* data-running lets the stylesheet swap the play icon for pause (see .button-icon in styles.css). */}
          <div className="toolbar" data-running={running || undefined} ref={toolbarRef}>
            <TrainingControls
              status={status}
              slowMotionOn={slowMotion.current !== null}
              disabled={disabled}
              onPlayPause={playPause}
              onStep={step}
              onReset={() => {
                slowMotion.stop();
                void editor.reset();
              }}
              onSlowMotion={(on) => {
                if (!on) return slowMotion.stop();
                if (running) attempt('Pausing', session.pause);
                slowMotion.start();
              }}
            />
            <div className="toolbar-row">
              <SpeedControl
                speed={speed}
                onSpeed={(next) => {
                  setSpeedState(next);
                  attempt('Changing the speed', () => session.setSpeed(next));
                }}
              />
              <StatusReadouts frame={frame} latest={latest} modeCount={modeCount} info={session.info} />
            </div>
          </div>
          {editor.pending ? <PendingChangesBar problems={editor.problems} onApply={() => void editor.applyDraft()} onDiscard={editor.discardDraft} /> : null}
          <PlotPanel
            frame={frame}
            bounds={frame?.bounds ?? fallbackBounds}
            layers={layers}
            onLayersChange={setLayers}
            drawing={drawing}
            drawnPoints={drawing ? ownPoints : null}
            onDrawPoints={(added) => setOwnPoints((current) => appendPoints(current, added))}
            highlight={slowMotion.current?.highlight ?? null}
            plotRef={plotRef}
            slowStage={slowMotion.current}
            slowIteration={slowMotion.iteration}
            criticScores={editor.applied.loss === 'wganGp' || editor.applied.loss === 'hinge'}
            topInset={toolbarHeight}
          />
          <OverviewPanel settings={editor.applied} activeStage={slowMotion.current?.stage ?? null} selected={selectedPart} onSelect={setSelectedPart} />
          <MetricsPanel metrics={session.metrics} loss={editor.applied.loss} modeCount={modeCount} />
        </div>
      </div>
    </div>
  );
}
