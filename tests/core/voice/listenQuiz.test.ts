import { describe, expect, it } from 'vitest';
import {
  ASVSPOOF_2019_LA_BASELINES, HUMAN_SPEECH_DEEPFAKE_ACCURACY, QUIZ_LENGTH, detectorQuizAnswers, pickQuizClips, scoreQuiz, type QuizAnswer,
} from '../../../src/core/voice/listenQuiz';

const real = Array.from({ length: 12 }, (_, i) => `real-${i}`);
const cloned = Array.from({ length: 9 }, (_, i) => `clone-${i}`);

describe('listening quiz', () => {
  it('picks ten clips, five real and five cloned, without repeats, the same for the same seed', () => {
    const clips = pickQuizClips(real, cloned, 7);
    expect(clips).toHaveLength(QUIZ_LENGTH);
    expect(clips.filter((c) => c.isClone)).toHaveLength(5);
    expect(new Set(clips.map((c) => c.item)).size).toBe(10);
    for (const c of clips) expect(c.item).toBe((c.isClone ? cloned : real)[c.poolIndex]);
    expect(pickQuizClips(real, cloned, 7)).toEqual(clips);
    expect(pickQuizClips(real, cloned, 8).map((c) => c.item)).not.toEqual(clips.map((c) => c.item));
    // Not always real first: the order is shuffled.
    const firstHalfClones = [1, 2, 3, 4, 5].map((s) => pickQuizClips(real, cloned, s).slice(0, 5).filter((c) => c.isClone).length);
    expect(firstHalfClones.some((n) => n > 0 && n < 5)).toBe(true);
  });

  it('refuses an odd quiz or pools too small', () => {
    expect(() => pickQuizClips(real, cloned, 1, 9)).toThrow('A quiz has an even number of clips (half real, half cloned), at least 2, not 9.');
    expect(() => pickQuizClips(real, cloned.slice(0, 4), 1)).toThrow('needs 5 real and 5 cloned clips; there are 12 real and 4 cloned');
  });

  it('scores answers with their confidence against hand-computed figures', () => {
    const clips = [true, false, true, false].map((isClone, i) => ({ item: i, isClone, poolIndex: i }));
    const answers: QuizAnswer[] = [
      { saysClone: true, confidence: 1 }, // right, certain: Brier 0
      { saysClone: true, confidence: 0.8 }, // wrong, fairly sure: 0.64
      { saysClone: false, confidence: 0.5 }, // wrong, a guess: 0.25
      { saysClone: false, confidence: 0.6 }, // right: 0.16
    ];
    const s = scoreQuiz(clips, answers);
    expect(s.correct).toBe(2);
    expect(s.accuracy).toBe(0.5);
    expect(s.clonesCaught).toBe(1);
    expect(s.realKept).toBe(1);
    expect(s.meanConfidence).toBeCloseTo(0.725, 12);
    expect(s.brier).toBeCloseTo((0 + 0.64 + 0.25 + 0.16) / 4, 12);
    expect(s.overconfidence).toBeCloseTo(0.225, 12);
    expect(() => scoreQuiz(clips, answers.slice(1))).toThrow('The quiz has 4 clips but 3 answers; answer every clip.');
    expect(() => scoreQuiz(clips, [...answers.slice(1), { saysClone: true, confidence: 0.3 }])).toThrow("Answer 4's confidence must be between 0.5 (a guess) and 1 (certain), not 0.3.");
  });

  it('lets the detector take the quiz with its probabilities as confidence', () => {
    const answers = detectorQuizAnswers([0.9, 0.2, 0.5]);
    expect(answers).toEqual([{ saysClone: true, confidence: 0.9 }, { saysClone: false, confidence: 0.8 }, { saysClone: true, confidence: 0.5 }]);
    expect(() => detectorQuizAnswers([1.2])).toThrow('Detector score 1 must be a probability between 0 and 1, not 1.2.');
  });

  it('keeps the published figures with their sources', () => {
    expect(HUMAN_SPEECH_DEEPFAKE_ACCURACY.accuracy).toBe(0.73);
    expect(HUMAN_SPEECH_DEEPFAKE_ACCURACY.source).toMatch(/Mai et al\. 2023/);
    expect(ASVSPOOF_2019_LA_BASELINES.lfccGmm.equalErrorRate).toBe(0.0809);
    expect(ASVSPOOF_2019_LA_BASELINES.cqccGmm.equalErrorRate).toBe(0.0957);
  });
});
