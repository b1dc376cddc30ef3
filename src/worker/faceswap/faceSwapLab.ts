/**
 * The face-swap lab in the worker: the generic session on the face-swap adapter, plus the
 * calls only this lab has (scores on demand, puppet mode, the code-space map). The worker
 * exposes it; Node tests drive it directly.
 */
import type { FaceFactors } from '../../core/toyfaces/faceFactors';
import { scoreSwaps } from '../../core/faceswap/swapJudges';
import type { SwapScoreSummary } from '../../core/faceswap/swapScoreSummary';
import type { CodeProjection, PuppetPictures } from '../../protocol/faceswap/faceSwapProtocol';
import type { SessionClock } from '../shared/sessionClock';
import { TrainingSession } from '../shared/trainingSession';
import { FULL_SCORE_COUNT, FaceSwapAdapter, type FaceSwapFiles, type FaceSwapTrainingSession } from './faceSwapAdapter';
import { codeProjection, digitPuppet, toyFacePuppet } from './faceSwapProbes';

export class FaceSwapLab {
  readonly session: FaceSwapTrainingSession;

  constructor(files: FaceSwapFiles, clock?: SessionClock) {
    this.session = new TrainingSession(new FaceSwapAdapter(files), clock);
  }

  /** Both directions' scores now, on more pictures than the live ones. */
  scoreNow(): SwapScoreSummary {
    const { trainer, dataset, judges } = this.session.requireModel();
    if (!judges) throw new Error('The judges that score swaps are not loaded for this dataset, so there are no scores.');
    return scoreSwaps(trainer, dataset, judges, FULL_SCORE_COUNT);
  }

  /**
   * Null when the model swaps digits: the page asks with the sliders of the dataset it shows, and
   * just after a switch (the new model's first frame arrives before the switch is answered) that
   * can still be the old one. Such a stale question needs no answer, and is no error.
   */
  puppet(factors: FaceFactors): PuppetPictures | null {
    const { trainer, dataset } = this.session.requireModel();
    return dataset.kind === 'toyFaces' ? toyFacePuppet(trainer, dataset, factors) : null;
  }

  /** Null when the model swaps toy faces (a stale question, as for puppet). */
  puppetDigit(index: number): PuppetPictures | null {
    const { trainer, dataset } = this.session.requireModel();
    return dataset.kind === 'digitStyles' ? digitPuppet(trainer, dataset, index) : null;
  }

  projectCodes(count: number): CodeProjection {
    const { trainer, dataset } = this.session.requireModel();
    return codeProjection(trainer, dataset, count);
  }
}
