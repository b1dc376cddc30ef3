/**
 * The voice lab, end to end, in Debian's Chromium against the built app (`dist/`). Every test
 * also checks (in afterEach) that nothing left the app's own origin and that the page logged no error.
 */
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { join } from 'node:path';
import { SCREENS_DIR, canvasPixels, pixelDifference, runAxe, screenshot, testIdNumber, testIdText, type CanvasPixels, saveScreenshot } from './harness';
import { startLabHarness } from './labHarness';

const harness = startLabHarness();
const TIMEOUT = 60_000;
const PICTURES = ['realA', 'realB', 'rebuiltA', 'convertedAB'] as const;

async function openVoiceLab(): Promise<Page> {
  const page = await harness.open('#/voice');
  await page.getByTestId('play-pause').waitFor({ state: 'visible', timeout: TIMEOUT });
  await page.getByTestId('spectrogram-convertedAB').waitFor({ state: 'visible', timeout: TIMEOUT });
  await page.getByTestId('loading-banner').waitFor({ state: 'detached', timeout: TIMEOUT });
  await page.waitForFunction(() => /\d/.test(document.querySelector('[data-testid="convert-ms"]')?.textContent ?? ''), undefined, { timeout: TIMEOUT });
  return page;
}

/** Standard deviation of the canvas's grey levels: a blank (one-colour) canvas scores 0. */
function spread(pixels: CanvasPixels): number {
  let sum = 0;
  let sumSq = 0;
  const n = pixels.rgba.length / 4;
  for (let i = 0; i < pixels.rgba.length; i += 4) {
    const grey = (pixels.rgba[i] + pixels.rgba[i + 1] + pixels.rgba[i + 2]) / 3;
    sum += grey;
    sumSq += grey * grey;
  }
  return Math.sqrt(Math.max(0, sumSq / n - (sum / n) ** 2));
}

/** Presses a Play button and returns the RMS of the AudioBuffer it played (from the button's data attribute). */
async function playedRms(page: Page, id: string): Promise<number> {
  const button = page.getByTestId(`play-${id}`);
  await button.click();
  await page.waitForFunction((sel) => document.querySelector(sel)?.getAttribute('data-rms') != null, `[data-testid="play-${id}"]`, { timeout: TIMEOUT });
  return Number(await button.getAttribute('data-rms'));
}

describe('voice lab', () => {
  it('opens on the pretrained Juno → Orbo model, draws four spectrograms, converts within a second, plays sound, and training changes the clone', async () => {
    const page = await openVoiceLab();
    expect(await page.locator('h1').textContent()).toBe('Voice lab');
    expect(await page.locator('#voice-start-juno-orbo').isChecked()).toBe(true);
    const steps = await testIdNumber(page, 'step-count');
    expect(steps).toBe(3000);
    for (const id of PICTURES) {
      const pixels = await canvasPixels(page, `spectrogram-${id}`);
      expect(pixels.width).toBe(360);
      expect(spread(pixels), id).toBeGreaterThan(10);
    }
    // Fetched, decoded, built and converted: about 0.4 s here when the machine is quiet (the bench prints it against the 1 s target); loose for a busy second core.
    const convertMs = await testIdNumber(page, 'convert-ms');
    expect(convertMs).toBeLessThanOrEqual(1000);
    expect(await testIdNumber(page, 'load-ms') + convertMs).toBeLessThanOrEqual(2000);
    expect(await page.getByTestId('judged').textContent()).toContain('100% Orbo');
    // Real sound as synthesised (RMS 0.1), and the clone through Griffin–Lim: neither silent.
    expect(await playedRms(page, 'realA')).toBeCloseTo(0.1, 2);
    // The clone plays with Juno's melody kept (the default); unticked, the decoder's own sound: a different buffer, neither silent.
    expect(await page.getByTestId('keep-melody').isChecked()).toBe(true);
    const melodyStarted = Date.now();
    const kept = await playedRms(page, 'convertedAB');
    expect(kept).toBeGreaterThan(0.01);
    await page.getByTestId('keep-melody').uncheck();
    await page.getByTestId('play-convertedAB').click();
    await expect.poll(async () => Number(await page.getByTestId('play-convertedAB').getAttribute('data-rms')), { timeout: TIMEOUT }).not.toBe(kept);
    const own = Number(await page.getByTestId('play-convertedAB').getAttribute('data-rms'));
    expect(own).toBeGreaterThan(0.01);
    console.log(`voice lab: the clone played with Juno's melody kept at RMS ${kept}, as the decoder made it at RMS ${own} (${((Date.now() - melodyStarted) / 1000).toFixed(1)} s for both)`);
    await page.getByTestId('keep-melody').check();
    expect(await runAxe(page)).toEqual([]);

    // A few seconds of training move the converted spectrogram.
    const before = await canvasPixels(page, 'spectrogram-convertedAB');
    await page.getByTestId('play-pause').click();
    await expect.poll(() => testIdNumber(page, 'step-count'), { timeout: TIMEOUT }).toBeGreaterThan(steps + 10);
    await page.getByTestId('play-pause').click();
    await page.waitForTimeout(400);
    const after = await canvasPixels(page, 'spectrogram-convertedAB');
    expect(pixelDifference(before, after)).toBeGreaterThan(0.05);
    expect(spread(after)).toBeGreaterThan(10);

    for (const [width, height] of [[1400, 900], [1024, 768], [414, 900]]) {
      await page.setViewportSize({ width, height });
      await page.evaluate(() => window.scrollTo(0, 0));
      await page.waitForTimeout(150);
      await screenshot(page, `voice-lab-${width}`);
      // The melody switch with the clone's card above it.
      const card = (await page.getByTestId('card-convertedAB').boundingBox())!;
      const control = (await page.locator('.keep-melody').boundingBox())!;
      const x = Math.max(0, Math.min(card.x, control.x) - 8);
      const clip = { x, y: card.y - 8, width: Math.max(card.x + card.width, control.x + control.width) + 8 - x, height: control.y + control.height + 8 - (card.y - 8) };
      await saveScreenshot(page, { path: join(SCREENS_DIR, `voice-keep-melody-${width}.png`), fullPage: true, clip });
    }
  });

  it('trains the voice lock and the clone detector in the worker, shows the clone\'s verdict, and plays the quiz by keyboard', async () => {
    const page = await openVoiceLab();
    await page.setViewportSize({ width: 1400, height: 900 });
    const started = Date.now();
    // The voice lock, keys only: the quicker crowd and steps, then Enter on the button.
    await page.getByTestId('lock-crowd').focus();
    await page.keyboard.press('ArrowDown');
    await page.getByTestId('lock-steps').focus();
    await page.keyboard.press('ArrowDown');
    expect(await page.getByTestId('lock-crowd').inputValue()).toBe('16');
    expect(await page.getByTestId('lock-steps').inputValue()).toBe('200');
    await page.getByTestId('train-lock').focus();
    await page.keyboard.press('Enter');
    await page.getByTestId('lock-progress').waitFor({ state: 'visible', timeout: TIMEOUT });
    await page.getByTestId('lock-results').waitFor({ state: 'visible', timeout: 120_000 });
    const lockSeconds = (Date.now() - started) / 1000;
    // The owner opens the lock and the impostor does not, at the equal-error threshold; the clone's verdict shows.
    expect(await testIdText(page, 'lock-real-verdict')).toBe('the lock opens');
    expect(await testIdText(page, 'lock-impostor-verdict')).toBe('the lock stays shut');
    expect(await testIdText(page, 'lock-clone-verdict')).toMatch(/^the lock (opens|stays shut)$/);
    const farClones = await testIdNumber(page, 'lock-far-clones');
    const farImpostors = await testIdNumber(page, 'lock-far-impostors');
    // The slider by keyboard: a higher threshold lets in no more impostors.
    const t0 = await testIdNumber(page, 'lock-threshold-value');
    await page.getByTestId('lock-threshold').focus();
    for (let i = 0; i < 10; i++) await page.keyboard.press('ArrowRight');
    expect(await testIdNumber(page, 'lock-threshold-value')).toBeGreaterThan(t0);
    expect(await testIdNumber(page, 'lock-impostors')).toBeLessThanOrEqual(farImpostors);
    expect(await page.getByTestId('voice-roc').locator('path').count()).toBe(2);

    // The clone detector, then the quiz on its held-out clips.
    const detectorStarted = Date.now();
    await page.getByTestId('train-detector').focus();
    await page.keyboard.press('Enter');
    await page.getByTestId('detector-results').waitFor({ state: 'visible', timeout: 120_000 });
    const detectorSeconds = (Date.now() - detectorStarted) / 1000;
    const accuracy = await testIdNumber(page, 'detector-accuracy');
    const eer = await testIdNumber(page, 'detector-eer');
    expect(await page.getByTestId('saliency-bar').count()).toBe(16);
    // The same clips down a phone line: a share, and the text names the line.
    const phone = await testIdNumber(page, 'detector-phone-accuracy');
    expect(phone).toBeGreaterThanOrEqual(0);
    expect(phone).toBeLessThanOrEqual(100);
    expect(await page.getByTestId('detector-phone-help').textContent()).toContain('300–3,400 Hz');

    await page.getByTestId('deal-quiz').focus();
    await page.keyboard.press('Enter');
    await page.getByTestId('quiz-clips').waitFor({ state: 'visible', timeout: TIMEOUT });
    expect(await page.getByTestId('quiz-clip').count()).toBe(10);
    // Play the first clip with Space; answer each clip with the keyboard (Space on a choice, arrows in the confidence).
    await page.getByTestId('quiz-play-0').focus();
    await page.keyboard.press('Space');
    await page.waitForFunction(() => document.querySelector('[data-testid="quiz-play-0"]')?.textContent?.startsWith('Playing…') === true, undefined, { timeout: TIMEOUT });
    for (let i = 0; i < 10; i++) {
      await page.getByTestId(`quiz-${i % 3 === 0 ? 'clone' : 'real'}-${i}`).focus();
      await page.keyboard.press('Space');
      await page.getByTestId(`quiz-confidence-${i}`).focus();
      await page.keyboard.press(i % 2 === 0 ? 'ArrowDown' : 'ArrowUp');
    }
    await page.getByTestId('score-quiz').focus();
    await page.keyboard.press('Enter');
    await page.getByTestId('quiz-results').waitFor({ state: 'visible', timeout: TIMEOUT });
    expect(await testIdText(page, 'quiz-my-score')).toMatch(/^\d+ \/ 10/);
    expect(await testIdText(page, 'quiz-detector-score')).toMatch(/^\d+ \/ 10/);
    expect(await page.locator('[data-testid^="quiz-truth-"]').count()).toBe(10);
    expect(await runAxe(page)).toEqual([]);
    console.log(`voice lab in the browser: lock (16 speakers, 200 steps) ${lockSeconds.toFixed(1)} s, clones let in ${farClones}% vs impostors ${farImpostors}% at the EER threshold; `
      + `detector ${detectorSeconds.toFixed(1)} s, held-out accuracy ${accuracy}%, EER ${eer}%; quiz ${await testIdText(page, 'quiz-my-score')} vs detector ${await testIdText(page, 'quiz-detector-score')}`);

    for (const [width, height] of [[1400, 900], [1024, 768], [414, 900]]) {
      await page.setViewportSize({ width, height });
      await page.waitForTimeout(150);
      // Clipped from the whole page scrolled to the top, so the sticky toolbar does not cover the panel.
      await page.evaluate(() => window.scrollTo(0, 0));
      for (const panel of ['voice-lock', 'voice-detector', 'voice-quiz']) {
        const box = (await page.locator(`.${panel}`).boundingBox())!;
        await saveScreenshot(page, { path: join(SCREENS_DIR, `${panel}-${width}.png`), fullPage: true, clip: box });
      }
    }
  });
});
