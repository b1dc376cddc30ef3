import { describe, expect, it } from 'vitest';
import { LESSON_STEP_PARAM, lessonKeyAction, lessonStepQuery, setupAt, takeLessonStep, type LessonScript } from '../../../src/labs/shared/lessonScript';

const SCRIPT: LessonScript = {
  labId: 'demo',
  title: 'Demo',
  steps: [
    { title: 'One', press: 'Play', point: 'A' },
    { title: 'Two', setup: 'preset=a&seed=3', press: 'Play', point: 'B' },
    { title: 'Three', press: 'Wait', point: 'C' },
    { title: 'Four', setup: 'preset=b', press: 'Play', point: 'D' },
  ],
};

describe('lesson scripts', () => {
  it('runs a step without a set-up on the last set-up opened before it', () => {
    expect(setupAt(SCRIPT, 0)).toBe('');
    expect(setupAt(SCRIPT, 1)).toBe('preset=a&seed=3');
    expect(setupAt(SCRIPT, 2)).toBe('preset=a&seed=3');
    expect(setupAt(SCRIPT, 3)).toBe('preset=b');
  });

  it('links to a step with its set-up, and reading the link gives back the step and the set-up', () => {
    for (let i = 0; i < SCRIPT.steps.length; i++) {
      const query = lessonStepQuery(SCRIPT, i);
      expect(new URLSearchParams(query).get(LESSON_STEP_PARAM)).toBe(String(i + 1));
      const read = takeLessonStep(query, SCRIPT.steps.length);
      expect(read).toEqual({ query: setupAt(SCRIPT, i), step: i, problem: null });
    }
  });

  it('leaves a link without a lesson step alone', () => {
    expect(takeLessonStep('preset=a', 4)).toEqual({ query: 'preset=a', step: null, problem: null });
  });

  it('ignores a step out of range or not a number, naming it, and keeps the rest of the link', () => {
    for (const bad of ['0', '5', '2.5', 'two', '']) {
      const read = takeLessonStep(`preset=a&${LESSON_STEP_PARAM}=${bad}`, 4);
      expect(read.step).toBeNull();
      expect(read.query).toBe('preset=a');
      expect(read.problem).toContain(`${LESSON_STEP_PARAM}=${bad}`);
      expect(read.problem).toContain('1 to 4');
    }
    expect(takeLessonStep(`${LESSON_STEP_PARAM}=1`, 0).problem).toContain('no lesson script');
  });

  it('walks with the arrows and a presenter remote\'s page keys, never with a modifier held', () => {
    expect(lessonKeyAction('ArrowRight', false)).toBe('next');
    expect(lessonKeyAction('PageDown', false)).toBe('next');
    expect(lessonKeyAction('ArrowLeft', false)).toBe('previous');
    expect(lessonKeyAction('PageUp', false)).toBe('previous');
    expect(lessonKeyAction('Home', false)).toBe('first');
    expect(lessonKeyAction('End', false)).toBe('last');
    expect(lessonKeyAction('Escape', false)).toBe('leave');
    expect(lessonKeyAction('ArrowRight', true)).toBeNull();
    expect(lessonKeyAction('x', false)).toBeNull();
  });
});
