/**
 * Presentation mode in Debian's Chromium against the built app, for every lab in the registry:
 * a lesson link opens it presenting at that step; at 1024×768 the lab's main view and the lesson
 * step are on screen whole, without scrolling, and the settings are folded away; → walks to
 * the next step (opening its set-up) instead of taking a training step (← back, in the first lab); Esc leaves and P comes
 * back; axe finds nothing serious in presentation mode (the labs' own tests check it outside). The lessons page links into the scripts, and
 * a lesson link with a bad step opens the lab with a notice naming it.
 * Screenshots: tests/.artifacts/screens/present-<lab>-<width>.png.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { LABS } from '../../src/app/labRegistry';
import { hashFor } from '../../src/labs/shared/hashRoute';
import { lessonStepQuery } from '../../src/labs/shared/lessonScript';
import { SCREENS_DIR, runAxe, testIdNumber, testIdText, saveScreenshot } from './harness';
import { startLabHarness } from './labHarness';

const harness = startLabHarness({ viewport: { width: 1024, height: 768 } });
const TIMEOUT = 60_000;

interface Box { top: number; bottom: number; left: number; right: number }

/** Where an element sits in the viewport (null when it is not rendered). */
async function boxOf(page: Page, selector: string): Promise<Box | null> {
  return page.evaluate((sel) => {
    const el = document.querySelector(sel);
    if (!el) return null;
    const r = el.getBoundingClientRect();
    return r.width > 0 && r.height > 0 ? { top: r.top, bottom: r.bottom, left: r.left, right: r.right } : null;
  }, selector);
}

async function waitForLab(page: Page): Promise<void> {
  await page.getByTestId('play-pause').waitFor({ state: 'visible', timeout: TIMEOUT });
  await page.locator('[data-main-view]').first().waitFor({ state: 'visible', timeout: TIMEOUT });
  await page.waitForFunction(() => !document.querySelector('[data-testid="loading-banner"]'), undefined, { timeout: TIMEOUT });
}

async function shot(page: Page, name: string): Promise<void> {
  await saveScreenshot(page, { path: join(SCREENS_DIR, `${name}.png`) });
}

describe('presentation mode in every lab', () => {
  for (const lab of LABS) {
    it(`${lab.title}: fits a 1024×768 projector, walks the lesson with the arrows, and leaves with Esc`, async () => {
      const steps = lab.lesson.steps;
      const page = await harness.open(hashFor(lab.path, lessonStepQuery(lab.lesson, 0)));
      await waitForLab(page);
      await page.getByTestId('presentation-panel').waitFor({ state: 'visible', timeout: TIMEOUT });
      expect(await testIdText(page, 'lesson-step-title')).toBe(steps[0].title);
      // The settings fold away; the main view and the step are on screen whole, at the top of the page.
      expect(await page.locator('.lab-sidebar, .lab-controls').first().isVisible()).toBe(false);
      expect(await page.evaluate(() => window.scrollY)).toBe(0);
      for (const selector of ['[data-main-view]', '[data-testid="lesson-step"]']) {
        const box = await boxOf(page, selector);
        expect(box, selector).not.toBeNull();
        expect(box!.top, selector).toBeGreaterThanOrEqual(0);
        expect(box!.left, selector).toBeGreaterThanOrEqual(0);
        expect(box!.bottom, selector).toBeLessThanOrEqual(768);
        expect(box!.right, selector).toBeLessThanOrEqual(1024);
      }
      expect(await runAxe(page)).toEqual([]);
      await shot(page, `present-${lab.id}-1024`);

      // → walks to step 2 (opening its set-up, if it has one) and takes no training step. Where the
      // main view has a slider, the lecturer may just have dragged it: a remote's Page Down, pressed
      // with the slider focused, still walks the lesson.
      const stepsBefore = await testIdNumber(page, 'step-count');
      const slider = page.locator('[data-main-view] input[type="range"]').first();
      const remote = (await slider.count()) > 0;
      if (remote) await slider.focus();
      await page.keyboard.press(remote ? 'PageDown' : 'ArrowRight');
      await expect.poll(() => testIdText(page, 'lesson-step-title'), { timeout: TIMEOUT }).toBe(steps[1].title);
      if (steps[1].setup !== undefined) {
        const wanted = [...new URLSearchParams(steps[1].setup)];
        await expect.poll(() => page.evaluate(() => window.location.hash), { timeout: TIMEOUT }).toContain(`${lab.path}?`);
        const query = new URLSearchParams((await page.evaluate(() => window.location.hash)).split('?')[1]);
        for (const [key, value] of wanted) expect(query.get(key), key).toBe(value);
        await waitForLab(page);
      } else {
        expect(await testIdNumber(page, 'step-count')).toBe(stepsBefore);
      }
      // ← walks back: the same key handling in every lab (and step 1's set-up opened above, from the
      // lesson link), so it is walked in the first lab only, sparing each other lab a rebuild.
      if (lab === LABS[0]) {
        await page.keyboard.press(remote ? 'PageUp' : 'ArrowLeft');
        await expect.poll(() => testIdText(page, 'lesson-step-title'), { timeout: TIMEOUT }).toBe(steps[0].title);
        await waitForLab(page);
      }

      // Esc leaves (even with the main view's slider still focused, in the labs after the first):
      // the settings come back; P presents again.
      await page.keyboard.press('Escape');
      await page.getByTestId('presentation-panel').waitFor({ state: 'detached', timeout: TIMEOUT });
      expect(await page.locator('.lab-sidebar, .lab-controls').first().isVisible()).toBe(true);
      await page.keyboard.press('p');
      await page.getByTestId('presentation-panel').waitFor({ state: 'visible', timeout: TIMEOUT });

      await page.setViewportSize({ width: 1920, height: 1080 });
      await page.waitForTimeout(300);
      const wide = await boxOf(page, '[data-main-view]');
      expect(wide!.bottom).toBeLessThanOrEqual(1080);
      await shot(page, `present-${lab.id}-1920`);
      await page.setViewportSize({ width: 1024, height: 768 });
      harness.expectNoConsoleErrors();
      harness.expectNoForeignRequests();
    }, 150_000);
  }
});

describe('lesson links', () => {
  it('the lessons page opens a lab at a lesson step in presentation mode', async () => {
    const page = await harness.open('#/lessons');
    await page.getByRole('heading', { level: 1, name: 'Lessons' }).waitFor({ timeout: TIMEOUT });
    expect(await page.getByTestId('lesson-part-link').count()).toBeGreaterThan(10);
    expect(await runAxe(page)).toEqual([]);
    const link = page.getByTestId('lesson-part-link').nth(1);
    const name = (await link.textContent()) ?? '';
    await link.click();
    await waitForLab(page);
    await page.getByTestId('presentation-panel').waitFor({ state: 'visible', timeout: TIMEOUT });
    // The link reads "<lab>, step N: <title>".
    expect(name).toContain(await testIdText(page, 'lesson-step-title'));
    harness.expectNoConsoleErrors();
  }, 90_000);

  it('a lesson link with a step that does not exist opens the lab as usual, with a notice naming it', async () => {
    const page = await harness.open('#/adversarial?preset=mode-collapse&lessonStep=99');
    await waitForLab(page);
    expect(await testIdText(page, 'lesson-link-notice')).toContain('lessonStep=99');
    expect(await page.getByTestId('presentation-panel').count()).toBe(0);
    harness.expectNoConsoleErrors();
  }, 90_000);
});
