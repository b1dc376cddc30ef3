/**
 * The face-swap lab's side of the shared session hook: its worker, its types, the preview
 * snapshots its timeline keeps, and the timeline and curves a pretrained model or file brings,
 * from step 0 to where it stopped.
 */
import type { FaceSwapSettings } from '../../core/autoencoder/faceSwapSettings';
import type {
  FaceSwapFrame, FaceSwapWorkerApi, FaceSwapWorkerInfo, PretrainedSwapStart, SwapMetricPoint, SwapSnapshot,
} from '../../protocol/faceswap/faceSwapProtocol';
import type { LabSession, PageSessionTypes } from '../shared/useTrainingSession';
import { metricsOfTimeline } from './swapMetrics';

export interface FaceSwapPageTypes extends PageSessionTypes {
  api: FaceSwapWorkerApi;
  settings: FaceSwapSettings;
  frame: FaceSwapFrame;
  info: FaceSwapWorkerInfo;
  startInfo: PretrainedSwapStart;
  metric: SwapMetricPoint;
  snapshot: SwapSnapshot;
}

export const LOADING_MESSAGE = 'Starting the training worker and loading the model…';
/** About 18 MB of colour previews: a long run still scrubs smoothly. */
export const MAX_SWAP_SNAPSHOTS = 40;

/** A frame as a timeline snapshot; between scored frames the losses of the previous one stand. */
function snapshotOf(frame: FaceSwapFrame, previous: SwapSnapshot | undefined): SwapSnapshot {
  const point = frame.newMetrics.at(-1);
  return {
    step: frame.steps,
    lossA: point?.lossA ?? previous?.lossA ?? NaN,
    lossB: point?.lossB ?? previous?.lossB ?? NaN,
    preview: frame.preview,
    scores: point?.scores ?? null,
  };
}

export const FACE_SWAP_SESSION: LabSession<FaceSwapPageTypes> = {
  createWorker: () => new Worker(new URL('../../worker/faceswap/faceSwapWorker.ts', import.meta.url), { type: 'module' }),
  startingStatus: { kind: 'loading', message: LOADING_MESSAGE },
  snapshotOf,
  maxSnapshots: MAX_SWAP_SNAPSHOTS,
  historyOf: (start) => ({ timeline: start.timeline.slice(), metrics: metricsOfTimeline(start.timeline) }),
};
