/**
 * The detection lab end to end in Debian's Chromium against the built app: it opens on a small
 * set, paints the real and fake spectra (non-blank, and different from each other), trains the
 * spectrum detector until the held-out accuracy is well above chance, the threshold slider
 * changes the confusion matrix, the generalisation test fills its table, and axe finds no
 * serious violation.
 */
import { describe, expect, it } from 'vitest';
import { canvasPixels, pixelDifference, runAxe, screenshot, testIdNumber, testIdText } from './harness';
import { startLabHarness } from './labHarness';
import { DETECTION_LESSON } from '../../src/labs/detection/detectionLesson';
import { encodeDetectionLink, readDetectionLink } from '../../src/labs/detection/detectionLink';

const harness = startLabHarness();
const TIMEOUT = 30_000;

/** Share of pixels that are not the first pixel's colour: 0 for a blank canvas. */
function varied(pixels: { rgba: Uint8Array }): number {
  const { rgba } = pixels;
  let differing = 0;
  for (let i = 0; i < rgba.length; i += 4) {
    if (rgba[i] !== rgba[0] || rgba[i + 1] !== rgba[1] || rgba[i + 2] !== rgba[2]) differing++;
  }
  return differing / (rgba.length / 4);
}

describe('the detection lab', () => {
  it('shows the fingerprints, trains the detector above chance, and the threshold moves the verdicts', async () => {
    const page = await harness.open('#/detection?n=200&seed=3');
    await page.setViewportSize({ width: 1400, height: 900 });
    await page.getByTestId('play-pause').waitFor({ state: 'visible', timeout: TIMEOUT });
    await page.getByTestId('spectrum-fake').waitFor({ state: 'visible', timeout: TIMEOUT });
    const real = await canvasPixels(page, 'spectrum-real');
    const fake = await canvasPixels(page, 'spectrum-fake');
    expect(varied(real)).toBeGreaterThan(0.5);
    expect(varied(fake)).toBeGreaterThan(0.5);
    expect(pixelDifference(real, fake)).toBeGreaterThan(0.2);
    // Before training every picture scores ½: all are called fake at the threshold ½.
    expect(await testIdNumber(page, 'true-negatives')).toBe(0);

    await page.getByTestId('play-pause').click();
    await expect.poll(() => testIdNumber(page, 'step-count'), { timeout: TIMEOUT }).toBeGreaterThan(150);
    await page.getByTestId('play-pause').click();
    await expect.poll(() => testIdText(page, 'play-pause'), { timeout: TIMEOUT }).toBe('Play');
    expect(await testIdNumber(page, 'accuracy')).toBeGreaterThan(80);
    expect(await testIdNumber(page, 'auc')).toBeGreaterThan(0.85);

    // The threshold: lower catches more fakes and accuses more real digits.
    const caughtAtHalf = await testIdNumber(page, 'true-positives');
    const accusedAtHalf = await testIdNumber(page, 'false-positives');
    const slider = page.getByTestId('threshold');
    await slider.focus();
    for (let i = 0; i < 40; i++) await slider.press('ArrowLeft');
    await expect.poll(() => testIdText(page, 'threshold-value'), { timeout: TIMEOUT }).toBe('0.10');
    expect(await testIdNumber(page, 'true-positives')).toBeGreaterThan(caughtAtHalf);
    expect(await testIdNumber(page, 'false-positives')).toBeGreaterThan(accusedAtHalf);

    // Trained on the MLP GAN, tested on every forger.
    await page.getByTestId('test-generalisation').click();
    await expect.poll(() => testIdText(page, 'generalisation-dcgan'), { timeout: TIMEOUT }).toMatch(/%/);
    expect(await testIdText(page, 'generalisation-mlp')).toMatch(/trained on/);

    expect(await runAxe(page)).toEqual([]);
    await screenshot(page, 'detection-lab');
  }, 60_000);

  it('reads its own links back, every lesson set-up without a notice, and names a bad value', () => {
    for (const step of DETECTION_LESSON.steps) {
      if (step.setup === undefined) continue;
      const read = readDetectionLink(step.setup);
      expect(read.notices, step.title).toEqual([]);
      expect(readDetectionLink(encodeDetectionLink(read.settings)).settings).toEqual(read.settings);
    }
    const bad = readDetectionLink('forger=stylegan&n=3');
    expect(bad.notices.join(' ')).toMatch(/forger/);
    expect(bad.notices.join(' ')).toMatch(/\bn\b/);
    expect(bad.settings.generator).toBe('mlp');
  });
});
