/**
 * Comfort, in Debian's Chromium against the built app: with `prefers-reduced-motion: reduce`
 * nothing in a lab transitions or animates, and in every lab a button, a select and a slider
 * (a checkbox in the 2D lab, which has no slider) reached with Tab show a visible focus ring. Screenshots of the focused controls go to
 * tests/.artifacts/screens/comfort-<lab>-<control>.png.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { SCREENS_DIR, saveScreenshot } from './harness';
import { startLabHarness } from './labHarness';

const harness = startLabHarness({ reducedMotion: 'reduce', viewport: { width: 1400, height: 900 } });

const LAB_PATHS = ['adversarial', 'digits', 'faceswap'];
const CONTROLS = {
  button: 'button',
  select: 'select',
  slider: 'input[type="range"]',
  checkbox: 'input[type="checkbox"]',
} as const;

interface FocusRing {
  tag: string;
  label: string;
  outlineStyle: string;
  outlineWidth: number;
  boxShadow: string;
  visible: boolean;
}

/** Every element's longest transition and animation, in seconds (0 when stilled). */
async function longestMotion(page: Page): Promise<{ seconds: number; where: string }> {
  return page.evaluate(() => {
    const seconds = (value: string) => Math.max(0, ...value.split(',').map((v) => {
      const t = v.trim();
      if (t === 'auto' || t === '') return 0;
      return t.endsWith('ms') ? parseFloat(t) / 1000 : parseFloat(t);
    }));
    let worst = { seconds: 0, where: '' };
    for (const el of document.querySelectorAll('*')) {
      for (const pseudo of [null, '::before', '::after']) {
        const style = getComputedStyle(el, pseudo);
        const animated = style.animationName !== 'none' ? seconds(style.animationDuration) : 0;
        const longest = Math.max(seconds(style.transitionDuration), animated);
        if (longest > worst.seconds) worst = { seconds: longest, where: `${el.tagName.toLowerCase()}.${String(el.getAttribute('class'))}${pseudo ?? ''}` };
      }
    }
    return worst;
  });
}

/** Presses Tab from the top of the page until a control matching `selector` has the focus. */
async function tabTo(page: Page, selector: string): Promise<FocusRing> {
  await page.evaluate(() => {
    (document.activeElement as HTMLElement | null)?.blur();
    window.scrollTo(0, 0);
  });
  for (let presses = 0; presses < 400; presses++) {
    await page.keyboard.press('Tab');
    const ring = await page.evaluate((sel) => {
      const el = document.activeElement;
      if (!(el instanceof HTMLElement) || !el.matches(sel)) return null;
      const style = getComputedStyle(el);
      const width = parseFloat(style.outlineWidth);
      const shadow = style.boxShadow;
      return {
        tag: el.tagName.toLowerCase(),
        label: (el.getAttribute('aria-label') ?? el.textContent ?? el.id).trim().slice(0, 40),
        outlineStyle: style.outlineStyle,
        outlineWidth: width,
        boxShadow: shadow,
        visible: el.matches(':focus-visible'),
      };
    }, selector);
    if (ring) return ring;
  }
  throw new Error(`No ${selector} reached with Tab`);
}

describe('comfort: reduced motion and visible focus', () => {
  it.each(LAB_PATHS)('the %s lab: nothing moves for show, and a button, a select and a slider show their focus (a switch for the 2D lab)', async (lab) => {
    const page = await harness.open(`#/${lab}`);
    await page.getByTestId('play-pause').waitFor({ state: 'visible', timeout: 60_000 });
    expect(await page.evaluate(() => matchMedia('(prefers-reduced-motion: reduce)').matches)).toBe(true);

    const motion = await longestMotion(page);
    expect(motion.seconds, `longest motion at ${motion.where}`).toBeLessThan(0.01);

    // The 2D lab has no slider (its timeline is the digit and face-swap labs'); its layer switches stand in.
    const hasSlider = await page.locator(CONTROLS.slider).count() > 0;
    const kinds = hasSlider ? ['button', 'select', 'slider'] as const : ['button', 'select', 'checkbox'] as const;
    for (const kind of kinds) {
      const selector = CONTROLS[kind];
      const ring = await tabTo(page, selector);
      const outlined = ring.outlineStyle !== 'none' && ring.outlineWidth >= 2;
      expect(ring.visible, `${lab} ${kind} "${ring.label}" matches :focus-visible`).toBe(true);
      expect(outlined || ring.boxShadow !== 'none', `${lab} ${kind} "${ring.label}": ${JSON.stringify(ring)}`).toBe(true);
      await saveScreenshot(page, { path: join(SCREENS_DIR, `comfort-${lab}-${kind}.png`) });
    }
  });
});
