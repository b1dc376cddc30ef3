/**
 * The diffusion lab's side of the shared session hook: its worker and its types. The lab keeps
 * no timeline of snapshots and ships no pretrained models; a start is from the seed or from a
 * model file the learner loaded.
 */
import type { DiffusionSettings } from '../../core/diffusion/diffusionSettings';
import type { DiffusionFrame, DiffusionMetricPoint, DiffusionWorkerApi } from '../../protocol/diffusion/diffusionProtocol';
import type { WorkerInfo } from '../../protocol/shared/sessionProtocol';
import { scratchChoice, type StartChoice } from '../shared/startChoices';
import type { LabSession, PageSessionTypes } from '../shared/useTrainingSession';

export interface DiffusionPageTypes extends PageSessionTypes {
  api: DiffusionWorkerApi;
  settings: DiffusionSettings;
  frame: DiffusionFrame;
  info: WorkerInfo;
  startInfo: null;
  metric: DiffusionMetricPoint;
  snapshot: never;
}

export const DIFFUSION_SESSION: LabSession<DiffusionPageTypes> = {
  createWorker: () => new Worker(new URL('../../worker/diffusion/diffusionWorker.ts', import.meta.url), { type: 'module' }),
  startingStatus: { kind: 'idle' },
};

/** The lab's one listed start; a loaded model file joins it (useSettingsEditor.ts). */
export const DIFFUSION_STARTS: readonly StartChoice<DiffusionSettings>[] = [
  scratchChoice('The denoiser starts from random weights chosen by the seed, so its first samples are still noise.'),
];
