import { beforeAll, describe, expect, it } from 'vitest';
import * as tf from '../../../src/core/shared/tf';
import '@tensorflow/tfjs-backend-wasm';
import { equalErrorRate } from '../../../src/core/shared/errorRates';
import { Stft } from '../../../src/core/voice/stft';
import { TOY_VOICES } from '../../../src/core/voice/toyVoices';
import { EXTRA_SPEAKER_RANGES, extraSpeakers, framedUtterancesOf } from '../../../src/core/voice/extraSpeakers';
import {
  DEFAULT_SPEAKER_EMBEDDING_SETTINGS, SpeakerEmbeddingTrainer, cosineSimilarity, enrolSpeaker, identificationAccuracy, speakerEmbeddingSettingsProblems,
  speakerTrainingData, verificationScores, voiceLockFigures, type EnrolledSpeaker, type SpeakerEmbeddingSettings,
} from '../../../src/core/voice/speakerVerification';

beforeAll(async () => {
  tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', false);
  expect(await tf.setBackend('wasm')).toBe(true);
});

/** Small and quick: 16 ms frames, a crowd of 12 invented speakers, 3 utterances each, narrow network. */
const tiny: SpeakerEmbeddingSettings = {
  ...DEFAULT_SPEAKER_EMBEDDING_SETTINGS, frameSize: 256, trainingSpeakers: 12, utterancesPerSpeaker: 3, melBands: 24, contextFrames: 3, hiddenSize: 32, embeddingSize: 12, batchSize: 64, seed: 2,
};

describe('extra speakers', () => {
  it('are reproducible and stay within their ranges', () => {
    const crowd = extraSpeakers(30, 5);
    expect(extraSpeakers(30, 5)).toEqual(crowd);
    expect(extraSpeakers(3, 6)[0].f0).not.toBe(crowd[0].f0);
    for (const v of crowd) {
      for (const key of Object.keys(EXTRA_SPEAKER_RANGES) as (keyof typeof EXTRA_SPEAKER_RANGES)[]) {
        expect(v[key]).toBeGreaterThanOrEqual(EXTRA_SPEAKER_RANGES[key].min);
        expect(v[key]).toBeLessThanOrEqual(EXTRA_SPEAKER_RANGES[key].max);
      }
    }
    expect(new Set(crowd.map((v) => v.id)).size).toBe(30);
    expect(() => extraSpeakers(0, 1)).toThrow('Ask for 1 to 1000 extra speakers, not 0.');
  });
});

describe('voice lock', () => {
  it('separates held-out speakers after training on a crowd of others', () => {
    const stft = new Stft(tiny.frameSize);
    // The lab's four characters and four more invented voices, none of them in the training crowd.
    const held: EnrolledSpeaker[] = [...TOY_VOICES, ...extraSpeakers(4, 999)].map((v, i) => {
      const us = framedUtterancesOf(v, 5, 5000 + i, stft).map((u) => u.logMagnitude);
      return { id: v.id, enrol: us.slice(0, 2), trials: us.slice(2) };
    });
    const lock = new SpeakerEmbeddingTrainer(tiny, speakerTrainingData(tiny));
    const untrained = verificationScores(lock, held);
    const untrainedEer = equalErrorRate(untrained.genuine, untrained.impostor).rate;
    const first = lock.step();
    let last = first;
    for (let i = 0; i < 200; i++) last = lock.step();
    expect(last.loss).toBeLessThan(first.loss * 0.7);
    const trained = verificationScores(lock, held);
    expect(trained.genuine).toHaveLength(8 * 3);
    expect(trained.impostor).toHaveLength(8 * 7 * 3);
    const eer = equalErrorRate(trained.genuine, trained.impostor).rate;
    // Measured: untrained 29% EER and 58% identified; trained 11% and 83%.
    expect(eer).toBeLessThan(0.2);
    expect(eer).toBeLessThan(untrainedEer - 0.08);
    expect(identificationAccuracy(lock, held)).toBeGreaterThanOrEqual(0.75);
    // An utterance embedding has length 1, and a voiceprint scores its own speaker's utterances above zero.
    const e = lock.embedUtterance(held[0].trials[0]);
    expect(Math.hypot(...e)).toBeCloseTo(1, 5);
    expect(cosineSimilarity(enrolSpeaker(lock, held[0].enrol), e)).toBeGreaterThan(0);
    lock.dispose();
  });

  it('keeps the tensor count flat after the first step', () => {
    const small = { ...tiny, trainingSpeakers: 3, utterancesPerSpeaker: 1 };
    const lock = new SpeakerEmbeddingTrainer(small);
    lock.step();
    const after = tf.memory().numTensors;
    for (let i = 0; i < 20; i++) lock.step();
    const data = speakerTrainingData(small);
    lock.embedUtterance(data[0][0].logMagnitude);
    expect(tf.memory().numTensors).toBe(after);
    lock.dispose();
    expect(tf.memory().numTensors).toBeLessThan(after);
    expect(() => lock.step()).toThrow('This voice lock has been disposed.');
  });

  it('sets its threshold at the equal-error point and counts the clones it lets in', () => {
    const f = voiceLockFigures({ genuine: [0.9, 0.8, 0.7, 0.4], impostor: [0.6, 0.3, 0.2, 0.1], clone: [0.85, 0.65, 0.5, 0.55] });
    expect(f.threshold).toBe(0.6);
    expect(f.equalErrorRate).toBe(0.25);
    expect(f.impostorAcceptance).toBe(0.25);
    expect(f.genuineRejection).toBe(0.25);
    expect(f.cloneAcceptance).toBe(0.5);
    // Genuine scores above clones, pair by pair: 0.9 beats 4, 0.8 and 0.7 beat 3 each, 0.4 beats none: AUC 10/16.
    expect(f.cloneAuc).toBeCloseTo(10 / 16, 12);
    expect(f.cloneCurve[0]).toEqual({ threshold: Infinity, falseAcceptance: 0, falseRejection: 1, falsePositiveRate: 0, truePositiveRate: 0 });
    expect(() => voiceLockFigures({ genuine: [1], impostor: [0], clone: [] })).toThrow('at least one clone score');
  });

  it('measures cosine similarity and refuses bad settings and input', () => {
    expect(cosineSimilarity(Float32Array.of(1, 0), Float32Array.of(0, 2))).toBe(0);
    expect(cosineSimilarity(Float32Array.of(1, 1), Float32Array.of(2, 2))).toBeCloseTo(1, 6);
    expect(cosineSimilarity(Float32Array.of(3, 4), Float32Array.of(-4, -3))).toBeCloseTo(-24 / 25, 6);
    expect(() => cosineSimilarity(Float32Array.of(1), Float32Array.of(1, 2))).toThrow('Cannot compare embeddings of 1 and 2 numbers.');
    expect(speakerEmbeddingSettingsProblems({ ...tiny, contextFrames: 4, trainingSpeakers: 1, frameSize: 300 })).toEqual([
      'frameSize must be one of 256, 512, 1024', 'contextFrames must be odd (the embedded frame sits in the middle)', 'trainingSpeakers must be between 2 and 500',
    ]);
    expect(() => new SpeakerEmbeddingTrainer({ ...tiny, trainingSpeakers: 3 }, [])).toThrow('The settings ask for 3 training speakers but the data has 0.');
    expect(() => verificationScores({} as SpeakerEmbeddingTrainer, [])).toThrow('at least two enrolled speakers');
  });
});
