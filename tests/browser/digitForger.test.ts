/**
 * The digit forger, end to end, in Debian's Chromium against the built app
 * (`dist/`). Every test also checks (in afterEach) that nothing left the app's
 * own origin and that the page logged no error.
 */
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { canvasPixels, pixelDifference, runAxe, screenshot, testIdNumber, testIdText } from './harness';
import { startLabHarness } from './labHarness';

const harness = startLabHarness();

const TIMEOUT = 90_000;

/** Opens the digit forger and waits until the worker has loaded the digits, built the model and drawn the grid. */
async function openDigits(): Promise<Page> {
  const page = await harness.open('#/digits');
  await page.getByTestId('play-pause').waitFor({ state: 'visible', timeout: TIMEOUT });
  await page.waitForFunction(
    () => (document.querySelector('[data-testid="backend-name"]')?.textContent ?? '').trim().length > 0,
    undefined,
    { timeout: TIMEOUT },
  );
  await page.getByTestId('sample-grid').waitFor({ state: 'visible', timeout: TIMEOUT });
  await page.getByTestId('loading-banner').waitFor({ state: 'detached', timeout: TIMEOUT });
  return page;
}

const stepCount = (page: Page) => testIdNumber(page, 'step-count');

async function waitForSteps(page: Page, atLeast: number): Promise<void> {
  await page.waitForFunction(
    (n) => Number((document.querySelector('[data-testid="step-count"]')?.textContent ?? '').replace(/\D/g, '')) >= n,
    atLeast,
    { timeout: TIMEOUT },
  );
}

async function step(page: Page, times: number): Promise<void> {
  for (let i = 0; i < times; i++) {
    const before = await stepCount(page);
    await page.getByTestId('step').click();
    await waitForSteps(page, before + 1);
  }
}

const playPauseNamed = (page: Page, name: 'Play' | 'Pause') =>
  page.getByTestId('play-pause').and(page.getByRole('button', { name, exact: true }));

describe('digit forger', () => {
  it('loads the digits and a backend at step 0 with a grid of static and no serious accessibility problem; a step and a spell of play, from the keyboard, each change the grid', async () => {
    const page = await openDigits();
    expect(['wasm', 'webgl', 'cpu']).toContain((await testIdText(page, 'backend-name')).toLowerCase());
    expect(await stepCount(page)).toBe(0);
    expect(await page.locator('h1').textContent()).toBe('Digit forger');
    const start = await canvasPixels(page, 'sample-grid');
    expect(start.width).toBeGreaterThan(600);
    await page.getByTestId('quiz-grid').waitFor({ state: 'visible', timeout: TIMEOUT });
    await page.getByTestId('latent-walk').waitFor({ state: 'visible', timeout: TIMEOUT });
    await screenshot(page, 'digit-forger-start');
    expect(await runAxe(page)).toEqual([]);

    // The keys of the adversarial lab: → takes one step, Space plays and pauses (nothing is focused yet).
    await page.keyboard.press('ArrowRight');
    await waitForSteps(page, 1);
    const afterStep = await canvasPixels(page, 'sample-grid');
    expect(pixelDifference(start, afterStep)).toBeGreaterThan(0.05);

    await page.keyboard.press(' ');
    await playPauseNamed(page, 'Pause').waitFor({ timeout: 10_000 });
    await waitForSteps(page, 30);
    // Play on until the rate has been measured once (a fast machine reaches step 30 before the first measurement).
    await page.waitForFunction(() => /\d/.test(document.querySelector('[data-testid="steps-per-second"]')?.textContent ?? ''), undefined, { timeout: TIMEOUT });
    await page.keyboard.press(' ');
    await playPauseNamed(page, 'Play').waitFor({ timeout: 10_000 });
    const afterPlay = await canvasPixels(page, 'sample-grid');
    expect(pixelDifference(afterStep, afterPlay)).toBeGreaterThan(0.05);
    // Quality is measured at least once a few seconds into training; the readout then shows a number.
    await page.waitForFunction(() => /\d/.test(document.querySelector('[data-testid="inception-score"]')?.textContent ?? ''), undefined, { timeout: TIMEOUT });
    // While paused, the rate readout keeps the last measured rate, marked as such.
    expect(await testIdText(page, 'steps-per-second')).toMatch(/^\d+(\.\d)? \(last\)$/);
    await screenshot(page, 'digit-forger-trained');
  });

  it('the timeline slider shows a stored earlier grid, and goes back to live', async () => {
    const page = await openDigits();
    await step(page, 4);
    const live = await canvasPixels(page, 'sample-grid');
    const slider = page.getByTestId('timeline-slider');
    await slider.focus();
    await slider.press('Home');
    await page.getByTestId('timeline-position').filter({ hasText: /Replay · step 0/ }).waitFor({ timeout: 10_000 });
    const replay = await canvasPixels(page, 'sample-grid');
    expect(pixelDifference(live, replay)).toBeGreaterThan(0.05);
    // A step while replaying adds to the timeline but leaves the replayed grid still.
    await step(page, 1);
    expect(pixelDifference(replay, await canvasPixels(page, 'sample-grid'))).toBe(0);
    await page.getByTestId('timeline-live').click();
    await page.getByTestId('timeline-position').filter({ hasText: /Live · step 5/ }).waitFor({ timeout: 10_000 });
    expect(pixelDifference(replay, await canvasPixels(page, 'sample-grid'))).toBeGreaterThan(0.05);
  });

  it('starts from the pretrained conditional GAN: its timeline runs from static to digits, and the classifier in the page recognises them', async () => {
    const page = await openDigits();
    const scratch = await canvasPixels(page, 'sample-grid');
    await page.locator('#start-dcgan-conditional').check();
    // The shipped model's own timeline arrives with it: its last step is thousands of steps in.
    await page.waitForFunction(
      () => Number((document.querySelector('[data-testid="step-count"]')?.textContent ?? '').replace(/\D/g, '')) >= 1000,
      undefined,
      { timeout: TIMEOUT },
    );
    const trained = await canvasPixels(page, 'sample-grid');
    expect(pixelDifference(scratch, trained)).toBeGreaterThan(0.05);
    await screenshot(page, 'digit-forger-pretrained');
    // One step scores fresh samples with the digit classifier running in the page's worker.
    await page.getByTestId('step').click();
    await page.waitForFunction(
      () => Number(document.querySelector('[data-testid="inception-score"]')?.textContent) > 0,
      undefined,
      { timeout: TIMEOUT },
    );
    // An Inception Score near 10 means the classifier is sure of each digit and sees all ten kinds.
    expect(await testIdNumber(page, 'inception-score')).toBeGreaterThan(8);
    const slider = page.getByTestId('timeline-slider');
    await slider.focus();
    await slider.press('Home');
    await page.getByTestId('timeline-position').filter({ hasText: /Replay · step 0/ }).waitFor({ timeout: 10_000 });
    expect(pixelDifference(trained, await canvasPixels(page, 'sample-grid'))).toBeGreaterThan(0.05);
    // Switching models while the views redraw must not raise a problem notice.
    expect(await page.locator('.notice-error').allTextContents()).toEqual([]);
  });

  it('the which-is-fake round hides the answers until Reveal', async () => {
    const page = await openDigits();
    await page.getByTestId('quiz-grid').waitFor({ state: 'visible', timeout: TIMEOUT });
    expect(await testIdText(page, 'quiz-status')).toMatch(/8 of these 16 are fake/);
    const hidden = await canvasPixels(page, 'quiz-grid');
    await page.getByTestId('reveal').click();
    await page.getByTestId('quiz-status').filter({ hasText: /fakes are outlined/ }).waitFor({ timeout: 10_000 });
    const shown = await canvasPixels(page, 'quiz-grid');
    expect(pixelDifference(hidden, shown)).toBeGreaterThan(0.01);
    expect(await page.getByTestId('reveal').textContent()).toBe('Hide the answers');
    await page.getByTestId('deal').click();
    await page.getByTestId('quiz-status').filter({ hasText: /Round 2: .*8 of these 16 are fake/ }).waitFor({ timeout: 10_000 });
    await page.getByText("Show the discriminator's scores").click();
    await screenshot(page, 'digit-forger-reveal');
    expect(await runAxe(page)).toEqual([]);
  });

  it('edits after training wait for "Apply & reset"; a conditional model captions the asked-for digits', async () => {
    const page = await openDigits();
    await step(page, 2);
    await page.getByTestId('class-9').click();
    await page.getByTestId('pending-changes').waitFor({ timeout: 10_000 });
    expect(await stepCount(page)).toBe(2);
    await page.getByText('Conditional GAN (ask for a digit)').click();
    const before = await canvasPixels(page, 'sample-grid');
    await page.getByTestId('apply-reset').click();
    await page.getByTestId('pending-changes').waitFor({ state: 'detached', timeout: 10_000 });
    await page.waitForFunction(() => document.querySelector('[data-testid="step-count"]')?.textContent === '0', undefined, { timeout: TIMEOUT });
    // Captions ("3") under each cell make the grid taller.
    await page.waitForFunction(
      (h) => ((document.querySelector('canvas[data-testid="sample-grid"]') as HTMLCanvasElement | null)?.height ?? 0) > h,
      before.height,
      { timeout: 10_000 },
    );
    await page.getByTestId('walk-digit').waitFor({ state: 'visible', timeout: 10_000 });
    expect(await page.getByTestId('walk-digit').locator('option').count()).toBe(9);
    expect(await runAxe(page)).toEqual([]);
  });

  it('a latent slider redraws the sample from noise A, and "Back to noise A" restores it', async () => {
    const page = await openDigits();
    await step(page, 2);
    const sample = page.getByTestId('latent-sample');
    await sample.waitFor({ state: 'visible', timeout: TIMEOUT });
    // The sample redraws a moment after each step (requests are throttled): wait until it has caught up with step 2.
    let original = await canvasPixels(page, 'latent-sample');
    await expect.poll(async () => {
      await page.waitForTimeout(400);
      const now = await canvasPixels(page, 'latent-sample');
      const difference = pixelDifference(original, now);
      original = now;
      return difference;
    }, { timeout: 10_000 }).toBe(0);
    const slider = page.getByTestId('latent-slider-0');
    await slider.focus();
    await slider.press('End');
    await expect.poll(async () => pixelDifference(original, await canvasPixels(page, 'latent-sample')), { timeout: 10_000 }).toBeGreaterThan(0.05);
    await page.getByTestId('latent-reset').click();
    await page.waitForFunction(() => (document.querySelector('[data-testid="latent-reset"]') as HTMLButtonElement | null)?.disabled === true);
    await expect.poll(async () => pixelDifference(original, await canvasPixels(page, 'latent-sample')), { timeout: 10_000 }).toBe(0);
  });

  it('training that blows up pauses with a message, and Reset starts again', async () => {
    const page = await openDigits();
    // Plain SGD with a learning rate of 10 sends the weights to infinity within a few steps.
    for (const net of ['generator', 'discriminator']) await page.getByTestId(`${net}-optimizer`).selectOption('sgd');
    for (const id of ['g-learning-rate', 'd-learning-rate']) {
      await page.getByTestId(id).fill('10');
      await page.getByTestId(id).press('Enter');
    }
    await page.getByTestId('play-pause').click();
    const banner = page.getByTestId('divergence-banner');
    await banner.waitFor({ timeout: TIMEOUT });
    expect(await banner.textContent()).toMatch(/not a number/);
    expect(await page.getByTestId('play-pause').isDisabled()).toBe(true);
    expect(await page.getByTestId('step').isDisabled()).toBe(true);
    await banner.getByRole('button', { name: 'Reset' }).click();
    await banner.waitFor({ state: 'detached', timeout: 10_000 });
    await page.waitForFunction(() => document.querySelector('[data-testid="step-count"]')?.textContent === '0', undefined, { timeout: TIMEOUT });
    expect(await page.getByTestId('play-pause').isDisabled()).toBe(false);
  });
});
