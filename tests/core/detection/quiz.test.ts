/** The quiz's order and its scoring, against hand-computed values. */
import { describe, expect, it } from 'vitest';
import { answerProbability, HUMAN_BASELINES, quizLabels, scoreProbabilities, scoreQuiz, type QuizAnswer } from '../../../src/core/detection/quiz';

describe('the quiz', () => {
  it('holds exactly half fakes, in an order fixed by its seed', () => {
    const a = quizLabels(7);
    expect(a.length).toBe(20);
    expect(a.reduce((s, v) => s + v, 0)).toBe(10);
    expect(quizLabels(7)).toEqual(a);
    expect([...quizLabels(8)]).not.toEqual([...a]);
    // Not simply ten reals then ten fakes.
    expect([...a.slice(0, 10)].every((v) => v === 0)).toBe(false);
  });

  it('turns a verdict and a confidence into P(fake)', () => {
    expect(answerProbability({ verdict: 'fake', confidence: 'sure' })).toBeCloseTo(0.95);
    expect(answerProbability({ verdict: 'real', confidence: 'sure' })).toBeCloseTo(0.05);
    expect(answerProbability({ verdict: 'real', confidence: 'guess' })).toBeCloseTo(0.45);
    expect(answerProbability({ verdict: 'fake', confidence: 'fairly-sure' })).toBeCloseTo(0.75);
  });

  it('scores answers: accuracy, Brier score, catches, passes and confident mistakes', () => {
    const labels = [1, 1, 0, 0];
    const answers: QuizAnswer[] = [
      { verdict: 'fake', confidence: 'sure' }, // right: (0.95 − 1)² = 0.0025
      { verdict: 'real', confidence: 'sure' }, // wrong, sure: (0.05 − 1)² = 0.9025
      { verdict: 'real', confidence: 'fairly-sure' }, // right: 0.25² = 0.0625
      { verdict: 'fake', confidence: 'guess' }, // wrong: 0.55² = 0.3025
    ];
    const s = scoreQuiz(answers, labels);
    expect(s.correct).toBe(2);
    expect(s.accuracy).toBe(0.5);
    expect(s.brier).toBeCloseTo((0.0025 + 0.9025 + 0.0625 + 0.3025) / 4, 10);
    expect(s.fakesCaught).toBe(0.5);
    expect(s.realPassed).toBe(0.5);
    expect(s.confidentMistakes).toBe(1);
  });

  it('scores a detector the same way, ½ counting as "fake"', () => {
    const s = scoreProbabilities([0.5, 0.2, 0.99, 0.01], [0, 0, 1, 0]);
    expect(s.correct).toBe(3);
    expect(s.brier).toBeCloseTo((0.25 + 0.04 + 0.0001 + 0.0001) / 4, 10);
    // "No idea" every time scores 0.25.
    expect(scoreProbabilities([0.5, 0.5], [0, 1]).brier).toBeCloseTo(0.25);
  });

  it('keeps the published baselines and refuses bad answers with a reason', () => {
    expect(HUMAN_BASELINES.map((b) => b.accuracy)).toEqual([0.482, 0.59]);
    expect(() => quizLabels(1, 7)).toThrow(/even number/);
    expect(() => scoreQuiz([{ verdict: 'fake', confidence: 'sure' }], [1, 0])).toThrow(/1 answers need 1 labels/);
    expect(() => scoreQuiz([{ verdict: 'fake', confidence: 'maybe' as never }], [1])).toThrow(/confidence level/);
    expect(() => scoreProbabilities([1.2], [1])).toThrow(/between 0 and 1/);
    expect(() => scoreProbabilities([0.2], [2])).toThrow(/labels are 1/);
  });
});
