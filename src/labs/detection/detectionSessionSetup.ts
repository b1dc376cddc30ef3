/**
 * The detection lab's side of the shared session hook: its worker and its types. A detector
 * always starts from fresh weights; the lab keeps no model files and no timeline.
 */
import type { DetectionFrame, DetectionMetric, DetectionSettings, DetectionWorkerApi, DetectionWorkerInfo } from '../../protocol/detection/detectionProtocol';
import { scratchChoice, type StartChoice } from '../shared/startChoices';
import type { LabSession, PageSessionTypes } from '../shared/useTrainingSession';

export interface DetectionPageTypes extends PageSessionTypes {
  api: DetectionWorkerApi;
  settings: DetectionSettings;
  frame: DetectionFrame;
  info: DetectionWorkerInfo;
  startInfo: null;
  metric: DetectionMetric;
  snapshot: never;
}

export const DETECTION_SESSION: LabSession<DetectionPageTypes> = {
  createWorker: () => new Worker(new URL('../../worker/detection/detectionWorker.ts', import.meta.url), { type: 'module' }),
  startingStatus: { kind: 'idle' },
};

export const DETECTION_STARTS: readonly StartChoice<DetectionSettings>[] = [
  scratchChoice('The detector starts knowing nothing (every picture scores ½) and learns from the training pictures.'),
];
