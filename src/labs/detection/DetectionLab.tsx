/**
 * The detection lab: the other side of the duel. Real pictures and fakes from one of the app's
 * shipped forgers (GANs or the diffusion model against real digits, the face swap against real
 * toy faces); a detector (logistic regression on the
 * frequency spectrum, or a small CNN on the pixels) trained live in a worker to tell them apart.
 * The page shows the forger's frequency fingerprint, the training curves, the threshold with its
 * confusion matrix and ROC curve, and how the detector fares against the other forgers, alone or
 * as a whole table.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import {
  OWN_FORGER, generatorIds, generatorPhrase, type ArmsRaceSettings, type DetectionSpectra, type GeneralisationResult, type GeneralisationRow, type GeneratorId, type OwnForgerSummary,
} from '../../protocol/detection/detectionProtocol';
import type { LabPageProps } from '../shared/labPage';
import { LabHeader } from '../shared/LabHeader';
import { ChartBlock, MetricsPanelFrame } from '../shared/MetricsPanelFrame';
import { LoadingBanner, TrainingBanners } from '../shared/SessionBanners';
import { DASH, SessionReadouts } from '../shared/SessionReadouts';
import { SCRATCH_REQUEST } from '../shared/startChoices';
import { TrainingToolbar } from '../shared/TrainingToolbar';
import { linkFor, useLinkHash } from '../shared/useLinkHash';
import { useNotices } from '../shared/useNotices';
import { usePrefersReducedMotion } from '../shared/usePrefersReducedMotion';
import { useSettingsEditor } from '../shared/useSettingsEditor';
import { useTrainingActions } from '../shared/useTrainingActions';
import { useTrainingSession } from '../shared/useTrainingSession';
import { messageOf } from '../shared/messageOf';
import { GAN_COLORS, DISTANCE_COLORS } from '../shared/palettes';
import { DetectionControls } from './DetectionControls';
import { GeneralisationMatrix } from './GeneralisationMatrix';
import { GeneralisationPanel } from './GeneralisationPanel';
import { OwnForgerPanel } from './OwnForgerPanel';
import { ArmsRacePanel } from './ArmsRacePanel';
import { ClosingPanel } from './ClosingPanel';
import { LaunderingPanel } from './LaunderingPanel';
import { QuizPanel } from './QuizPanel';
import { SaliencyPanel } from './SaliencyPanel';
import { SpectraPanel } from './SpectraPanel';
import { ThresholdPanel } from './ThresholdPanel';
import { ToyVideoPanel } from './ToyVideoPanel';
import { DETECTION_EDITOR_RULES } from './detectionSettingsEdits';
import { DETECTION_LAB_PATH, detectionLinkHash, detectionLinkLeftOut, readDetectionLink } from './detectionLink';
import { DETECTION_SESSION, DETECTION_STARTS } from './detectionSessionSetup';
import { DETECTION_TOUR } from './detectionTour';
import './detection.css';

const STARTUP_SPEED = 5;
const percent = (v: number) => `${(100 * v).toFixed(1)}%`;

/** What the spectrum detector reaches on each forger's fakes (measured: `npm run bench`). */
const SPECTRUM_EXPECTATION: Record<Exclude<GeneratorId, typeof OWN_FORGER>, string> = {
  dcgan: 'faint, so expect about two in three',
  'dcgan-transposed': 'faint, so expect about two in three',
  'dcgan-conditional': 'clear, so expect about three in four',
  mlp: 'strong, so expect over 90%',
  diffusion: 'clear, so expect about four in five',
  'face-swap': 'strong (the swaps lose the finest detail), so expect nearly 100%',
};

export function DetectionLab({ query }: LabPageProps) {
  const [initial] = useState(() => readDetectionLink(query));
  const notices = useNotices(initial.notices.map((text) => ({ kind: 'warning' as const, text })));
  const { push: pushNotice, reportError } = notices;
  // The learner's own forger: read by the worker; its file is kept here and given to every new worker
  // (a Restart's too) before it builds its set, which may be drawn from it.
  const ownFile = useRef<{ name: string; bytes: Uint8Array } | null>(null);
  const giveOwnForger = useCallback(async (api: { loadOwnForger(name: string, bytes: Uint8Array): Promise<unknown> }) => {
    const file = ownFile.current;
    if (file) await api.loadOwnForger(file.name, file.bytes);
  }, []);
  const session = useTrainingSession(DETECTION_SESSION, { settings: initial.settings, start: SCRATCH_REQUEST, speed: STARTUP_SPEED, backend: 'auto' }, { beforeConfigure: giveOwnForger });
  const { status, frame, info, ready, call } = session;
  const actions = useTrainingActions(session, { initialSpeed: STARTUP_SPEED, onError: reportError });
  const untrained = !actions.running && (frame?.steps ?? 0) === 0;
  const editor = useSettingsEditor({
    applied: session.config, choices: DETECTION_STARTS, rules: DETECTION_EDITOR_RULES, configure: session.configure, applyAtOnce: untrained, onError: reportError,
  });
  const applied = editor.applied;
  const reducedMotion = usePrefersReducedMotion();
  const hash = useLinkHash(DETECTION_LAB_PATH, detectionLinkHash(applied));

  // The spectra come in the first frame of each set; should that frame be missed, ask for them.
  const [spectra, setSpectra] = useState<DetectionSpectra | null>(null);
  const setId = frame?.setId ?? null;
  const frameSpectra = frame?.spectra ?? null;
  if (frameSpectra && frameSpectra !== spectra) setSpectra(frameSpectra);
  useEffect(() => {
    if (frameSpectra || setId === null || spectra?.setId === setId) return;
    let current = true;
    call((api) => api.spectra()).then(
      (answer) => { if (current) setSpectra(answer); },
      (error) => { if (current) reportError(`The spectra could not be fetched: ${messageOf(error)}`); },
    );
    return () => { current = false; };
  }, [frameSpectra, setId, spectra?.setId, call, reportError]);

  const [threshold, setThreshold] = useState(0.5);

  const [own, setOwn] = useState<OwnForgerSummary | null>(null);
  const { draft, edit, reset } = editor;
  const loadOwn = useCallback(async (name: string, bytes: Uint8Array) => {
    const summary = await call((api) => api.loadOwnForger(name, bytes));
    ownFile.current = { name, bytes };
    setOwn(summary);
    // Train on it next: at once while nothing is trained, else with "Apply & reset".
    if (draft.generator !== OWN_FORGER) edit({ ...draft, generator: OWN_FORGER });
    else if (applied.generator === OWN_FORGER && untrained) void reset();
    else if (applied.generator === OWN_FORGER) pushNotice('warning', `The detector still trains on fakes from the forger loaded before; press Reset to draw its pictures from "${summary.name}" (the table's own row already uses it).`);
    return summary;
  }, [call, draft, edit, reset, applied.generator, untrained, pushNotice]);

  // "Trained on X, tested on Y", for the set it was measured on.
  const [tested, setTested] = useState<{ setId: number; results: GeneralisationResult[] } | null>(null);
  const [testing, setTesting] = useState(false);
  const testAll = useCallback(async () => {
    if (setId === null) return;
    setTesting(true);
    try {
      const results: GeneralisationResult[] = [];
      for (const id of generatorIds(own !== null)) results.push(await call((api) => api.judgeGenerator(id)));
      setTested({ setId, results });
    } catch (error) {
      reportError(`The test on the other forgers failed: ${messageOf(error)}`);
    } finally {
      setTesting(false);
    }
  }, [call, setId, reportError, own]);
  const results = tested && tested.setId === setId ? tested.results : [];

  // The whole table: a fresh detector per forger, row by row, so the page shows each as it comes.
  const [matrixRows, setMatrixRows] = useState<GeneralisationRow[]>([]);
  const [matrixRunning, setMatrixRunning] = useState<GeneratorId | null>(null);
  const fillMatrix = useCallback(async () => {
    const rows: GeneralisationRow[] = [];
    setMatrixRows(rows);
    try {
      for (const id of generatorIds(own !== null)) {
        setMatrixRunning(id);
        rows.push(await call((api) => api.generalisationRow(id)));
        setMatrixRows([...rows]);
      }
    } catch (error) {
      reportError(`The whole table could not be filled: ${messageOf(error)}`);
    } finally {
      setMatrixRunning(null);
    }
  }, [call, own, reportError]);

  const forger = generatorPhrase(applied.generator, own);
  const dealQuiz = useCallback((generator: GeneratorId, seed: number) => call((api) => api.quizItems(generator, seed)), [call]);
  const heldOutPictures = useCallback((count: number) => call((api) => api.heldOutPictures(count)), [call]);
  const scorePictures = useCallback((images: Float32Array) => call((api) => api.scorePictures(images)), [call]);
  const saliencyOf = useCallback((label: number, position: number) => call((api) => api.saliency(label, position)), [call]);
  const startRace = useCallback((s: ArmsRaceSettings) => call((api) => api.armsRaceStart(s)), [call]);
  const nextRace = useCallback(() => call((api) => api.armsRaceNext()), [call]);
  const loadToyVideo = useCallback((seed: number) => call((api) => api.toyVideo(seed)), [call]);

  return (
    <div className="lab detection-lab">
      <LabHeader title="Detection lab" labId="detection" tour={DETECTION_TOUR} notices={notices} startProblem={session.startProblem}>
        The other side of the duel: train a <strong>detector</strong> to tell real handwritten digits from the fakes of the GANs and the diffusion model this app ships, and real toy faces from the face-swap lab&rsquo;s swaps.
        The forgers leave <strong>fingerprints in the frequencies</strong> of their pictures; see them, catch them, and find out whether a
        detector trained on one forger catches another.
      </LabHeader>
      <div className="lab-layout">
        <aside className="lab-sidebar lab-controls" aria-label="Settings">
          <DetectionControls settings={editor.draft} onEdit={editor.edit} untrained={untrained} realAvailable={info?.realAvailable ?? null}
            own={own} ownForger={<OwnForgerPanel own={own} chosen={editor.draft.generator === OWN_FORGER} load={loadOwn} disabled={!ready} onNotice={pushNotice} />}
            share={{
              link: linkFor(hash),
              help: 'The address bar always holds the forger, the detector and the training settings, so the link replays this run.',
              leftOut: detectionLinkLeftOut(applied),
              onNotice: pushNotice,
            }} />
        </aside>
        <div className="lab-main lab-views">
          <TrainingToolbar idPrefix="detection" running={status.kind === 'running'} disabled={!ready} diverged={status.kind === 'diverged'}
            speed={actions.speed} onPlayPause={actions.playPause} onStep={actions.step} onReset={() => void editor.reset()} onSpeed={actions.chooseSpeed}
            help={<><strong>Step</strong>: one update of the detector on a batch of training pictures. <strong>Reset</strong>: a fresh detector on the same pictures.{' '}
              <strong>Speed</strong>: slow down to watch the scores move.</>}
            readouts={(
              <SessionReadouts frame={frame} info={info} stepsLabel="Steps" stepsHelp="Training steps so far (one step = one batch of real and fake pictures)">
                <div className="readout" title="Share of the held-out pictures judged right at the threshold ½">
                  <dt>Held-out accuracy</dt>
                  <dd data-testid="accuracy">{frame ? percent(frame.accuracy) : DASH}</dd>
                </div>
              </SessionReadouts>
            )}>
            <TrainingBanners status={status} workerError={session.workerError} editor={editor} onRestart={session.restart}
              onRestore={actions.restore} onReset={() => void editor.reset()} />
          </TrainingToolbar>
          {status.kind === 'loading' ? <LoadingBanner message={status.message} /> : null}
          <SpectraPanel spectra={spectra && spectra.setId === setId ? spectra : null} />
          <MetricsPanelFrame headingId="detection-curves-heading"
            intro={`The detector learns from 70% of the pictures; the other 30%, which it never trains on, say how well it really does against the ${forger}.`}>
            <ChartBlock id="detection-loss" title="Loss" points={session.metrics} stepLabel="training steps" yLabel="cross-entropy"
              series={[
                { field: 'loss', label: 'training batches', color: GAN_COLORS.d },
                { field: 'heldOutLoss', label: 'held-out pictures', color: GAN_COLORS.g },
              ]}
              referenceLines={[{ value: Math.LN2, label: 'guessing (ln 2)' }]}
              shows="How wrong the detector's probabilities are, on the batches it learns from and on the held-out pictures."
              watch="The held-out loss rising while the training loss falls: the detector is memorising its pictures instead of learning the fingerprint." />
            <ChartBlock id="detection-accuracy" title="Held-out accuracy" points={session.metrics} stepLabel="training steps" yLabel="share right"
              yDomain={[0.4, 1]} referenceLines={[{ value: 0.5, label: 'chance' }]}
              series={[
                { field: 'accuracy', label: 'accuracy at ½', color: GAN_COLORS.real },
                { field: 'auc', label: 'AUC', color: DISTANCE_COLORS.kl },
              ]}
              shows="The share of held-out pictures called right at the threshold ½, and the area under the ROC curve."
              watch={applied.generator === OWN_FORGER
                ? 'How high it levels off: well above chance means your forger leaves a fingerprint the detector can learn.'
                : `How high it levels off: the ${forger}'s fingerprint is ${SPECTRUM_EXPECTATION[applied.generator]} with the spectrum detector.`} />
          </MetricsPanelFrame>
          <ThresholdPanel scores={frame?.heldOutScores ?? null} labels={frame?.heldOutLabels ?? null} threshold={threshold} onThreshold={setThreshold} reducedMotion={reducedMotion} />
          <GeneralisationPanel trainedOn={applied.generator} own={own} results={results} steps={frame?.steps ?? 0} busy={testing} disabled={!ready || matrixRunning !== null}
            onTest={() => void testAll()}
            matrix={<GeneralisationMatrix generators={generatorIds(own !== null)} own={own} detector={applied.detector} rows={matrixRows} running={matrixRunning}
              disabled={!ready || testing} onRun={() => void fillMatrix()} />} />
          <SaliencyPanel saliency={saliencyOf} generator={applied.generator} steps={frame?.steps ?? 0} setId={setId ?? 0} disabled={!ready || setId === null} />
          <QuizPanel deal={dealQuiz} own={own} disabled={!ready} onError={reportError} />
          <LaunderingPanel detector={applied.detector} generator={applied.generator} generatorName={forger} steps={frame?.steps ?? 0} disabled={!ready}
            heldOut={heldOutPictures} score={scorePictures} onError={reportError} />
          <ArmsRacePanel disabled={!ready} start={startRace} next={nextRace} onError={reportError} />
          <ToyVideoPanel load={loadToyVideo} disabled={!ready} reducedMotion={reducedMotion} />
          <ClosingPanel />
        </div>
      </div>
    </div>
  );
}
