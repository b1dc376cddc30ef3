/**
 * The training-session stack every lab shares, in Debian's Chromium against the built app: in
 * each lab a refused edit keeps the running settings and shows the worker's reason, Restart after
 * a worker crash brings back a model loaded from a file (its step count and its pictures, not
 * fresh weights), and the rate readout is measured over the one window. One page load per lab.
 */
import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { RATE_WINDOW_MS } from '../../src/protocol/shared/sessionProtocol';
import { canvasPixels, screenshot, testIdNumber, testIdText, type CanvasPixels } from './harness';
import { startLabHarness } from './labHarness';

const harness = startLabHarness();

const TIMEOUT = 90_000;
const stepCount = (page: Page) => testIdNumber(page, 'step-count');

async function waitForBackend(page: Page): Promise<void> {
  await page.waitForFunction(
    () => (document.querySelector('[data-testid="backend-name"]')?.textContent ?? '').trim().length > 0,
    undefined,
    { timeout: TIMEOUT },
  );
}

/** Opens a lab at 1400×900 and waits until its worker has started and built the model. */
async function openLab(path: string, canvas: string): Promise<Page> {
  const page = await harness.open(path);
  await page.setViewportSize({ width: 1400, height: 900 });
  await page.getByTestId('play-pause').waitFor({ state: 'visible', timeout: TIMEOUT });
  await waitForBackend(page);
  await page.getByTestId(canvas).waitFor({ state: 'visible', timeout: TIMEOUT });
  await page.getByTestId('loading-banner').waitFor({ state: 'detached', timeout: TIMEOUT });
  return page;
}

async function waitForStepCount(page: Page, steps: number): Promise<void> {
  await expect.poll(() => stepCount(page), { timeout: TIMEOUT }).toBe(steps);
}

/** Mean absolute difference of two same-sized canvases' colour levels (0–255). */
function meanLevelDifference(a: CanvasPixels, b: CanvasPixels): number {
  expect([b.width, b.height]).toEqual([a.width, a.height]);
  let sum = 0;
  for (let i = 0; i < a.rgba.length; i += 4) for (let c = 0; c < 3; c++) sum += Math.abs(a.rgba[i + c] - b.rgba[i + c]);
  return sum / ((a.rgba.length / 4) * 3);
}

/** Waits until the canvas has stopped changing (views redraw a moment after each frame). */
async function settledPixels(page: Page, canvas: string): Promise<CanvasPixels> {
  let last = await canvasPixels(page, canvas);
  await expect.poll(async () => {
    await page.waitForTimeout(300);
    const now = await canvasPixels(page, canvas);
    const moved = meanLevelDifference(last, now);
    last = now;
    return moved;
  }, { timeout: 15_000 }).toBe(0);
  return last;
}

/** Saves the model being trained through the model-file panel; returns the file's bytes. */
async function saveModel(page: Page): Promise<Buffer> {
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('model-save').click()]);
  return readFile((await download.path())!);
}

/** Makes the worker crash (an uncaught error inside it) and waits for the page to notice. */
async function crashWorker(page: Page): Promise<void> {
  const workers = page.workers();
  expect(workers.length).toBeGreaterThan(0);
  await workers[workers.length - 1].evaluate(() => {
    setTimeout(() => {
      throw new Error('a simulated crash');
    }, 10);
  });
  const banner = page.getByTestId('worker-stopped-banner');
  await banner.waitFor({ state: 'visible', timeout: 30_000 });
  expect(await banner.textContent()).toMatch(/a simulated crash/);
}

async function restart(page: Page): Promise<void> {
  const banner = page.getByTestId('worker-stopped-banner');
  await banner.getByRole('button', { name: 'Restart' }).click();
  await banner.waitFor({ state: 'detached', timeout: 10_000 });
  await waitForBackend(page);
}

/**
 * Plays until the rate readout's measured value has changed `changes` times (or `capMs` has passed)
 * and records when: the worker measures once per RATE_WINDOW_MS, so changes come that far apart in
 * every lab. Waiting for a count rather than a fixed time keeps this right on a busy machine, where a
 * lab may take several windows to finish a handful of steps.
 */
async function rateChangeGaps(page: Page, changes = 5, capMs = 30_000): Promise<RateGaps> {
  await page.getByTestId('play-pause').click();
  const times = await page.evaluate(async ([wanted, cap]) => {
    const cell = document.querySelector('[data-testid="steps-per-second"]');
    if (!cell) throw new Error('no rate readout');
    const seen: number[] = [];
    const rates: number[] = [];
    let last = cell.getAttribute('data-rate');
    await new Promise<void>((done) => {
      const finish = () => {
        observer.disconnect();
        clearTimeout(timer);
        done();
      };
      const observer = new MutationObserver(() => {
        const now = cell.getAttribute('data-rate');
        if (now !== last && now !== null && Number(now) > 0) {
          seen.push(performance.now());
          rates.push(Number(now));
        }
        last = now;
        if (seen.length >= wanted) finish();
      });
      const timer = setTimeout(finish, cap);
      observer.observe(cell, { attributes: true, attributeFilter: ['data-rate'] });
    });
    return { seen, rates };
  }, [changes, capMs] as const);
  await page.getByTestId('play-pause').click();
  await page.getByTestId('play-pause').and(page.getByRole('button', { name: 'Play', exact: true })).waitFor({ timeout: 10_000 });
  const { seen, rates } = times;
  // A window closes at the first step that ends after it: it may run over by up to one step.
  return { gaps: seen.slice(1).map((t, i) => t - seen[i]), slowestStepMs: 1000 / Math.min(...rates) };
}

interface RateGaps {
  /** Milliseconds between successive changes of the measured rate, as the page saw them. */
  gaps: number[];
  /** How long one training step took at the slowest measured rate. */
  slowestStepMs: number;
}

function expectOneRateWindow({ gaps, slowestStepMs }: RateGaps): void {
  expect(gaps.length, 'the rate was measured at least four times').toBeGreaterThanOrEqual(3);
  // Frames carry the measurement to the page, so on a busy machine one gap may shrink by a late
  // frame's delay; a rate measured per frame instead of per window would make most gaps a frame long.
  // A window ends with the step that crosses it, so a gap may also grow by up to a step.
  const sorted = [...gaps].sort((a, b) => a - b);
  const median = sorted[Math.floor(sorted.length / 2)];
  const shown = `gaps ${gaps.map(Math.round).join(', ')} ms, a step ${Math.round(slowestStepMs)} ms`;
  expect(median, shown).toBeGreaterThan(0.7 * RATE_WINDOW_MS);
  expect(median, shown).toBeLessThan(1.9 * RATE_WINDOW_MS + slowestStepMs);
  expect(gaps.filter((gap) => gap > 0.5 * RATE_WINDOW_MS).length, shown).toBeGreaterThanOrEqual(Math.ceil((2 * gaps.length) / 3));
}

async function expectRefusalShown(page: Page, reason: RegExp): Promise<void> {
  const refused = page.getByTestId('settings-refused');
  await refused.waitFor({ timeout: TIMEOUT });
  expect(await refused.textContent()).toMatch(reason);
  expect(await testIdText(page, 'notices')).toMatch(/The new settings could not be applied/);
}

describe('adversarial lab', () => {
  it('refuses an edit a loaded model does not fit, keeps that model through a crash and Restart, and measures the rate over one window', async () => {
    const page = await openLab('#/adversarial', 'main-plot-canvas');
    for (let i = 1; i <= 3; i++) {
      await page.getByTestId('step-both').click();
      await waitForStepCount(page, i);
    }
    const trained = await settledPixels(page, 'main-plot-canvas');
    const file = await saveModel(page);
    // Reset starts again from the seed; then the saved file brings the three steps back.
    await page.getByTestId('reset').click();
    await waitForStepCount(page, 0);
    const fresh = await settledPixels(page, 'main-plot-canvas');
    expect(meanLevelDifference(trained, fresh)).toBeGreaterThan(0.5);
    await page.getByTestId('model-load').setInputFiles({ name: 'three-steps.json', mimeType: 'application/json', buffer: file });
    await waitForStepCount(page, 3);
    const loaded = await settledPixels(page, 'main-plot-canvas');
    expect(meanLevelDifference(trained, loaded)).toBeLessThan(0.5);

    // (a) Three noise dimensions need another generator than the file holds: the worker refuses, the loaded model trains on.
    await page.getByText('Generator (G)', { exact: true }).click();
    const noise = page.getByRole('complementary', { name: 'Settings' }).getByLabel('Noise dimension');
    await noise.fill('3');
    await noise.press('Enter');
    await expectRefusalShown(page, /generator has layers/);
    expect(await stepCount(page)).toBe(3);
    expect(await page.evaluate(() => window.location.hash)).not.toMatch(/noiseDim=3/);
    expect(meanLevelDifference(loaded, await canvasPixels(page, 'main-plot-canvas'))).toBeLessThan(0.5);
    await screenshot(page, 'session-adversarial-refused-edit');
    await page.getByTestId('pending-changes').getByRole('button', { name: 'Undo changes' }).click();
    await page.getByTestId('pending-changes').waitFor({ state: 'detached', timeout: 10_000 });

    // (b) A crash, then Restart: the new worker gets the file again, not fresh weights.
    await crashWorker(page);
    expect(await testIdText(page, 'worker-stopped-banner')).toMatch(/Restart starts training again from the file "three-steps\.json"/);
    await screenshot(page, 'session-adversarial-worker-stopped');
    await restart(page);
    await waitForStepCount(page, 3);
    const restarted = await settledPixels(page, 'main-plot-canvas');
    expect(meanLevelDifference(loaded, restarted)).toBeLessThan(0.5);
    expect(meanLevelDifference(fresh, restarted)).toBeGreaterThan(0.5);

    // (c) The rate readout changes once per rate window.
    await page.getByTestId('speed').selectOption('max');
    expectOneRateWindow(await rateChangeGaps(page));
    expect(await testIdText(page, 'steps-per-second')).toMatch(/^[\d,.]+ \(last\)$/);
  });
});

describe('digit forger', () => {
  it('refuses an edit the pretrained model does not fit, keeps a loaded model through a crash and Restart, and measures the rate over one window', async () => {
    const page = await openLab('#/digits', 'sample-grid');
    await page.locator('#start-dcgan-conditional').check();
    await page.locator('.digit-lab[data-start="dcgan-conditional"]').waitFor({ timeout: TIMEOUT });
    const shipped = await stepCount(page);
    expect(shipped).toBeGreaterThan(1000);
    const pretrainedGrid = await settledPixels(page, 'sample-grid');

    // (a) An unconditional GAN needs other weights than the shipped conditional one: refused, the conditional model trains on.
    await page.getByText('Conditional GAN (ask for a digit)').click();
    await page.getByTestId('pending-changes').waitFor({ timeout: 10_000 });
    await page.getByTestId('apply-reset').click();
    await expectRefusalShown(page, /conditional/i);
    expect(await stepCount(page)).toBe(shipped);
    expect(await page.locator('#start-dcgan-conditional').isChecked()).toBe(true);
    // Views drawn from the running settings still show a conditional model: the walk asks for a digit.
    expect(await page.getByTestId('walk-digit').isVisible()).toBe(true);
    expect(meanLevelDifference(pretrainedGrid, await canvasPixels(page, 'sample-grid'))).toBeLessThan(0.01);
    await screenshot(page, 'session-digits-refused-edit');
    await page.getByTestId('pending-changes').getByRole('button', { name: 'Undo changes' }).click();
    await page.getByTestId('pending-changes').waitFor({ state: 'detached', timeout: 10_000 });

    // (b) Save a step further, start from scratch, load the file back, crash, Restart: the file's model returns.
    await page.getByTestId('step').click();
    await waitForStepCount(page, shipped + 1);
    const trained = await settledPixels(page, 'sample-grid');
    await page.getByText('Save and load', { exact: true }).click();
    const file = await saveModel(page);
    await page.locator('#start-scratch').check();
    await waitForStepCount(page, 0);
    const fresh = await settledPixels(page, 'sample-grid');
    await page.getByTestId('model-load').setInputFiles({ name: 'forger.weights', mimeType: 'application/octet-stream', buffer: file });
    await waitForStepCount(page, shipped + 1);
    expect(await page.locator('label[for="start-file"]').textContent()).toBe('From the file "forger.weights"');
    const loaded = await settledPixels(page, 'sample-grid');
    expect(meanLevelDifference(trained, loaded)).toBeLessThan(2);
    expect(meanLevelDifference(fresh, loaded)).toBeGreaterThan(10);
    await crashWorker(page);
    await restart(page);
    await waitForStepCount(page, shipped + 1);
    const restarted = await settledPixels(page, 'sample-grid');
    expect(meanLevelDifference(loaded, restarted)).toBeLessThan(0.5);
    expect(await page.locator('#start-file').isChecked()).toBe(true);
    await screenshot(page, 'session-digits-restarted-from-file');

    // (c) The rate readout changes once per rate window.
    expectOneRateWindow(await rateChangeGaps(page));
  });
});

describe('face-swap lab', () => {
  it('refuses a shipped model that cannot load, keeps a loaded model through a crash and Restart, and measures the rate over one window', async () => {
    const page = await openLab('#/faceswap', 'swap-preview-aToB');
    const shipped = await stepCount(page);
    const faces = await settledPixels(page, 'swap-preview-aToB');

    // (a) The digit-style model's file does not arrive (a server that fails): refused, the toy faces train on.
    const blocked = (url: URL) => /faceSwap-digit-styles[^/]*\.weights$/.test(url.pathname);
    await harness.context.route(blocked, (route) => route.fulfill({ status: 503, body: 'unavailable' }));
    try {
      await page.locator('#swap-start-digit-styles').check();
      await expectRefusalShown(page, /503/);
    } finally {
      await harness.context.unroute(blocked);
    }
    expect(await stepCount(page)).toBe(shipped);
    expect(await page.locator('.faceswap-lab[data-start="toy-faces"]').count()).toBe(1);
    expect(await testIdText(page, 'swap-preview')).toMatch(/Orbo \(real\)/);
    expect(meanLevelDifference(faces, await canvasPixels(page, 'swap-preview-aToB'))).toBeLessThan(0.01);
    await screenshot(page, 'session-faceswap-refused-start');
    await page.getByTestId('pending-changes').getByRole('button', { name: 'Undo changes' }).click();
    await page.getByTestId('pending-changes').waitFor({ state: 'detached', timeout: 10_000 });
    expect(await page.locator('#swap-start-toy-faces').isChecked()).toBe(true);

    // (b) Save a step further, start from scratch, load the file back, crash, Restart: the file's model returns.
    await page.getByTestId('step').click();
    await waitForStepCount(page, shipped + 1);
    const trained = await settledPixels(page, 'swap-preview-aToB');
    await page.getByText('Save and load', { exact: true }).click();
    const file = await saveModel(page);
    await page.locator('#swap-start-scratch').check();
    await waitForStepCount(page, 0);
    const fresh = await settledPixels(page, 'swap-preview-aToB');
    await page.getByTestId('model-load').setInputFiles({ name: 'swap.weights', mimeType: 'application/octet-stream', buffer: file });
    await waitForStepCount(page, shipped + 1);
    const loaded = await settledPixels(page, 'swap-preview-aToB');
    expect(meanLevelDifference(trained, loaded)).toBeLessThan(1);
    expect(meanLevelDifference(fresh, loaded)).toBeGreaterThan(10);
    await crashWorker(page);
    await restart(page);
    await waitForStepCount(page, shipped + 1);
    const restarted = await settledPixels(page, 'swap-preview-aToB');
    expect(meanLevelDifference(loaded, restarted)).toBeLessThan(0.5);
    expect(await page.locator('#swap-start-file').isChecked()).toBe(true);
    await screenshot(page, 'session-faceswap-restarted-from-file');

    // (c) The rate readout changes once per rate window.
    expectOneRateWindow(await rateChangeGaps(page));
  });
});
