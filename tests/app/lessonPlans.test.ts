/**
 * The lessons and lesson scripts hold together: every lab has a lesson whose set-ups its own
 * link reader accepts without a notice, and every lesson part points at a lab and step that exist.
 */
import { describe, expect, it } from 'vitest';
import { LABS } from '../../src/app/labRegistry';
import { LESSON_PLANS, lessonMinutes } from '../../src/app/lessonPlans';
import { readLabLink } from '../../src/labs/adversarial/labLink';
import { readDigitLink } from '../../src/labs/digits/digitLink';
import { readSwapLink } from '../../src/labs/faceswap/swapLink';
import { readDiffusionLink } from '../../src/labs/diffusion/diffusionLink';
import { readDetectionLink } from '../../src/labs/detection/detectionLink';

/** Each lab's own link reader: the notices it would show for a query. */
const LINK_NOTICES: Record<string, (query: string) => string[]> = {
  adversarial: (q) => readLabLink(q).notices,
  digits: (q) => readDigitLink(q).notices,
  faceswap: (q) => readSwapLink(q).notices,
  diffusion: (q) => readDiffusionLink(q).notices,
  detection: (q) => readDetectionLink(q).notices,
};

describe('lesson scripts of the labs', () => {
  it('every lab has a lesson of a few steps, each saying what to press and what to point out', () => {
    for (const lab of LABS) {
      expect(lab.lesson.labId, lab.id).toBe(lab.id);
      expect(lab.lesson.steps.length, lab.id).toBeGreaterThanOrEqual(4);
      expect(new Set(lab.lesson.steps.map((s) => s.title)).size, lab.id).toBe(lab.lesson.steps.length);
      // The first step sets the lab up, so a lesson never depends on what was left running.
      expect(lab.lesson.steps[0].setup, lab.id).toBeDefined();
      for (const step of lab.lesson.steps) {
        expect(step.press.length, step.title).toBeGreaterThan(5);
        expect(step.point.length, step.title).toBeGreaterThan(30);
      }
    }
  });

  it('every set-up is one the lab\'s own link reader accepts without a notice', () => {
    for (const lab of LABS) {
      const notices = LINK_NOTICES[lab.id];
      if (!notices) continue; // A lab without a reader here is covered by the browser test.
      for (const step of lab.lesson.steps) {
        if (step.setup !== undefined) expect(notices(step.setup), `${lab.id}: ${step.title}`).toEqual([]);
      }
    }
    // The reader does complain about a bad value, so the check above can fail.
    expect(LINK_NOTICES.adversarial('preset=nope').length).toBeGreaterThan(0);
    expect(LINK_NOTICES.digits('start=nope').length).toBeGreaterThan(0);
    expect(LINK_NOTICES.faceswap('start=nope').length).toBeGreaterThan(0);
    expect(LINK_NOTICES.diffusion('data=nope').length).toBeGreaterThan(0);
    expect(LINK_NOTICES.detection('forger=nope').length).toBeGreaterThan(0);
  });
});

describe('the lessons page', () => {
  it('has three lessons of about fifty minutes', () => {
    expect(LESSON_PLANS.length).toBe(3);
    for (const plan of LESSON_PLANS) {
      expect(lessonMinutes(plan), plan.id).toBeGreaterThanOrEqual(45);
      expect(lessonMinutes(plan), plan.id).toBeLessThanOrEqual(55);
    }
  });

  it('points every lab part at a lab and a step that exist, with questions and what to expect', () => {
    for (const plan of LESSON_PLANS) {
      for (const part of plan.parts) {
        expect(part.questions.length + (part.kind === 'talk' ? 1 : 0), plan.id).toBeGreaterThan(0);
        if (part.kind !== 'lab') continue;
        const lab = LABS.find((l) => l.id === part.labId);
        expect(lab, `${plan.id}: ${part.labId}`).toBeDefined();
        expect(part.step, `${plan.id}: ${part.labId}`).toBeLessThan(lab!.lesson.steps.length);
        expect(part.expect.length).toBeGreaterThan(20);
      }
    }
  });
});
