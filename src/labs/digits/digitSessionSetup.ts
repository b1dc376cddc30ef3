/**
 * The digit forger's side of the shared session hook: its worker, its types, the grid
 * snapshots its timeline keeps, and the stored timeline a pretrained model or file brings.
 */
import type { DigitGanSettings } from '../../core/mnist/digitGanSettings';
import type {
  DigitFrame, DigitMetricPoint, DigitWorkerApi, DigitWorkerInfo, PretrainedStart,
} from '../../protocol/digits/digitProtocol';
import type { GridSnapshot } from '../shared/timeline';
import type { LabSession, PageSessionTypes } from '../shared/useTrainingSession';

export interface DigitPageTypes extends PageSessionTypes {
  api: DigitWorkerApi;
  settings: DigitGanSettings;
  frame: DigitFrame;
  info: DigitWorkerInfo;
  startInfo: PretrainedStart;
  metric: DigitMetricPoint;
  snapshot: GridSnapshot;
}

export const LOADING_MESSAGE = 'Loading the digits and the classifier…';

export const DIGIT_SESSION: LabSession<DigitPageTypes> = {
  createWorker: () => new Worker(new URL('../../worker/digits/digitWorker.ts', import.meta.url), { type: 'module' }),
  startingStatus: { kind: 'loading', message: LOADING_MESSAGE },
  snapshotOf: (f) => ({ step: f.steps, grid: f.grid, gridCount: f.gridCount, verdicts: f.gridVerdicts, labels: f.gridLabels }),
  // A pretrained model brings the timeline of its own training, from static to digits.
  historyOf: (start) => ({
    timeline: start.timeline.map(({ step, grid, gridCount, verdicts, labels }) => ({ step, grid, gridCount, verdicts, labels })),
    metrics: [],
  }),
};
