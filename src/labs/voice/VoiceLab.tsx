/**
 * The voice lab: the face-swap trick on sound. Two invented voices (no real voice is ever used)
 * share one encoder, each with its own decoder, trained live in a worker on spectrogram slices;
 * the clone is one voice's codes read by the other's decoder. Settings on the left; on the right
 * the toolbar, the four spectrograms with Play buttons and the timeline, the puppet, the curves,
 * the separate-encoders ablation and what it all means for real voice clones.
 */
import { useCallback, useMemo, useState } from 'react';
import { voiceOrThrow } from '../../core/voice/toyVoices';
import type { VoiceConversionSettings } from '../../core/voice/voiceConversionSettings';
import type { PuppetVoice } from '../../core/voice/voicePreview';
import type { PreviewPicture } from '../../protocol/voice/voiceProtocol';
import type { LabPageProps } from '../shared/labPage';
import { LabHeader } from '../shared/LabHeader';
import { ImageLabControls } from '../shared/ImageLabControls';
import { sessionFiles } from '../shared/ModelFilePanel';
import { LoadingBanner, TrainingBanners } from '../shared/SessionBanners';
import { DASH, SessionReadouts } from '../shared/SessionReadouts';
import { TrainingToolbar } from '../shared/TrainingToolbar';
import { messageOf } from '../shared/messageOf';
import { linkFor, useLinkHash } from '../shared/useLinkHash';
import { useNotices } from '../shared/useNotices';
import { draftControls, useSettingsEditor } from '../shared/useSettingsEditor';
import { useTrainingActions } from '../shared/useTrainingActions';
import { useTrainingSession } from '../shared/useTrainingSession';
import type { CloneDetectorRequest, SecurityProgress, VoiceLockRequest } from '../../protocol/voice/voiceSecurityProtocol';
import { CloneDetectorPanel } from './CloneDetectorPanel';
import { ListenQuizPanel } from './ListenQuizPanel';
import { VoiceConsentPanel } from './VoiceConsentPanel';
import { VoiceLockPanel } from './VoiceLockPanel';
import { VoiceEncodersPanel } from './VoiceEncodersPanel';
import { VoiceMetricsPanel } from './VoiceMetricsPanel';
import { VoicePreviewPanel, type VoiceNames } from './VoicePreviewPanel';
import { VoicePuppetPanel } from './VoicePuppetPanel';
import { VOICE_SECTIONS } from './VoiceSettingsFields';
import { VOICE_EDITOR_RULES } from './voiceSettingsEdits';
import { VOICE_LAB_PATH, readVoiceLink, voiceLinkHash, voiceLinkLeftOut } from './voiceLink';
import { VOICE_SESSION } from './voiceSessionSetup';
import { VOICE_SCRATCH_START, VOICE_START_CHOICES } from './voiceStarts';
import { VOICE_TOUR } from './voiceTour';
import { useVoicePlayer } from './useVoicePlayer';
import './voice.css';

const STARTUP_SPEED = 'max';

export function voiceNames(s: VoiceConversionSettings): VoiceNames {
  return { a: voiceOrThrow(s.voiceA).name, b: voiceOrThrow(s.voiceB).name };
}

const pct = (x: number) => `${Math.round(100 * x)}%`;

export function VoiceLab({ query }: LabPageProps) {
  const [initial] = useState(() => readVoiceLink(query));
  const notices = useNotices(initial.notices.map((text) => ({ kind: 'warning' as const, text })));
  const { push: pushNotice, reportError, reportFailure } = notices;
  const session = useTrainingSession(VOICE_SESSION, { settings: initial.settings, start: initial.start.request, speed: STARTUP_SPEED, backend: 'auto' });
  const { status, frame, info, ready, call } = session;
  const actions = useTrainingActions(session, { initialSpeed: STARTUP_SPEED, onError: reportError });
  const untrained = !actions.running && (frame?.steps ?? 0) === 0;
  const editor = useSettingsEditor({
    applied: session.config, choices: VOICE_START_CHOICES, rules: VOICE_EDITOR_RULES, configure: session.configure, applyAtOnce: untrained, onError: reportError,
  });
  const applied = editor.applied;
  const hash = useLinkHash(VOICE_LAB_PATH, voiceLinkHash(applied, editor.start));
  const names = useMemo(() => voiceNames(applied), [applied]);
  const player = useVoicePlayer();
  const onError = useCallback((e: unknown) => reportError(messageOf(e)), [reportError]);

  // Page state (not a training setting): it outlives a worker restart and is sent with each Play of the clone.
  const [keepMelody, setKeepMelody] = useState(true);
  const soundOf = useCallback((which: PreviewPicture, logMagnitude: Float32Array, length: number) => {
    if (which === 'realA' || which === 'realB') return call((api) => api.realSound(which));
    if (which === 'convertedAB') return call((api) => api.convertedSound(logMagnitude, length, keepMelody));
    return call((api) => api.resynthesise(logMagnitude, length));
  }, [call, keepMelody]);
  const puppet = useCallback((voice: PuppetVoice) => call((api) => api.puppet(voice)), [call]);
  // The security panels' long calls: progress comes back through a comlink proxy (made by useSecurityJob).
  const trainLock = useCallback((request: VoiceLockRequest, progress: (p: SecurityProgress) => void) => call((api) => api.trainVoiceLock(request, progress)), [call]);
  const trainDetector = useCallback((request: CloneDetectorRequest, progress: (p: SecurityProgress) => void) => call((api) => api.trainCloneDetector(request, progress)), [call]);
  const dealQuiz = useCallback((seed: number, progress: (p: SecurityProgress) => void) => call((api) => api.dealQuiz(seed, progress)), [call]);

  // The puppet asks again every few frames while training (its conversion changes with the weights).
  const puppetVersion = `${session.run}|${Math.floor((frame?.sequence ?? 0) / 8)}`;
  const switchEncoder = (encoder: 'shared' | 'separate') => {
    const shipped = VOICE_START_CHOICES.find((c) => c.settings && c.settings.encoder === encoder && c.settings.voiceA === applied.voiceA && c.settings.voiceB === applied.voiceB);
    void editor.apply(shipped?.settings ? { ...shipped.settings, seed: applied.seed } : { ...applied, encoder }, shipped ?? VOICE_SCRATCH_START);
  };
  const otherShips = VOICE_START_CHOICES.some((c) => c.settings && c.settings.encoder !== applied.encoder && c.settings.voiceA === applied.voiceA && c.settings.voiceB === applied.voiceB);
  const latest = session.metrics.at(-1);
  const scores = session.startInfo?.scores ?? null;

  return (
    <div className="lab voice-lab" data-start={editor.start.id}>
      <LabHeader title="Voice lab" labId="voice" tour={VOICE_TOUR} notices={notices} startProblem={session.startProblem}>
        The face-swap trick on sound: one <strong>shared encoder</strong> and a <strong>decoder</strong> per voice, trained on spectrograms of
        two invented voices. Each decoder only ever learns to rebuild its own voice, yet {names.a}'s codes read by {names.b}'s decoder
        give {names.a}'s words in {names.b}'s voice: a voice clone. No real voice is used: every voice here is synthesised.
      </LabHeader>
      <div className="lab-layout">
        <aside className="lab-sidebar lab-controls" aria-label="Settings">
          <ImageLabControls {...draftControls(editor)} untrained={untrained} sections={VOICE_SECTIONS}
            startIntro="Where training begins." startIdPrefix="voice-" startGroupName="voice-start"
            files={sessionFiles(session, editor.loadFile, {
              fileStem: 'deepfake-lab-voice', format: 'weights', onNotice: pushNotice,
              saveHelp: <>Downloads the weights, the settings and the step count as a <code>.weights</code> file, to load here again later.</>,
            })}
            share={{
              link: linkFor(hash),
              help: 'The address bar always holds the settings being trained and where training started, so the link replays this set-up.',
              leftOut: voiceLinkLeftOut(editor.start),
              onNotice: pushNotice,
            }} />
        </aside>
        <div className="lab-main lab-views">
          <TrainingToolbar idPrefix="voice" running={status.kind === 'running'} disabled={!ready} diverged={status.kind === 'diverged'}
            speed={actions.speed} onPlayPause={actions.playPause} onStep={actions.step} onReset={() => void editor.reset()} onSpeed={actions.chooseSpeed}
            help={<><strong>Step</strong>: one batch of each voice through its autoencoder. <strong>Reset</strong>: start again (the pretrained
              model, or fresh weights from the seed). <strong>Speed</strong>: slow down to watch the clone form.</>}
            readouts={(
              <SessionReadouts frame={frame} info={info} stepsLabel="Steps" stepsHelp="Training steps so far (one step = one batch of slices of each voice)">
                <div className="readout" title={`Reconstruction loss of ${names.a}'s and ${names.b}'s decoders at the latest measured step`}>
                  <dt>Loss {names.a} / {names.b}</dt>
                  <dd data-testid="loss">{latest ? `${latest.lossA.toFixed(3)} / ${latest.lossB.toFixed(3)}` : DASH}</dd>
                </div>
                <div className="readout" title={`${session.startInfo ? `Model ready: the time the worker took to have this model ready (fetch or read its file, decode it, build the networks, load the weights, synthesise the preview's real utterances). ` : ''}Convert: the time it took to rebuild and convert the preview utterance in the latest frame`}>
                  <dt>{session.startInfo ? 'Model ready · convert' : 'Convert'}</dt>
                  <dd>
                    {session.startInfo ? <><span data-testid="load-ms">{Math.round(session.startInfo.loadMs)} ms</span> · </> : null}
                    <span data-testid="convert-ms">{frame ? `${Math.round(frame.preview.convertMs)} ms` : DASH}</span>
                  </dd>
                </div>
                {scores ? (
                  <div className="readout" title={`Measured when this model was trained, on ${scores.utterances} held-out utterances: conversions the speaker judges call ${names.b}, and ${names.a}'s vowels the vowel judge still reads`}>
                    <dt>Judged</dt>
                    <dd data-testid="judged">{pct(scores.calledTarget)} {names.b}, {pct(scores.vowelsKept)} vowels</dd>
                  </div>
                ) : null}
              </SessionReadouts>
            )}>
            <TrainingBanners status={status} workerError={session.workerError} editor={editor} onRestart={session.restart}
              onRestore={actions.restore} onReset={() => void editor.reset()} />
          </TrainingToolbar>
          {status.kind === 'loading' ? <LoadingBanner message={status.message} /> : null}
          <VoicePreviewPanel preview={frame?.preview ?? null} timeline={session.timeline} names={names} encoder={applied.encoder}
            player={player} keepMelody={keepMelody} onKeepMelody={setKeepMelody} soundOf={soundOf} onError={onError} />
          <VoicePuppetPanel ready={ready} names={names} version={puppetVersion} puppet={puppet} player={player} onError={reportFailure} />
          <VoiceMetricsPanel metrics={session.metrics} names={names} />
          <VoiceLockPanel train={trainLock} disabled={!ready} player={player} />
          <CloneDetectorPanel train={trainDetector} disabled={!ready} />
          <ListenQuizPanel deal={dealQuiz} disabled={!ready} player={player} />
          <VoiceEncodersPanel encoder={applied.encoder} names={names} disabled={!ready} otherShips={otherShips} onSwitch={switchEncoder} />
          <VoiceConsentPanel />
        </div>
      </div>
    </div>
  );
}
