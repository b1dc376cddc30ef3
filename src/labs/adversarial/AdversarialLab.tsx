/**
 * The adversarial lab page: a generator and a discriminator trained live in a
 * worker on 2D toy data, with controls on the left and the plot, the model
 * diagram and the training curves on the right.
 */
import { useCallback, useMemo, useRef, useState } from 'react';
import { cloneSettings } from '../../core/pointGan/ganSettings';
import { PointsCsvError, parsePointsCsv } from '../../core/points/pointsCsv';
import { makeDistribution } from '../../core/points/toyDistributions';
import { averagesGenerator, type LayerVisibility } from '../../core/adversarial/settingsUrl';
import { findPreset } from '../../core/adversarial/ganPresets';
import type { AdversarialSetup, BackendChoice, StepKind, TrainingSpeed } from '../../protocol/adversarial/adversarialProtocol';
import type { LabPageProps } from '../shared/labPage';
import { messageOf } from '../shared/messageOf';
import { TrainingBanners } from '../shared/SessionBanners';
import { sessionFiles } from '../shared/ModelFilePanel';
import { useNotices } from '../shared/useNotices';
import { useSettingsEditor } from '../shared/useSettingsEditor';
import { useTrainingActions } from '../shared/useTrainingActions';
import { useTrainingSession } from '../shared/useTrainingSession';
import { ADVERSARIAL_SESSION, ADVERSARIAL_STARTS } from './adversarialSessionSetup';
import { ControlsPanel } from './ControlsPanel';
import { MetricsPanel } from './MetricsPanel';
import { OverviewPanel } from './OverviewPanel';
import { PlotPanel } from './PlotPanel';
import { StatusReadouts } from './StatusReadouts';
import { SpeedControl, TrainingControls } from './TrainingControls';
import { readLabLink } from './labLink';
import { ADVERSARIAL_EDITOR_RULES, sameSettings } from './settingsEdits';
import { useSlowMotion } from './useSlowMotion';
import { useUrlSettings } from './useUrlSettings';
import type { MainPlotHandle } from './views/MainPlot';
import { useElementHeight } from './views/useElementHeight';
import type { OverviewPart } from './views/ModelOverview';
import { LabHeader } from '../shared/LabHeader';
import { ADVERSARIAL_TOUR } from './adversarialTour';

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
  const { push: pushNotice, reportError } = notices;
  const [backendChoice, setBackendChoice] = useState<BackendChoice>('auto');
  const session = useTrainingSession(ADVERSARIAL_SESSION, {
    settings: { settings: initial.settings, customPoints: null }, start: ADVERSARIAL_STARTS[0].request, speed: DEFAULT_SPEED, backend: 'auto',
  });
  const { call } = session;
  const running = session.status.kind === 'running';
  // Every applied change re-initialises the networks, so while training runs edits wait for "Apply & reset"; while paused they apply at once.
  const editor = useSettingsEditor({
    applied: session.config, choices: ADVERSARIAL_STARTS, rules: ADVERSARIAL_EDITOR_RULES, configure: session.configure, applyAtOnce: !running, onError: reportError,
  });
  const applied = editor.applied.settings;
  const [presetId, setPresetId] = useState(initial.presetId);
  const [layers, setLayers] = useState<LayerVisibility>(initial.layers);
  const [drawing, setDrawing] = useState(false);
  const [ownPoints, setOwnPoints] = useState<Float32Array | null>(null);
  const [selectedPart, setSelectedPart] = useState<OverviewPart | null>(null);
  const plotRef = useRef<MainPlotHandle>(null);
  const toolbarRef = useRef<HTMLDivElement>(null);
  const toolbarHeight = useElementHeight(toolbarRef);
  const stepKind = useCallback((kind: StepKind) => call((api) => api.step(kind)), [call]);
  const slowMotion = useSlowMotion({ step: stepKind, dSteps: applied.dSteps, onError: reportError });
  const actions = useTrainingActions(session, { initialSpeed: DEFAULT_SPEED, onError: reportError, beforeAction: slowMotion.stop });
  const hash = useUrlSettings(applied, layers, presetId);

  /** A new run from the seed with these settings (a preset, your own points): what the lab starts with. */
  const startAfresh = (setup: AdversarialSetup) => editor.apply(setup, ADVERSARIAL_STARTS[0]);

  const step = (kind: StepKind) => {
    slowMotion.stop();
    actions.attempt('The step', () => stepKind(kind));
  };

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
    if (await startAfresh({ settings: { ...cloneSettings(editor.draft.settings), dataset: 'custom' }, customPoints: points })) {
      pushNotice('success', `Loaded ${(points.length / 2).toLocaleString('en-US')} points from "${file.name}". Press Play to train on them.`);
    }
  };

  const fallbackBounds = useMemo(
    () => makeDistribution(applied, editor.applied.customPoints ?? undefined).bounds,
    [applied, editor.applied.customPoints],
  );
  const frame = session.frame;
  const modeCount = frame && frame.modeCenters.length > 0 ? frame.modeCenters.length / 2 : null;
  const latest = session.metrics.length > 0 ? session.metrics[session.metrics.length - 1] : null;
  const preset = presetId ? findPreset(presetId) : undefined;
  const disabled = !session.ready;
  const status = session.status;

  return (
    <div className="lab">
      <LabHeader title="Adversarial lab" labId="adversarial" tour={ADVERSARIAL_TOUR} notices={notices} startProblem={session.startProblem}>
        A <strong>generator</strong> turns random noise into points; a <strong>discriminator</strong> tries to tell them apart from the
        real data. Each learns from the other. Press Play and watch the fakes chase the real points.
      </LabHeader>
      <div className="lab-layout">
        <aside className="lab-sidebar" aria-label="Settings">
          <ControlsPanel
            settings={editor.draft.settings}
            onEdit={(next) => editor.edit({ ...editor.draft, settings: next })}
            running={running}
            fromFile={editor.start.request.kind === 'file'}
            preset={{
              presetId,
              modified: preset !== undefined && !sameSettings(applied, preset.settings),
              onLoad: (id) => {
                slowMotion.stop();
                setDrawing(false);
                const chosen = findPreset(id);
                if (!chosen) {
                  reportError(`There is no preset called "${id}".`);
                  return;
                }
                void startAfresh({ settings: cloneSettings(chosen.settings), customPoints: editor.draft.customPoints }).then((accepted) => {
                  if (accepted) setPresetId(id);
                });
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
                void startAfresh({ settings: { ...cloneSettings(editor.draft.settings), dataset: 'custom' }, customPoints: ownPoints });
              },
              onImportCsv: (file) => void importCsv(file),
            }}
            backend={{
              choice: backendChoice,
              info: session.info,
              onChoose: (choice) => {
                setBackendChoice(choice);
                actions.attempt('Switching the backend', () => session.setBackend(choice));
              },
            }}
            files={{
              frame,
              metrics: session.metrics,
              plotRef,
              model: sessionFiles(session, async (name, bytes) => {
                const loaded = await editor.loadFile(name, bytes);
                slowMotion.stop();
                setPresetId(null);
                if (loaded.customPoints) setOwnPoints(loaded.customPoints);
              }, { fileStem: 'deepfake-lab-trained-model', format: 'json', onNotice: pushNotice }),
              link: `${window.location.origin}${window.location.pathname}${hash}`,
              ownPoints: applied.dataset === 'custom',
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
              onPlayPause={actions.playPause}
              onStep={step}
              onReset={() => {
                slowMotion.stop();
                void editor.reset();
              }}
              onSlowMotion={(on) => {
                if (!on) return slowMotion.stop();
                if (running) actions.attempt('Pausing', session.pause);
                slowMotion.start();
              }}
            />
            <div className="toolbar-row">
              <SpeedControl speed={actions.speed} onSpeed={actions.chooseSpeed} />
              <StatusReadouts frame={frame} latest={latest} modeCount={modeCount} info={session.info} averaging={averagesGenerator(applied)} />
            </div>
          </div>
          <TrainingBanners status={status} workerError={session.workerError} editor={editor} onRestart={session.restart}
            onRestore={actions.restore} onReset={() => void editor.reset()} />
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
            criticScores={applied.loss === 'wganGp' || applied.loss === 'hinge'}
            averaging={averagesGenerator(applied)}
            topInset={toolbarHeight}
          />
          <OverviewPanel settings={applied} activeStage={slowMotion.current?.stage ?? null} selected={selectedPart} onSelect={setSelectedPart} />
          <MetricsPanel metrics={session.metrics} loss={applied.loss} modeCount={modeCount} />
        </div>
      </div>
    </div>
  );
}
