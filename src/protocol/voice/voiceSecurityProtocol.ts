/**
 * What the voice lab's security panels ask the worker and get back: the voice lock (a speaker
 * verifier trained on a crowd of invented voices, then attacked with clones), the clone detector
 * and the listening quiz. Results are compact: score lists and curves as Float32Array, sound only
 * for the few clips the page can play.
 */

/** Progress of a long call: what it is doing, and how far along (0 to 1). */
export interface SecurityProgress {
  stage: string;
  fraction: number;
}

export interface VoiceLockRequest {
  /** Training steps of the speaker-embedding network (1 to 3,000). */
  steps: number;
  /** Invented speakers in the training crowd (4 to 80; 40 by default). */
  trainingSpeakers?: number;
}

export interface CloneDetectorRequest {
  /** Training steps of the detector (1 to 5,000). */
  steps: number;
}

/** A clip the page can play, with the lock's cosine score against the target's voiceprint. */
export interface ScoredClip {
  /** Who speaks (for a clone: "Juno as Orbo"). */
  label: string;
  score: number;
  /** Its sound at 16 kHz. */
  signal: Float32Array;
}

export interface VoiceLockResult {
  /** The lock's training: steps, seconds (crowd synthesis included), the last batch's loss and speaker accuracy. */
  steps: number;
  seconds: number;
  loss: number;
  speakerAccuracy: number;
  trainingSpeakers: number;
  /** Held-out speakers enrolled and tried (the four characters and invented ones the lock never heard). */
  heldOutSpeakers: number;
  /** The voice enrolled and attacked (the conversion's target), the voice converted into it, and the impostor shown. */
  target: string;
  source: string;
  impostor: string;
  /** Steps of the conversion model that made the clones. */
  conversionSteps: number;
  /** Threshold at the genuine/impostor equal-error point, and the rates there. */
  threshold: number;
  equalErrorRate: number;
  impostorAcceptance: number;
  genuineRejection: number;
  cloneAcceptance: number;
  impostorAuc: number;
  cloneAuc: number;
  /** Every trial's cosine score: owners, impostors, clones of the target. */
  genuine: Float32Array;
  impostorScores: Float32Array;
  clone: Float32Array;
  /** ROC curves as (false-positive rate, true-positive rate) pairs: genuine vs impostors, genuine vs clones. */
  impostorCurve: Float32Array;
  cloneCurve: Float32Array;
  /** The three clips the panel plays: the target's own voice, the impostor, the clone. */
  demo: { real: ScoredClip; impostor: ScoredClip; clone: ScoredClip };
}

export interface CloneDetectorResult {
  steps: number;
  seconds: number;
  /** Training clips, and held-out clips judged (real straight from the synthesiser, real through Griffin–Lim, clones). */
  trainClips: number;
  heldOutClips: number;
  /** On the held-out clips: accuracy at P(clone) ≥ ½, equal error rate, AUC. */
  accuracy: number;
  equalErrorRate: number;
  auc: number;
  /** Share of the detector's attention per frequency band (sums to 1), each band `bandHz` wide from 0 Hz. */
  bandSaliency: Float32Array;
  bandHz: number;
  /** Share per statistic (BAND_STATISTICS order). */
  statisticSaliency: Float32Array;
  /** The training loss every few steps: [step, loss] pairs. */
  loss: Float32Array;
  conversionSteps: number;
  /**
   * The same held-out clips played down a telephone line (300–3,400 Hz, 8-bit μ-law) and judged
   * by the same detector, trained on full-band clips: accuracy, equal error rate, and the share
   * of real clips called clones and of clones caught.
   */
  phoneLine: { accuracy: number; equalErrorRate: number; realCalledClone: number; clonesCaught: number };
}

/** One quiz clip: its sound, and (revealed after the answers) what it is and what the detector said. */
export interface QuizClipSound {
  signal: Float32Array;
  isClone: boolean;
  /** 'raw' (real, as synthesised), 'resynthesised' (real through Griffin–Lim) or 'clone'. */
  kind: string;
  /** The detector's P(clone). */
  detectorScore: number;
}

export interface VoiceQuiz {
  seed: number;
  clips: QuizClipSound[];
  sampleRate: number;
}

/** The calls the security panels add to the voice lab's worker. Each refuses bad input with the reason. */
export interface VoiceSecurityApi {
  trainVoiceLock(request: VoiceLockRequest, progress?: (p: SecurityProgress) => void): Promise<VoiceLockResult>;
  trainCloneDetector(request: CloneDetectorRequest, progress?: (p: SecurityProgress) => void): Promise<CloneDetectorResult>;
  /** Ten clips, half real, half cloned, from the seed; trains the detector first if it has not been. */
  dealQuiz(seed: number, progress?: (p: SecurityProgress) => void): Promise<VoiceQuiz>;
}
