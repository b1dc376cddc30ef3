/**
 * The guided tour: a first visit to each lab in the registry (found on the start page's navigation,
 * so labs added later are covered) shows it; it can be walked to the end and dismissed with the
 * keyboard alone; a reload does not show it again; the Tour button brings it back; axe finds no
 * serious or critical violation while it is open; and driver.js runs under the page's Content
 * Security Policy without a single violation.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { SCREENS_DIR, runAxe, testIdText, saveScreenshot } from './harness';
import { startLabHarness } from './labHarness';

const harness = startLabHarness({ viewport: { width: 1400, height: 900 } });

/** Records Content Security Policy violations on the page, for the test to read back. */
const RECORD_VIOLATIONS = `
  globalThis.__cspViolations = [];
  document.addEventListener('securitypolicyviolation', (e) => {
    globalThis.__cspViolations.push(e.violatedDirective + ' blocked ' + (e.blockedURI || 'inline') + ' at ' + e.sourceFile + ':' + e.lineNumber);
  });
`;
const violations = (page: Page) => page.evaluate(() => (globalThis as unknown as { __cspViolations: string[] }).__cspViolations);

const POPOVER = '.driver-popover';
const TRANSITION_MS = 450;

interface TourState {
  title: string;
  progress: string;
  /** True when the step found its element (driver.js stands a dummy element in for a missing one). */
  onRealElement: boolean;
  focusInPopover: boolean;
}

async function tourState(page: Page): Promise<TourState> {
  return page.evaluate(() => {
    const popover = document.querySelector('.driver-popover');
    const active = document.querySelector('.driver-active-element');
    return {
      title: popover?.querySelector('.driver-popover-title')?.textContent ?? '',
      progress: popover?.querySelector('.driver-popover-progress-text')?.textContent ?? '',
      onRealElement: active !== null && active.id !== 'driver-dummy-element' && active.getBoundingClientRect().width > 0,
      focusInPopover: popover?.contains(document.activeElement) ?? false,
    };
  });
}

/** "Step 2 of 5" → [2, 5]. */
function stepOf(state: TourState): [number, number] {
  const match = state.progress.match(/Step (\d+) of (\d+)/);
  if (!match) throw new Error(`No progress text in the tour popover: "${state.progress}"`);
  return [Number(match[1]), Number(match[2])];
}

/** Labs after the first run their tour without the glide (as for a reader who asked for less motion), so a step needs no settling. */
let settleMs = TRANSITION_MS;

/** Makes every page opened from now on report prefers-reduced-motion: reduce (before the app reads it). */
const REDUCED_MOTION = `
  const original = window.matchMedia.bind(window);
  window.matchMedia = (query) => {
    const list = original(query);
    if (/prefers-reduced-motion:\\s*reduce/.test(query)) Object.defineProperty(list, 'matches', { value: true });
    return list;
  };
`;

/** True once the tour shows `step`, false if it has not within `ms`. */
async function reachesStep(page: Page, step: number, ms: number): Promise<boolean> {
  return page.waitForFunction((n) => (document.querySelector('.driver-popover-progress-text')?.textContent ?? '').startsWith(`Step ${n} of`), step, { timeout: ms })
    .then(() => true, () => false);
}

async function waitForStep(page: Page, step: number): Promise<TourState> {
  await page.waitForFunction((n) => (document.querySelector('.driver-popover-progress-text')?.textContent ?? '').startsWith(`Step ${n} of`),
    step, { timeout: 5_000 }).catch(async (e: unknown) => {
    throw new Error(`Waiting for tour step ${step}, the tour shows ${JSON.stringify(await tourState(page))}`, { cause: e });
  });
  // driver.js ignores keys while it moves the highlight (its 400 ms transition): let it settle, as a reader would.
  if (settleMs > 0) await page.waitForTimeout(settleMs);
  return tourState(page);
}

/** Presses Tab until the focused element matches `selector` (the popover traps focus, so this comes round). */
async function tabTo(page: Page, selector: string): Promise<void> {
  for (let i = 0; i < 60; i++) {
    if (await page.evaluate((s) => document.activeElement?.matches(s) ?? false, selector)) return;
    await page.keyboard.press('Tab');
  }
  throw new Error(`Tab never reached ${selector}`);
}

/** Opens a lab (any lab: harness.openLab waits for the adversarial plot) and waits for its worker to be up. */
async function openLab(path: string): Promise<Page> {
  const page = await harness.open(path);
  await page.getByTestId('play-pause').waitFor({ state: 'visible', timeout: 30_000 });
  await page.waitForFunction(() => (document.querySelector('[data-testid="backend-name"]')?.textContent ?? '').trim().length > 0,
    undefined, { timeout: 30_000 });
  return page;
}

const seenFlag = (page: Page, labId: string) => page.evaluate((id) => localStorage.getItem(`deepfake-lab:tour-seen:${id}`), labId);

describe('the guided tour', () => {
  // The whole keyboard walk (both arrows, Tab and Enter, Done, a reload, the Tour button) runs in the first lab.
  it('greets a first visit to every lab, walks and closes by keyboard, and comes back only on request', async () => {
    await harness.showTours();
    await harness.context.addInitScript({ content: RECORD_VIOLATIONS });
    const start = await harness.open('#/');
    const labPaths = await start.locator('nav[aria-label="Main"] a[data-lab]').evaluateAll((links) =>
      links.map((a) => a.getAttribute('href') ?? '').filter((href) => href.startsWith('#/') && href !== '#/'));
    expect(labPaths.length).toBeGreaterThanOrEqual(3);

    for (const path of labPaths) {
      const labId = path.replace(/^#\//, '').split('?')[0];
      const page = await openLab(path);

      // First visit: the tour starts by itself, with the keyboard in its popover.
      await page.locator(POPOVER).waitFor({ state: 'visible', timeout: 10_000 });
      let state = await waitForStep(page, 1);
      const [, total] = stepOf(state);
      expect(total, `${path}: steps`).toBeGreaterThanOrEqual(4);
      expect(total, `${path}: steps`).toBeLessThanOrEqual(7);
      expect(state.onRealElement, `${path} step 1 "${state.title}" points at nothing`).toBe(true);
      expect(state.focusInPopover, `${path}: focus is not in the tour`).toBe(true);

      const axe = await runAxe(page);
      expect(axe, `${path}: axe with the tour open`).toEqual([]);

      // Arrow keys walk forward and back (and, while the tour is open, do not also step the model); each step points at a real element.
      const stepsBefore = await testIdText(page, 'step-count');
      await page.keyboard.press('ArrowRight');
      state = await waitForStep(page, 2);
      await saveScreenshot(page, { path: join(SCREENS_DIR, `tour-${labId}.png`) });
      if (path !== labPaths[0]) {
        // Every lab's tour is the same component: in the labs after the first, check what is the lab's
        // own (each step points at something real), then dismiss it with Escape.
        for (let step = 3; step <= total; step++) {
          await page.keyboard.press('ArrowRight');
          // Without the glide there is nothing to wait for, but driver.js may still be drawing the last
          // step when the key comes, and drop it: a key the tour did not take is pressed again.
          if (!(await reachesStep(page, step, 2_000))) await page.keyboard.press('ArrowRight');
          state = await waitForStep(page, step);
          expect(state.onRealElement, `${path} step ${step} "${state.title}" points at nothing`).toBe(true);
        }
        await page.keyboard.press('Escape');
        await page.locator(POPOVER).waitFor({ state: 'detached', timeout: 5_000 });
        expect(await seenFlag(page, labId)).toBe('1');
        expect(await testIdText(page, 'step-count'), `${path}: the tour's arrow keys trained the model`).toBe(stepsBefore);
        expect(await violations(page), `${path}: CSP violations`).toEqual([]);
        continue;
      }
      await page.keyboard.press('ArrowLeft');
      await waitForStep(page, 1);
      for (let step = 2; step <= total; step++) {
        if (step % 2 === 0) {
          await page.keyboard.press('ArrowRight');
        } else {
          // Tab reaches Next, Enter presses it.
          await tabTo(page, '.driver-popover-next-btn');
          await page.keyboard.press('Enter');
        }
        state = await waitForStep(page, step);
        expect(state.onRealElement, `${path} step ${step} "${state.title}" points at nothing`).toBe(true);
      }
      // The last step's Next is Done: Tab to it and press Enter to finish.
      await tabTo(page, '.driver-popover-next-btn');
      expect(await page.locator('.driver-popover-next-btn').textContent()).toBe('Done');
      await page.keyboard.press('Enter');
      await page.locator(POPOVER).waitFor({ state: 'detached', timeout: 5_000 });
      expect(await seenFlag(page, labId)).toBe('1');
      expect(await testIdText(page, 'step-count'), `${path}: the tour's arrow keys trained the model`).toBe(stepsBefore);
      expect(await violations(page), `${path}: CSP violations`).toEqual([]);

      // A reload is no longer a first visit.
      const again = await openLab(path);
      await again.waitForTimeout(1_200);
      expect(await again.locator(POPOVER).count(), `${path}: the tour came back by itself`).toBe(0);

      // The Tour button (reached and pressed by keyboard) brings it back; Escape dismisses it.
      await again.getByTestId('tour-button').focus();
      await again.keyboard.press('Enter');
      await again.locator(POPOVER).waitFor({ state: 'visible', timeout: 5_000 });
      await waitForStep(again, 1);
      await again.keyboard.press('Escape');
      await again.locator(POPOVER).waitFor({ state: 'detached', timeout: 5_000 });
      expect(await again.locator('.driver-overlay').count()).toBe(0);
      expect(await seenFlag(again, labId)).toBe('1');
      expect(await violations(again), `${path}: CSP violations`).toEqual([]);
      // The glide has been walked by keyboard here; the other labs check their own steps without it.
      await harness.context.addInitScript({ content: REDUCED_MOTION });
      settleMs = 0;
    }
  });
});
