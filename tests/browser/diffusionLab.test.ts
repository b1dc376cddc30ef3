/**
 * The diffusion lab end to end in Debian's Chromium against the built app: it opens, trains
 * (the step count rises and the loss falls), the reverse process's canvas repaints as the
 * particles move, the forward slider dissolves the data, a change of sampling steps takes
 * effect without resetting training, axe finds no serious violation, and with reduced motion
 * the walk from noise to data does not animate; switched on, the race against a GAN draws both
 * clouds and fills its table. The Digits view samples the shipped digit U-Net,
 * whose grid the project's classifier reads as the digit asked for.
 */
import { describe, expect, it } from 'vitest';
import { canvasPixels, pixelDifference, runAxe, screenshot, testIdNumber, testIdText } from './harness';
import { startLabHarness } from './labHarness';

const harness = startLabHarness();
const TIMEOUT = 30_000;

describe('the diffusion lab', () => {
  it('trains: the step count rises, the loss falls, the particles move, and the views answer their sliders', async () => {
    const page = await harness.open('#/diffusion?hidden=32,32');
    await page.setViewportSize({ width: 1400, height: 900 });
    await page.getByTestId('play-pause').waitFor({ state: 'visible', timeout: TIMEOUT });
    await page.waitForFunction(
      () => (document.querySelector('[data-testid="backend-name"]')?.textContent ?? '').trim().length > 0,
      undefined,
      { timeout: TIMEOUT },
    );
    await expect.poll(() => testIdText(page, 'samples-per-second'), { timeout: TIMEOUT }).not.toBe('—');
    const untrained = await canvasPixels(page, 'reverse-canvas');

    await page.getByTestId('step').click();
    await expect.poll(() => testIdNumber(page, 'step-count'), { timeout: TIMEOUT }).toBe(1);
    const firstLoss = await testIdNumber(page, 'loss');
    expect(firstLoss).toBeGreaterThan(0);

    await page.getByTestId('play-pause').click();
    await expect.poll(() => testIdNumber(page, 'step-count'), { timeout: TIMEOUT }).toBeGreaterThan(400);
    await page.getByTestId('play-pause').click();
    await expect.poll(() => testIdText(page, 'play-pause'), { timeout: TIMEOUT }).toBe('Play');
    // The moving average of the loss has come well down from the first batch's.
    expect(await testIdNumber(page, 'loss')).toBeLessThan(0.8 * firstLoss);
    const trained = await canvasPixels(page, 'reverse-canvas');
    expect(pixelDifference(untrained, trained)).toBeGreaterThan(0.01);
    expect(await testIdText(page, 'modes-covered')).toMatch(/^\d of 8$/);

    // The full ancestral walk by default; DDIM in fewer steps: the walk changes (5 steps) while the model keeps its training.
    expect(await testIdNumber(page, 'sampling-steps')).toBe(100);
    const steps = await testIdNumber(page, 'step-count');
    await page.getByTestId('sampler').selectOption('ddim');
    await expect.poll(() => page.evaluate(() => window.location.hash), { timeout: TIMEOUT }).toContain('sampler=ddim');
    // DDIM starts at the walk's T steps; the keyboard takes it down.
    await expect.poll(() => testIdNumber(page, 'sampling-steps'), { timeout: TIMEOUT }).toBe(100);
    const slider = page.getByTestId('sampling-steps-slider');
    await slider.focus();
    await slider.press('Home');
    for (let i = 0; i < 4; i++) await slider.press('ArrowRight');
    await expect.poll(() => testIdNumber(page, 'sampling-steps'), { timeout: TIMEOUT }).toBe(5);
    await expect.poll(() => testIdText(page, 'reverse-t'), { timeout: TIMEOUT }).toBe('t = 0');
    await expect.poll(() => page.evaluate(() => window.location.hash), { timeout: TIMEOUT }).toContain('steps=5');
    expect(await testIdNumber(page, 'step-count')).toBe(steps);
    // The scrubber walks back to the starting noise.
    await page.getByTestId('reverse-slider').fill('0');
    await expect.poll(() => testIdText(page, 'reverse-t'), { timeout: TIMEOUT }).toBe('t = 81');

    // The forward process: sliding t to T repaints the data as noise.
    const before = await canvasPixels(page, 'forward-canvas');
    await page.getByTestId('forward-slider').fill('100');
    await expect.poll(() => testIdText(page, 'forward-t'), { timeout: TIMEOUT }).toBe('100');
    expect(pixelDifference(before, await canvasPixels(page, 'forward-canvas'))).toBeGreaterThan(0.01);

    expect(await runAxe(page)).toEqual([]);
    await screenshot(page, 'diffusion-lab-trained');

    // With reduced motion the walk does not play by itself; the scrubber still walks it.
    await expect.poll(() => page.getByTestId('play-walk').count()).toBe(1);
    await page.emulateMedia({ reducedMotion: 'reduce' });
    await expect.poll(() => page.getByTestId('play-walk').count(), { timeout: TIMEOUT }).toBe(0);
    expect(await page.getByTestId('walk-still').count()).toBe(1);
  }, 60_000);

  it('races a GAN: switched on, both clouds are drawn side by side and the table fills, each side with half the clock', async () => {
    const page = await harness.open('#/diffusion?hidden=32,32');
    await page.setViewportSize({ width: 1400, height: 900 });
    await page.getByTestId('play-pause').waitFor({ state: 'visible', timeout: TIMEOUT });
    await expect.poll(() => testIdText(page, 'samples-per-second'), { timeout: TIMEOUT }).not.toBe('—');
    // Off by default: no clouds, no table.
    expect(await page.getByTestId('race-table').count()).toBe(0);

    await page.getByLabel('Race a GAN on the same data').check();
    await page.getByTestId('race-table').waitFor({ state: 'visible', timeout: TIMEOUT });
    await expect.poll(() => testIdText(page, 'race-steps-gan'), { timeout: TIMEOUT }).toBe('0');
    const untrainedGan = await canvasPixels(page, 'race-gan-canvas');
    await page.getByTestId('play-pause').click();
    await expect.poll(() => testIdNumber(page, 'race-seconds-gan'), { timeout: TIMEOUT }).toBeGreaterThanOrEqual(3);
    await page.getByTestId('play-pause').click();
    await expect.poll(() => testIdText(page, 'play-pause'), { timeout: TIMEOUT }).toBe('Play');

    // Each side had about half the clock: the GAN catches up after every denoiser step.
    const seconds = { diffusion: await testIdNumber(page, 'race-seconds-diffusion'), gan: await testIdNumber(page, 'race-seconds-gan') };
    expect(seconds.gan).toBeGreaterThanOrEqual(seconds.diffusion - 0.05);
    expect(seconds.gan).toBeLessThan(1.3 * seconds.diffusion + 0.1);
    expect(await testIdNumber(page, 'race-steps-diffusion')).toBe(await testIdNumber(page, 'step-count'));
    expect(await testIdNumber(page, 'race-steps-gan')).toBeGreaterThan(0);
    for (const side of ['diffusion', 'gan']) {
      expect(await testIdText(page, `race-modes-${side}`)).toMatch(/^\d of 8$/);
      expect(await testIdText(page, `race-quality-${side}`)).toMatch(/^\d+%$/);
      expect(await testIdNumber(page, `race-rate-${side}`)).toBeGreaterThan(0);
    }
    // Both clouds drawn, different from each other, and the GAN's moved with training.
    const gan = await canvasPixels(page, 'race-gan-canvas');
    expect(pixelDifference(untrainedGan, gan)).toBeGreaterThan(0.002);
    expect(pixelDifference(gan, await canvasPixels(page, 'race-diffusion-canvas'))).toBeGreaterThan(0.002);
    expect(await runAxe(page)).toEqual([]);
    await page.getByTestId('race-panel').scrollIntoViewIfNeeded();
    await screenshot(page, 'diffusion-lab-race');

    // Off again: the clouds and the table go, and the denoiser trains alone.
    await page.getByLabel('Race a GAN on the same data').uncheck();
    expect(await page.getByTestId('race-table').count()).toBe(0);
  }, 60_000);

  /**
   * What the shipped digit model (models/digitDiffusion.weights) reaches on this grid, with a little
   * room; the target (97% over all classes) is tests/bench/diffusionDigits.ts's. Chance is 10%.
   */
  const DIGITS_REACHED = { readAsAsked: 0.9 };

  it('Digits: the shipped U-Net draws a grid the classifier reads as the digit asked for, step by step', async () => {
    const page = await harness.open('#/diffusion');
    await page.setViewportSize({ width: 1400, height: 900 });
    await page.getByTestId('mode-digits').waitFor({ state: 'visible', timeout: TIMEOUT });
    await page.getByTestId('mode-digits').click();
    await expect.poll(() => testIdText(page, 'digit-status'), { timeout: 60_000 }).toBe('ready');
    await page.getByTestId('digit-class').selectOption('3');
    await expect.poll(() => testIdText(page, 'digit-status'), { timeout: 60_000 }).toBe('ready');
    const recognised = await testIdText(page, 'digit-recognised');
    const [read, total] = recognised.split(' of ').map(Number);
    expect(total).toBe(64);
    expect(read / total).toBeGreaterThanOrEqual(DIGITS_REACHED.readAsAsked);
    // The finished grid: the noisy side has become the digits, and both canvases show them.
    const done = await canvasPixels(page, 'digit-noisy-canvas');
    // Back to the first step: pure noise on the left, a blurry first guess on the right.
    await page.getByTestId('digit-scrubber').fill('0');
    await expect.poll(() => testIdText(page, 'digit-t'), { timeout: TIMEOUT }).toMatch(/^t = \d{3,4}$/);
    expect(pixelDifference(done, await canvasPixels(page, 'digit-noisy-canvas'))).toBeGreaterThan(0.05);
    expect(pixelDifference(await canvasPixels(page, 'digit-noisy-canvas'), await canvasPixels(page, 'digit-clean-canvas'))).toBeGreaterThan(0.05);
    expect(await page.getByTestId('digit-scores').locator('tbody tr').count()).toBeGreaterThanOrEqual(4);
    expect(await runAxe(page)).toEqual([]);
    await screenshot(page, 'diffusion-lab-digits');
  }, 90_000);
});
