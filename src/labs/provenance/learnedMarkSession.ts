/**
 * The provenance lab's learned watermark on the shared session hook: its worker and its types.
 * It always trains from fresh weights and keeps no model file.
 */
import type { LearnedMarkFrame, LearnedMarkMetric, LearnedMarkSettings, LearnedMarkWorkerApi } from '../../protocol/provenance/learnedMarkProtocol';
import type { WorkerInfo } from '../../protocol/shared/sessionProtocol';
import type { LabSession, PageSessionTypes } from '../shared/useTrainingSession';

export interface LearnedMarkPageTypes extends PageSessionTypes {
  api: LearnedMarkWorkerApi;
  settings: LearnedMarkSettings;
  frame: LearnedMarkFrame;
  info: WorkerInfo;
  startInfo: null;
  metric: LearnedMarkMetric;
  snapshot: never;
}

export const LEARNED_MARK_SESSION: LabSession<LearnedMarkPageTypes> = {
  createWorker: () => new Worker(new URL('../../worker/provenance/learnedMarkWorker.ts', import.meta.url), { type: 'module' }),
  startingStatus: { kind: 'idle' },
};
