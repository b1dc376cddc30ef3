/**
 * The voice lock: speaker verification with a small speaker-embedding network, as a bank's
 * "my voice is my password" line does (in miniature: the d-vector idea of Variani et al. 2014).
 *
 *   frame features   log-mel energies of `contextFrames` neighbouring frames, normalised per band
 *                    by the training crowd's mean and spread (never per speaker: that would wipe
 *                    out who is speaking)
 *   embedding net    dense (hidden) → dense (hidden) → embeddingSize, leaky ReLU, L2-normalised
 *   training         a cosine-softmax classifier over the crowd of training speakers (invented
 *                    voices, extraSpeakers.ts): logits = scale · (ê · ŵ_speaker) − margin on the
 *                    true speaker (additive margin, Wang et al. 2018); the classifier is thrown
 *                    away afterwards, so the lock works for speakers it never trained on
 *   utterance        the mean of its frames' embeddings (faded ends left out), L2-normalised
 *   enrolment        the mean of a few utterances' embeddings, L2-normalised: the voiceprint
 *   verification     cosine similarity of a new utterance to the voiceprint, accepted at or above
 *                    a threshold; the threshold at the equal-error point of genuine speakers
 *                    against impostors
 *
 * Then the attack: the target's voice cloned (another speaker's utterances converted by the voice
 * conversion model and made sound by Griffin–Lim) is scored against the target's voiceprint. The
 * lock was set to keep impostors out; clones that sound like the target get in far more often,
 * because the lock checks what a voice sounds like, which is exactly what a clone copies. A voice
 * is not a password.
 */
import * as tf from '../shared/tf';
import { SeededRandom } from '../shared/seededRandom';
import { createParams, disposeParams, type ParamSpec } from '../shared/namedParams';
import { SettingsProblems, throwIfProblems } from '../shared/settingsProblems';
import { acceptedShare, equalErrorRate, errorRateCurve, areaUnderRoc, type ErrorRatePoint } from '../shared/errorRates';
import { Stft, logMelEnergies, magnitudesFromLog, melFilterbank } from './stft';
import { SAMPLE_RATE } from './voiceSynth';
import { extraSpeakers, framedUtterancesOf } from './extraSpeakers';
import type { FramedUtterance } from './voiceFrames';

export interface SpeakerEmbeddingSettings {
  /** STFT frame in samples (hop a quarter of it), as the voice-conversion model's. */
  frameSize: number;
  melBands: number;
  /** Frames the network sees at once, centred on the one embedded (odd). */
  contextFrames: number;
  hiddenSize: number;
  embeddingSize: number;
  /** Invented speakers in the training crowd, and utterances of each. */
  trainingSpeakers: number;
  utterancesPerSpeaker: number;
  /** Frames per step. */
  batchSize: number;
  learningRate: number;
  /** Cosine-softmax scale and additive margin. */
  scale: number;
  margin: number;
  seed: number;
}

/** The lock the lab trains: 40 invented speakers, 8 utterances each; about 600 steps reach a 3–4% equal error rate on unheard speakers (bench). */
export const DEFAULT_SPEAKER_EMBEDDING_SETTINGS: SpeakerEmbeddingSettings = {
  frameSize: 512,
  melBands: 40,
  contextFrames: 5,
  hiddenSize: 96,
  embeddingSize: 24,
  trainingSpeakers: 40,
  utterancesPerSpeaker: 8,
  batchSize: 128,
  learningRate: 3e-3,
  scale: 16,
  margin: 0.2,
  seed: 1,
};

/** Problems with a settings object, each naming the field; empty when valid. */
export function speakerEmbeddingSettingsProblems(s: SpeakerEmbeddingSettings): string[] {
  const p = new SettingsProblems();
  if (![256, 512, 1024].includes(s.frameSize)) p.add('frameSize must be one of 256, 512, 1024');
  p.number('melBands', s.melBands, { min: 4, max: 80 }, true);
  p.number('contextFrames', s.contextFrames, { min: 1, max: 9 }, true);
  if (Number.isInteger(s.contextFrames) && s.contextFrames % 2 === 0) p.add('contextFrames must be odd (the embedded frame sits in the middle)');
  p.number('hiddenSize', s.hiddenSize, { min: 4, max: 512 }, true);
  p.number('embeddingSize', s.embeddingSize, { min: 2, max: 256 }, true);
  p.number('trainingSpeakers', s.trainingSpeakers, { min: 2, max: 500 }, true);
  p.number('utterancesPerSpeaker', s.utterancesPerSpeaker, { min: 1, max: 200 }, true);
  p.number('batchSize', s.batchSize, { min: 1, max: 1024 }, true);
  p.number('learningRate', s.learningRate, { min: 1e-5, max: 0.05 });
  p.number('scale', s.scale, { min: 1, max: 64 });
  p.number('margin', s.margin, { min: 0, max: 0.9 });
  p.number('seed', s.seed, { min: 0, max: 2 ** 31 - 1 }, true);
  return p.list;
}

/** Throws naming every bad field. */
export function checkSpeakerEmbeddingSettings(s: SpeakerEmbeddingSettings): void {
  throwIfProblems('speaker-embedding settings', speakerEmbeddingSettingsProblems(s));
}

/** Frames at each end of an utterance left out of its embedding (its fade in and out). */
export const EDGE_FRAMES = 3;
const LEAK = 0.2;

/** Log-mel energies (frames × bands) of frame-major log-magnitudes: what the lock hears. */
export class SpeakerFeatures {
  private readonly filterbank: Float32Array;
  readonly bins: number;
  constructor(readonly frameSize: number, readonly melBands: number) {
    this.bins = frameSize / 2 + 1;
    this.filterbank = melFilterbank(melBands, frameSize, SAMPLE_RATE, 60, 7000);
  }

  /** Frame-major log-mel energies (frames × melBands). */
  logMel(logMagnitude: Float32Array): Float32Array {
    if (logMagnitude.length === 0 || logMagnitude.length % this.bins !== 0) throw new RangeError(`${logMagnitude.length} log-magnitudes are not whole frames of ${this.bins} bins (frames of ${this.frameSize}).`);
    return logMelEnergies(magnitudesFromLog(logMagnitude), this.bins, this.filterbank);
  }
}

/** The training crowd: `trainingSpeakers` invented voices (from the seed), `utterancesPerSpeaker` each. */
export function speakerTrainingData(s: SpeakerEmbeddingSettings): FramedUtterance[][] {
  checkSpeakerEmbeddingSettings(s);
  const stft = new Stft(s.frameSize);
  return extraSpeakers(s.trainingSpeakers, s.seed).map((voice, i) => framedUtterancesOf(voice, s.utterancesPerSpeaker, s.seed * 1000 + i, stft));
}

/** The parameters of the embedding network and of the training-only cosine classifier. */
export function speakerParamSpecs(s: SpeakerEmbeddingSettings): ParamSpec[] {
  const input = s.contextFrames * s.melBands;
  const dense = (name: string, i: number, o: number, hidden: boolean): ParamSpec[] => [
    { name: `${name}/kernel`, shape: [i, o], fanIn: i, fanOut: o, init: hidden ? 'he' : 'glorot' },
    { name: `${name}/bias`, shape: [o], fanIn: i, fanOut: o, init: 'zero' },
  ];
  return [
    ...dense('emb/d1', input, s.hiddenSize, true),
    ...dense('emb/d2', s.hiddenSize, s.hiddenSize, true),
    ...dense('emb/out', s.hiddenSize, s.embeddingSize, false),
    { name: 'classifier/weights', shape: [s.embeddingSize, s.trainingSpeakers], fanIn: s.embeddingSize, fanOut: s.trainingSpeakers, init: 'glorot' },
  ];
}

export interface SpeakerStepResult {
  step: number;
  /** The batch's cosine-softmax cross-entropy before this step's update. */
  loss: number;
  /** Share of the batch's frames whose nearest speaker (without the margin) is their own. */
  accuracy: number;
}

/**
 * The voice lock's network and its training (`step`), and the embeddings it gives utterances;
 * a worker trains it step by step and scores with `enrolSpeaker` / `verificationScore`.
 */
export class SpeakerEmbeddingTrainer {
  readonly settings: SpeakerEmbeddingSettings;
  readonly features: SpeakerFeatures;
  /** Per-band mean and spread of the training crowd's log-mel energies. */
  readonly mean: Float32Array;
  readonly std: Float32Array;
  readonly params: Map<string, tf.Variable>;
  private readonly optimizer: tf.Optimizer;
  private readonly rng: SeededRandom;
  /** Normalised log-mel frames of each training utterance, by speaker. */
  private readonly mels: { mel: Float32Array; frames: number }[][];
  private disposed = false;
  steps = 0;

  /** Builds the network; `data` (from speakerTrainingData, one list per speaker) can be passed in to share it. */
  constructor(settings: SpeakerEmbeddingSettings, data?: FramedUtterance[][]) {
    checkSpeakerEmbeddingSettings(settings);
    this.settings = { ...settings };
    const crowd = data ?? speakerTrainingData(settings);
    if (crowd.length !== settings.trainingSpeakers) throw new Error(`The settings ask for ${settings.trainingSpeakers} training speakers but the data has ${crowd.length}.`);
    this.features = new SpeakerFeatures(settings.frameSize, settings.melBands);
    const bands = settings.melBands;
    const raw = crowd.map((us, i) => {
      if (us.length === 0) throw new Error(`Training speaker ${i + 1} has no utterances.`);
      return us.map((u) => {
        if (u.bins !== this.features.bins) throw new Error(`A training utterance has ${u.bins} bins; frames of ${settings.frameSize} have ${this.features.bins}.`);
        if (u.frames <= 2 * EDGE_FRAMES) throw new Error(`A training utterance has only ${u.frames} frames; the lock needs more than ${2 * EDGE_FRAMES}.`);
        return { mel: this.features.logMel(u.logMagnitude), frames: u.frames };
      });
    });
    const sum = new Float64Array(bands);
    const sq = new Float64Array(bands);
    let n = 0;
    for (const us of raw) for (const { mel } of us) for (let i = 0; i < mel.length; i++) { sum[i % bands] += mel[i]; sq[i % bands] += mel[i] ** 2; n += i % bands === 0 ? 1 : 0; }
    this.mean = Float32Array.from(sum, (v) => v / n);
    this.std = Float32Array.from(sq, (v, j) => Math.sqrt(Math.max(1e-6, v / n - this.mean[j] ** 2)));
    this.mels = raw.map((us) => us.map(({ mel, frames }) => ({ mel: this.normalise(mel), frames })));
    const init = new SeededRandom(settings.seed).fork(5);
    this.rng = init.fork(6);
    this.params = createParams(speakerParamSpecs(settings), init);
    this.optimizer = tf.train.adam(settings.learningRate);
  }

  private normalise(mel: Float32Array): Float32Array {
    const bands = this.settings.melBands;
    return mel.map((v, i) => (v - this.mean[i % bands]) / this.std[i % bands]);
  }

  private writeRow(mel: Float32Array, frames: number, t: number, out: Float32Array, offset: number): void {
    const { contextFrames, melBands } = this.settings;
    const half = (contextFrames - 1) / 2;
    for (let c = 0; c < contextFrames; c++) {
      const f = Math.min(frames - 1, Math.max(0, t - half + c));
      out.set(mel.subarray(f * melBands, (f + 1) * melBands), offset + c * melBands);
    }
  }

  /** L2-normalised frame embeddings of input rows (frames × contextFrames·melBands). */
  embed(x: tf.Tensor2D): tf.Tensor2D {
    return tf.tidy(() => {
      const p = (name: string) => this.params.get(name)!;
      const layer = (name: string, h: tf.Tensor2D) => tf.add(tf.matMul(h, p(`emb/${name}/kernel`) as tf.Tensor2D), p(`emb/${name}/bias`)) as tf.Tensor2D;
      const e = layer('out', tf.leakyRelu(layer('d2', tf.leakyRelu(layer('d1', x), LEAK)), LEAK));
      return tf.div(e, tf.add(tf.norm(e, 'euclidean', 1, true), 1e-8)) as tf.Tensor2D;
    });
  }

  /** One Adam step on a batch of frames drawn from every training speaker alike. */
  step(): SpeakerStepResult {
    if (this.disposed) throw new Error('This voice lock has been disposed.');
    const { batchSize, contextFrames, melBands, trainingSpeakers, scale, margin } = this.settings;
    const width = contextFrames * melBands;
    const x = new Float32Array(batchSize * width);
    const labels = new Int32Array(batchSize);
    for (let i = 0; i < batchSize; i++) {
      const speaker = this.rng.int(trainingSpeakers);
      const us = this.mels[speaker];
      const u = us[this.rng.int(us.length)];
      const t = EDGE_FRAMES + this.rng.int(u.frames - 2 * EDGE_FRAMES);
      this.writeRow(u.mel, u.frames, t, x, i * width);
      labels[i] = speaker;
    }
    let loss = NaN;
    let accuracy = NaN;
    const kept: tf.Tensor[] = [];
    try {
      const total = this.optimizer.minimize(() => {
        const e = this.embed(tf.tensor2d(x, [batchSize, width]));
        const w = this.params.get('classifier/weights')! as tf.Tensor2D;
        const wn = tf.div(w, tf.add(tf.norm(w, 'euclidean', 0, true), 1e-8));
        const cosines = tf.matMul(e, wn);
        const oneHot = tf.oneHot(tf.tensor1d(labels, 'int32'), trainingSpeakers);
        const logits = tf.mul(scale, tf.sub(cosines, tf.mul(margin, oneHot)));
        kept.push(tf.keep(tf.cast(tf.equal(tf.argMax(cosines, 1), tf.tensor1d(labels, 'int32')), 'float32').mean()));
        return tf.losses.softmaxCrossEntropy(oneHot, logits) as tf.Scalar;
      }, true);
      // One readback for both figures.
      [loss, accuracy] = tf.tidy(() => tf.stack([total!, kept[0]]).dataSync());
      total!.dispose();
    } finally {
      for (const k of kept) k.dispose();
    }
    this.steps++;
    return { step: this.steps, loss, accuracy };
  }

  /** Frame embeddings (frames × embeddingSize, each L2-normalised) of an utterance's frame-major log-magnitudes; faded ends left out. */
  frameEmbeddings(logMagnitude: Float32Array): Float32Array {
    if (this.disposed) throw new Error('This voice lock has been disposed.');
    const mel = this.normalise(this.features.logMel(logMagnitude));
    const frames = mel.length / this.settings.melBands;
    const first = frames > 2 * EDGE_FRAMES ? EDGE_FRAMES : 0;
    const used = frames - 2 * first;
    const width = this.settings.contextFrames * this.settings.melBands;
    const x = new Float32Array(used * width);
    for (let t = 0; t < used; t++) this.writeRow(mel, frames, first + t, x, t * width);
    const e = tf.tidy(() => this.embed(tf.tensor2d(x, [used, width])));
    const values = Float32Array.from(e.dataSync());
    e.dispose();
    return values;
  }

  /** An utterance's embedding: the mean of its frame embeddings, L2-normalised. */
  embedUtterance(logMagnitude: Float32Array): Float32Array {
    const frames = this.frameEmbeddings(logMagnitude);
    const size = this.settings.embeddingSize;
    const mean = new Float32Array(size);
    for (let i = 0; i < frames.length; i++) mean[i % size] += frames[i];
    return l2Normalised(mean);
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    disposeParams(this.params);
    this.optimizer.dispose();
  }
}

/** `v` scaled to length 1 (a zero vector stays zero). */
export function l2Normalised(v: Float32Array): Float32Array {
  let n = 0;
  for (const x of v) n += x * x;
  n = Math.sqrt(n);
  return n > 0 ? v.map((x) => x / n) : v.slice();
}

/** Cosine similarity of two vectors of one length: 1 same direction, 0 unrelated, −1 opposite. */
export function cosineSimilarity(a: Float32Array, b: Float32Array): number {
  if (a.length !== b.length) throw new RangeError(`Cannot compare embeddings of ${a.length} and ${b.length} numbers.`);
  let ab = 0;
  let aa = 0;
  let bb = 0;
  for (let i = 0; i < a.length; i++) { ab += a[i] * b[i]; aa += a[i] * a[i]; bb += b[i] * b[i]; }
  return aa > 0 && bb > 0 ? ab / Math.sqrt(aa * bb) : 0;
}

/** A voiceprint from a few enrolment utterances (frame-major log-magnitudes): the mean of their embeddings, L2-normalised. */
export function enrolSpeaker(lock: SpeakerEmbeddingTrainer, utterances: readonly Float32Array[]): Float32Array {
  if (utterances.length === 0) throw new Error('Enrolment needs at least one utterance.');
  const sum = new Float32Array(lock.settings.embeddingSize);
  for (const u of utterances) lock.embedUtterance(u).forEach((v, i) => { sum[i] += v; });
  return l2Normalised(sum);
}

/** The lock's score of an utterance against a voiceprint: their cosine similarity. */
export function verificationScore(lock: SpeakerEmbeddingTrainer, voiceprint: Float32Array, logMagnitude: Float32Array): number {
  return cosineSimilarity(voiceprint, lock.embedUtterance(logMagnitude));
}

/** A speaker enrolled and tried: enrolment utterances, and other utterances of theirs to try. */
export interface EnrolledSpeaker {
  id: string;
  enrol: readonly Float32Array[];
  trials: readonly Float32Array[];
}

export interface VerificationScores {
  /** Each speaker's own trial utterances against their voiceprint. */
  genuine: number[];
  /** Every other speaker's trial utterances against each voiceprint. */
  impostor: number[];
  /** Clones against the voiceprint of the speaker they imitate. */
  clone: number[];
}

/**
 * Enrols every speaker and scores all trials: genuine (own), impostor (every other enrolled
 * speaker's trials), and clones (`clones[id]`: cloned utterances of speaker `id`).
 */
export function verificationScores(lock: SpeakerEmbeddingTrainer, speakers: readonly EnrolledSpeaker[], clones: Readonly<Record<string, readonly Float32Array[]>> = {}): VerificationScores {
  if (speakers.length < 2) throw new Error('Verification needs at least two enrolled speakers (the others are the impostors).');
  for (const id of Object.keys(clones)) if (!speakers.some((s) => s.id === id)) throw new Error(`Clones of "${id}", who is not enrolled.`);
  const prints = speakers.map((s) => enrolSpeaker(lock, s.enrol));
  const embedded = speakers.map((s) => s.trials.map((u) => lock.embedUtterance(u)));
  const out: VerificationScores = { genuine: [], impostor: [], clone: [] };
  speakers.forEach((s, i) => {
    embedded.forEach((es, j) => { for (const e of es) (i === j ? out.genuine : out.impostor).push(cosineSimilarity(prints[i], e)); });
    for (const c of clones[s.id] ?? []) out.clone.push(verificationScore(lock, prints[i], c));
  });
  return out;
}

export interface VoiceLockFigures {
  /** The equal error rate of genuine trials against impostors, and its threshold. */
  equalErrorRate: number;
  threshold: number;
  /** At that threshold: impostors let in, owners refused, clones let in. */
  impostorAcceptance: number;
  genuineRejection: number;
  cloneAcceptance: number;
  /** Genuine against impostors, and genuine against clones, over every threshold. */
  impostorCurve: ErrorRatePoint[];
  cloneCurve: ErrorRatePoint[];
  /** Area under each ROC curve (1: always told apart, 0.5: a coin toss). */
  impostorAuc: number;
  cloneAuc: number;
}

/** The lock's figures: threshold at the genuine/impostor equal-error point, and what it lets in there. */
export function voiceLockFigures(scores: VerificationScores): VoiceLockFigures {
  if (scores.clone.length === 0) throw new Error('The voice lock\'s figures need at least one clone score.');
  const eer = equalErrorRate(scores.genuine, scores.impostor);
  return {
    equalErrorRate: eer.rate,
    threshold: eer.threshold,
    impostorAcceptance: eer.falseAcceptance,
    genuineRejection: eer.falseRejection,
    cloneAcceptance: acceptedShare(scores.clone, eer.threshold),
    impostorCurve: errorRateCurve(scores.genuine, scores.impostor),
    cloneCurve: errorRateCurve(scores.genuine, scores.clone),
    impostorAuc: areaUnderRoc(scores.genuine, scores.impostor),
    cloneAuc: areaUnderRoc(scores.genuine, scores.clone),
  };
}

/** Share of held-out speakers' trial utterances whose nearest voiceprint (cosine) is their own speaker's: closed-set identification. */
export function identificationAccuracy(lock: SpeakerEmbeddingTrainer, speakers: readonly EnrolledSpeaker[]): number {
  const prints = speakers.map((s) => enrolSpeaker(lock, s.enrol));
  let right = 0;
  let total = 0;
  speakers.forEach((s, i) => {
    for (const u of s.trials) {
      const e = lock.embedUtterance(u);
      const sims = prints.map((p) => cosineSimilarity(p, e));
      if (sims.indexOf(Math.max(...sims)) === i) right++;
      total++;
    }
  });
  return right / Math.max(1, total);
}
