/**
 * The voice lab's side of the shared session hook: its worker, its types, the preview snapshots
 * its timeline keeps, and the timeline and curves a pretrained model brings from step 0.
 */
import type { VoiceConversionSettings } from '../../core/voice/voiceConversionSettings';
import type { WorkerInfo } from '../../protocol/shared/sessionProtocol';
import type { VoiceFrame, VoiceMetricPoint, VoiceSnapshot, VoiceStartInfo, VoiceWorkerApi } from '../../protocol/voice/voiceProtocol';
import type { LabSession, PageSessionTypes } from '../shared/useTrainingSession';

export interface VoicePageTypes extends PageSessionTypes {
  api: VoiceWorkerApi;
  settings: VoiceConversionSettings;
  frame: VoiceFrame;
  info: WorkerInfo;
  startInfo: VoiceStartInfo;
  metric: VoiceMetricPoint;
  snapshot: VoiceSnapshot;
}

/** About 13 MB of spectrogram pairs: a long run still scrubs smoothly. */
export const MAX_VOICE_SNAPSHOTS = 50;

function snapshotOf(frame: VoiceFrame, previous: VoiceSnapshot | undefined): VoiceSnapshot {
  const point = frame.newMetrics.at(-1);
  return {
    step: frame.steps,
    lossA: point?.lossA ?? previous?.lossA ?? NaN,
    lossB: point?.lossB ?? previous?.lossB ?? NaN,
    rebuilt: frame.preview.rebuiltA,
    converted: frame.preview.convertedAB,
  };
}

export const VOICE_SESSION: LabSession<VoicePageTypes> = {
  createWorker: () => new Worker(new URL('../../worker/voice/voiceWorker.ts', import.meta.url), { type: 'module' }),
  startingStatus: { kind: 'loading', message: 'Starting the training worker, synthesising the voices and loading the model…' },
  snapshotOf,
  maxSnapshots: MAX_VOICE_SNAPSHOTS,
  historyOf: (start) => ({
    timeline: start.timeline.slice(),
    metrics: start.timeline.filter((s) => s.step > 0).map((s) => ({ step: s.step, lossA: s.lossA, lossB: s.lossB })),
  }),
};
