/**
 * The detection lab end to end in Debian's Chromium against the built app: it opens on a small
 * set, paints the real and fake spectra (non-blank, and different from each other), trains the
 * spectrum detector until the held-out accuracy is well above chance, the threshold slider
 * changes the confusion matrix, the generalisation test fills its table, and axe finds no
 * serious violation. The learner's own forger: a digit forger model file loads, trains a
 * detector and gets a row of the table; a file that is not one is refused with the reason on
 * screen, and the detector, the table and the settings stay as they were.
 */
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import { canvasPixels, pixelDifference, runAxe, screenshot, SCREENS_DIR, testIdNumber, testIdText, saveScreenshot } from './harness';
import { startLabHarness } from './labHarness';
import { DETECTION_LESSON } from '../../src/labs/detection/detectionLesson';
import { encodeDetectionLink, readDetectionLink } from '../../src/labs/detection/detectionLink';

const harness = startLabHarness();
const TIMEOUT = 30_000;
const MODELS = resolve(import.meta.dirname, '../../models');

/** A screenshot of what is on screen now (the lab's full page is very long). */
async function centre(element: Locator): Promise<void> {
  // Under the sticky toolbar otherwise.
  await element.evaluate((el) => el.scrollIntoView({ block: 'center' }));
}

async function viewShot(page: Page, name: string): Promise<void> {
  await saveScreenshot(page, { path: join(SCREENS_DIR, `${name}.png`) });
}

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
    const page = await harness.open('#/detection?n=120&seed=3');
    await page.setViewportSize({ width: 1400, height: 900 });
    await page.getByTestId('play-pause').waitFor({ state: 'visible', timeout: TIMEOUT });
    await page.getByTestId('spectrum-fake').waitFor({ state: 'visible', timeout: TIMEOUT });
    const real = await canvasPixels(page, 'spectrum-real');
    const fake = await canvasPixels(page, 'spectrum-fake');
    expect(varied(real)).toBeGreaterThan(0.5);
    expect(varied(fake)).toBeGreaterThan(0.5);
    expect(pixelDifference(real, fake)).toBeGreaterThan(0.2);
    // The page says how long the spectra took, measured in this browser.
    expect(await testIdText(page, 'spectra-time')).toMatch(/over 240 pictures, took \d+ ms/);
    // Before training every picture scores ½: all are called fake at the threshold ½.
    expect(await testIdNumber(page, 'true-negatives')).toBe(0);

    await page.getByTestId('play-pause').click();
    await expect.poll(() => testIdNumber(page, 'step-count'), { timeout: TIMEOUT }).toBeGreaterThan(150);
    await page.getByTestId('play-pause').click();
    await expect.poll(() => testIdText(page, 'play-pause'), { timeout: TIMEOUT }).toBe('Play');
    expect(await testIdNumber(page, 'accuracy')).toBeGreaterThan(80);
    expect(await testIdNumber(page, 'auc')).toBeGreaterThan(0.85);

    // Where the detector looks: a held-out fake and its gradient × input map, recomputed for a real digit on request.
    await expect.poll(() => testIdText(page, 'saliency-readout'), { timeout: TIMEOUT }).toMatch(/spectrum detector after [\d,]+ steps gives this fake P\(fake\) = \d\.\d\d \(it is a fake\)/);
    expect(varied(await canvasPixels(page, 'saliency-map'))).toBeGreaterThan(0.5);
    const fakeMap = await canvasPixels(page, 'saliency-map');
    await page.getByTestId('saliency-kind').selectOption('real');
    await expect.poll(() => testIdText(page, 'saliency-readout'), { timeout: TIMEOUT }).toMatch(/real digit P\(fake\) = \d\.\d\d \(it is real\)/);
    expect(pixelDifference(fakeMap, await canvasPixels(page, 'saliency-map'))).toBeGreaterThan(0.1);

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

    // The whole table: a fresh detector per forger, row by row, each cell coloured by its accuracy.
    const steps = await testIdNumber(page, 'step-count');
    await page.getByTestId('run-generalisation-matrix').click();
    await expect.poll(() => testIdText(page, 'run-generalisation-matrix'), { timeout: 4 * TIMEOUT }).toMatch(/again/);
    expect(parseFloat(await testIdText(page, 'matrix-mlp-mlp'))).toBeGreaterThan(85);
    // The diffusion model's row and column, its fakes drawn in the worker.
    expect(await testIdText(page, 'matrix-diffusion-diffusion')).toMatch(/^\d+% · (0\.\d\d|1\.00)$/);
    // The face swap's row: its swaps, set against real toy faces, are caught; the digit forgers' fakes are not.
    expect(parseFloat(await testIdText(page, 'matrix-face-swap-face-swap'))).toBeGreaterThan(90);
    expect(parseFloat(await testIdText(page, 'matrix-face-swap-mlp'))).toBeLessThan(70);
    const cells = page.getByTestId('generalisation-matrix').locator('td');
    expect(await cells.count()).toBe(36);
    expect(await cells.evaluateAll((tds) => tds.filter((td) => /%/.test(td.textContent ?? '') && (td as HTMLElement).style.background !== '').length)).toBe(36);
    // The lab's own detector was not touched.
    expect(await testIdNumber(page, 'step-count')).toBe(steps);

    expect(await runAxe(page)).toEqual([]);
    await screenshot(page, 'detection-lab');
  }, 60_000);

  it('plays the quiz by keyboard, launders with the browser\'s JPEG encoder, and runs one arms-race round', async () => {
    // The detector the test above trained, when that page is still open; otherwise a new one, trained briefly.
    let page = harness.page;
    if (!page || page.isClosed() || !page.url().includes('#/detection')) {
      page = await harness.open('#/detection?n=200&seed=3');
      await page.setViewportSize({ width: 1400, height: 900 });
      await page.getByTestId('play-pause').waitFor({ state: 'visible', timeout: TIMEOUT });
      await page.getByTestId('play-pause').click();
      await expect.poll(() => testIdNumber(page, 'step-count'), { timeout: TIMEOUT }).toBeGreaterThan(80);
      await page.getByTestId('play-pause').click();
      await expect.poll(() => testIdText(page, 'play-pause'), { timeout: TIMEOUT }).toBe('Play');
    }

    // The quiz, keys only: Enter on Start, then 1–3 for confidence and R/F for each picture.
    await page.getByTestId('quiz-start').focus();
    await page.keyboard.press('Enter');
    await page.getByTestId('quiz-question').waitFor({ state: 'visible', timeout: TIMEOUT });
    // The picture takes the keyboard itself.
    await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('quiz-question');
    for (let i = 0; i < 20; i++) {
      await expect.poll(() => testIdText(page, 'quiz-progress')).toBe(`Picture ${i + 1} of 20`);
      await page.keyboard.press(String(1 + (i % 3)));
      await page.keyboard.press(i % 2 === 0 ? 'f' : 'r');
    }
    await page.getByTestId('quiz-results').waitFor({ state: 'visible', timeout: TIMEOUT });
    expect(await testIdText(page, 'quiz-you')).toMatch(/^You\s*\d+ \/ 20/);
    expect(await testIdText(page, 'quiz-detector')).toMatch(/\d+ \/ 20/);
    expect(await testIdText(page, 'quiz-baseline-note')).toMatch(/48\.2%.*59\.0%.*not digits/s);

    // JPEG laundering through canvas.toBlob: the spectrum detector's accuracy at quality 95 … 30.
    await page.getByTestId('laundering-measure').click();
    await page.getByTestId('laundering-row-spectrum').waitFor({ state: 'visible', timeout: TIMEOUT });
    const cells = (await page.getByTestId('laundering-row-spectrum').locator('td').allTextContents()).map((t) => Number.parseFloat(t));
    expect(cells.length).toBe(8);
    cells.forEach((v) => expect(v).toBeGreaterThanOrEqual(0));
    // The encoder changed the pictures: the strongest JPEG does not leave the verdicts as they were.
    expect(cells[7]).not.toBe(cells[0]);

    // One round of the arms race: a detector trained, then the forger fine-tuned against it.
    await page.getByTestId('arms-detector').selectOption('spectrum');
    await page.getByTestId('arms-steps').fill('20');
    await page.getByTestId('arms-start').click();
    await page.getByTestId('arms-round-1').waitFor({ state: 'visible', timeout: TIMEOUT });
    await expect.poll(() => testIdText(page, 'arms-next'), { timeout: TIMEOUT }).toMatch(/Fine-tune/);
    await page.getByTestId('arms-next').click();
    await expect.poll(() => page.getByTestId('arms-round-1').locator('td').nth(1).textContent(), { timeout: TIMEOUT }).toMatch(/%/);

    expect(await runAxe(page)).toEqual([]);
    await screenshot(page, 'detection-lab-quiz-laundering-arms');
  }, 90_000);

  it('plays the toy video: both clips change on screen over time, the scrubber moves by keyboard, and the chart draws', async () => {
    let page = harness.page;
    if (!page || page.isClosed() || !page.url().includes('#/detection')) {
      page = await harness.open('#/detection?n=200&seed=3');
      await page.setViewportSize({ width: 1400, height: 900 });
      await page.getByTestId('play-pause').waitFor({ state: 'visible', timeout: TIMEOUT });
    }
    await page.getByTestId('toy-video-make').click();
    await page.getByTestId('toy-video-real').waitFor({ state: 'visible', timeout: TIMEOUT });
    await page.getByTestId('toy-video-chart').scrollIntoViewIfNeeded();
    // The chart: one openness and one flicker line per clip, each with many points.
    for (const side of ['real', 'swapped']) {
      const paths = await page.getByTestId(`toy-video-lines-${side}`).locator('path').evaluateAll((els) => els.map((e) => (e.getAttribute('d') ?? '').split('L').length));
      expect(paths.length).toBe(2);
      paths.forEach((points) => expect(points).toBeGreaterThan(50));
    }
    expect(await testIdText(page, 'toy-video-detector')).toMatch(/calls \d+% of \d+ other clips right/);
    // Playing: the pixels of both canvases change over time.
    expect(await testIdText(page, 'toy-video-play')).toBe('Pause');
    const real0 = await canvasPixels(page, 'toy-video-real');
    const swapped0 = await canvasPixels(page, 'toy-video-swapped');
    expect(varied(real0)).toBeGreaterThan(0.3);
    await page.waitForTimeout(700);
    expect(pixelDifference(real0, await canvasPixels(page, 'toy-video-real'))).toBeGreaterThan(0);
    expect(pixelDifference(swapped0, await canvasPixels(page, 'toy-video-swapped'))).toBeGreaterThan(0);
    // Pause by keyboard, then step the scrubber with the arrow keys.
    await page.getByTestId('toy-video-play').focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => testIdText(page, 'toy-video-play')).toBe('Play');
    const scrubber = page.getByTestId('toy-video-scrubber');
    await scrubber.focus();
    await page.keyboard.press('Home');
    await expect.poll(() => scrubber.inputValue()).toBe('0');
    const first = await canvasPixels(page, 'toy-video-real');
    for (let i = 0; i < 5; i++) await page.keyboard.press('ArrowRight');
    await expect.poll(() => scrubber.inputValue()).toBe('5');
    expect(pixelDifference(first, await canvasPixels(page, 'toy-video-real'))).toBeGreaterThan(0);
    expect(await runAxe(page)).toEqual([]);
    await page.getByTestId('toy-video-panel').scrollIntoViewIfNeeded();
    await screenshot(page, 'detection-toy-video');
  }, 60_000);

  it('trains the pixel CNN on the learner\'s own forger from a model file, and refuses a file that is not one with nothing changed', async () => {
    // The first test trained the spectrum detector; this one trains the other.
    const page = await harness.open('#/detection?n=100&seed=3&detector=pixel');
    await page.setViewportSize({ width: 1400, height: 900 });
    await page.getByTestId('play-pause').waitFor({ state: 'visible', timeout: TIMEOUT });
    await expect.poll(() => page.getByTestId('play-pause').isEnabled(), { timeout: TIMEOUT }).toBe(true);
    const forgers = () => page.getByTestId('generator').locator('option').evaluateAll((os) => os.map((o) => (o as HTMLOptionElement).value).sort());
    expect(await forgers()).toEqual(['dcgan', 'dcgan-conditional', 'dcgan-transposed', 'diffusion', 'face-swap', 'mlp']);

    // A file written by the app's own encoder (the shipped MLP GAN's), as the learner's own.
    const section = page.getByTestId('own-forger');
    await section.scrollIntoViewIfNeeded();
    await page.getByTestId('own-forger-file').setInputFiles({ name: 'my-forger.weights', mimeType: 'application/octet-stream', buffer: readFileSync(resolve(MODELS, 'digitGan-mlp.weights')) });
    await expect.poll(() => testIdText(page, 'own-forger-status'), { timeout: TIMEOUT }).toMatch(/Loaded: my-forger\.weights \(unconditional MLP GAN/);
    expect(await forgers()).toEqual(['dcgan', 'dcgan-conditional', 'dcgan-transposed', 'diffusion', 'face-swap', 'mlp', 'own']);
    // Nothing was trained, so it applies at once: the set is drawn from it.
    await expect.poll(() => page.getByTestId('generator').inputValue()).toBe('own');
    await expect.poll(() => page.getByTestId('detection-examples').getAttribute('aria-label'), { timeout: TIMEOUT }).toMatch(/fakes from the forger you loaded \(my-forger\.weights\)/);
    expect(await page.getByTestId('share-left-out').textContent()).toMatch(/cannot carry your own forger/);

    expect(await page.getByTestId('detector').inputValue()).toBe('pixel');
    await page.getByTestId('play-pause').click();
    await expect.poll(() => testIdNumber(page, 'step-count'), { timeout: TIMEOUT }).toBeGreaterThan(60);
    await page.getByTestId('play-pause').click();
    await expect.poll(() => testIdText(page, 'play-pause'), { timeout: TIMEOUT }).toBe('Play');
    expect(await testIdNumber(page, 'accuracy')).toBeGreaterThan(70);
    await page.getByTestId('test-generalisation').click();
    await expect.poll(() => testIdText(page, 'generalisation-own'), { timeout: TIMEOUT }).toMatch(/%/);
    const ownRow = await testIdText(page, 'generalisation-own');
    expect(ownRow).toMatch(/Your own forger \(my-forger\.weights\) \(trained on\)/);
    const before = { steps: await testIdNumber(page, 'step-count'), accuracy: await testIdText(page, 'accuracy'), mlpRow: await testIdText(page, 'generalisation-mlp') };

    // A picture and a face-swap model: refused with the reason under the input; the detector, the table and the settings stay.
    const refusals: [string, Buffer, RegExp][] = [
      ['lab.png', readFileSync(resolve(import.meta.dirname, '../screenshots/adversarial-lab.png')), /"lab\.png" was not loaded, so the lab is unchanged: it is a PNG picture, not a digit forger's model/],
      ['swap.weights', readFileSync(resolve(MODELS, 'faceSwap-digit-styles.weights')), /"swap\.weights" was not loaded.*it holds a face-swap model/],
      ['half.weights', readFileSync(resolve(MODELS, 'digitGan-mlp.weights')).subarray(0, 5000), /"half\.weights" was not loaded.*truncated/],
    ];
    for (const [name, buffer, reason] of refusals) {
      await page.getByTestId('own-forger-file').setInputFiles({ name, mimeType: 'application/octet-stream', buffer });
      await expect.poll(() => testIdText(page, 'own-forger-file-error'), { timeout: TIMEOUT }).toMatch(reason);
    }
    expect(await testIdText(page, 'notices')).toMatch(/half\.weights/);
    expect(await testIdText(page, 'own-forger-status')).toMatch(/Loaded: my-forger\.weights/);
    expect(await page.getByTestId('generator').inputValue()).toBe('own');
    expect(await testIdNumber(page, 'step-count')).toBe(before.steps);
    expect(await testIdText(page, 'accuracy')).toBe(before.accuracy);
    expect(await testIdText(page, 'generalisation-own')).toBe(ownRow);
    expect(await testIdText(page, 'generalisation-mlp')).toBe(before.mlpRow);
    // And it still trains.
    await page.getByTestId('step').click();
    await expect.poll(() => testIdNumber(page, 'step-count'), { timeout: TIMEOUT }).toBe(before.steps + 1);

    // A worker crash, then Restart: the new worker is given the file before it draws the set from it again.
    const workers = page.workers();
    await workers[workers.length - 1].evaluate(() => {
      setTimeout(() => {
        throw new Error('a simulated crash');
      }, 10);
    });
    const banner = page.getByTestId('worker-stopped-banner');
    await banner.waitFor({ state: 'visible', timeout: TIMEOUT });
    await banner.getByRole('button', { name: 'Restart' }).click();
    await banner.waitFor({ state: 'detached', timeout: TIMEOUT });
    await expect.poll(() => page.getByTestId('play-pause').isEnabled(), { timeout: TIMEOUT }).toBe(true);
    expect(await page.getByTestId('generator').inputValue()).toBe('own');
    await expect.poll(() => page.getByTestId('detection-examples').getAttribute('aria-label'), { timeout: TIMEOUT }).toMatch(/fakes from the forger you loaded \(my-forger\.weights\)/);
    expect(await testIdText(page, 'notices')).not.toMatch(/Your own forger is not loaded/);
    await page.getByTestId('step').click();
    await expect.poll(() => testIdNumber(page, 'step-count'), { timeout: TIMEOUT }).toBe(1);

    expect(await runAxe(page)).toEqual([]);
    for (const [width, height] of [[1400, 900], [1024, 768], [414, 860]]) {
      await page.setViewportSize({ width, height });
      await centre(page.getByTestId('own-forger-file'));
      await viewShot(page, `detection-own-forger-${width}`);
    }
  }, 60_000);

  it('lists a model the digit forger kept in this browser, uses it, and forgets it', async () => {
    const digits = await harness.open('#/digits');
    await digits.setViewportSize({ width: 1400, height: 900 });
    const keep = digits.getByTestId('keep-for-detection');
    // Its section of the settings column starts folded, like "Save and load".
    await digits.locator('summary', { hasText: 'Detection lab' }).click();
    await keep.waitFor({ state: 'visible', timeout: TIMEOUT });
    await expect.poll(() => keep.isEnabled(), { timeout: TIMEOUT }).toBe(true);
    await keep.click();
    await expect.poll(() => digits.getByTestId('keep-for-detection-done').textContent(), { timeout: TIMEOUT }).toMatch(/Kept “digit-forger-step-\d+” in this browser/);
    const kept = ((await digits.getByTestId('keep-for-detection-done').textContent()) ?? '').match(/digit-forger-step-\d+/)![0];
    for (const [width, height] of [[1400, 900], [414, 860]]) {
      await digits.setViewportSize({ width, height });
      await centre(keep);
      await viewShot(digits, `digits-keep-for-detection-${width}`);
    }

    const page = await harness.open('#/detection?n=100&seed=3');
    await page.setViewportSize({ width: 1400, height: 900 });
    const list = page.getByTestId('kept-forgers');
    await list.waitFor({ state: 'visible', timeout: TIMEOUT });
    expect(await list.textContent()).toContain(kept);
    await expect.poll(() => page.getByTestId('kept-forger-use').first().isEnabled(), { timeout: TIMEOUT }).toBe(true);
    await page.getByTestId('kept-forger-use').first().click();
    await expect.poll(() => testIdText(page, 'own-forger-status'), { timeout: TIMEOUT }).toMatch(new RegExp(`Loaded: ${kept} \\(`));
    await expect.poll(() => page.getByTestId('detection-examples').getAttribute('aria-label'), { timeout: TIMEOUT }).toContain(`fakes from the forger you loaded (${kept})`);
    await centre(list);
    await viewShot(page, 'detection-kept-forgers-1400');
    expect(await runAxe(page)).toEqual([]);
    await page.getByTestId('kept-forger-forget').first().click();
    await page.getByTestId('kept-forgers-none').waitFor({ state: 'visible', timeout: TIMEOUT });
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
