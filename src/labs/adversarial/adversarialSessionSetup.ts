/**
 * The adversarial lab's side of the shared session hook: its worker and its types. The lab
 * keeps no timeline of snapshots and ships no pretrained models; a start is from the seed or
 * from a model file the learner loaded.
 */
import type { AdversarialSetup, AdversarialWorkerApi, GanFrame, MetricPoint, WorkerInfo } from '../../protocol/adversarial/adversarialProtocol';
import { scratchChoice, type StartChoice } from '../shared/startChoices';
import type { LabSession, PageSessionTypes } from '../shared/useTrainingSession';

export interface AdversarialPageTypes extends PageSessionTypes {
  api: AdversarialWorkerApi;
  settings: AdversarialSetup;
  frame: GanFrame;
  info: WorkerInfo;
  startInfo: null;
  metric: MetricPoint;
  snapshot: never;
}

export const ADVERSARIAL_SESSION: LabSession<AdversarialPageTypes> = {
  createWorker: () => new Worker(new URL('../../worker/adversarial/adversarialWorker.ts', import.meta.url), { type: 'module' }),
  startingStatus: { kind: 'idle' },
};

/** The lab's one listed start; a loaded model file joins it (useSettingsEditor.ts). */
export const ADVERSARIAL_STARTS: readonly StartChoice<AdversarialSetup>[] = [
  scratchChoice('Both networks start from random weights chosen by the seed.'),
];
