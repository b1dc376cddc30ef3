/**
 * The adversarial lab when things go wrong or get fiddly, in Debian's Chromium
 * against the built app: a worker that stops without a word, drop-downs that
 * keep the keyboard, bad files and messy links. As in the main browser test,
 * nothing may leave the app's origin and the page may log no error.
 */
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { screenshot, testIdNumber, testIdText } from './harness';
import { startLabHarness } from './labHarness';

const harness = startLabHarness();

const sleep = (ms: number) => new Promise((done) => setTimeout(done, ms));
const stepCount = (page: Page) => testIdNumber(page, 'step-count');
const playPauseText = (page: Page) => testIdText(page, 'play-pause');
const focusedId = (page: Page) => page.evaluate(() => document.activeElement?.id ?? '');

async function waitForBackend(page: Page): Promise<void> {
  await page.waitForFunction(
    () => (document.querySelector('[data-testid="backend-name"]')?.textContent ?? '').trim().length > 0,
    undefined,
    { timeout: 60_000 },
  );
}

describe('a worker that stops silently', () => {
  it('is noticed while training, with a banner whose Restart brings training back', async () => {
    const page = await harness.openLab('#/adversarial');
    await page.getByTestId('play-pause').click();
    await expect.poll(() => stepCount(page), { timeout: 30_000 }).toBeGreaterThan(0);
    // Close the worker from inside: no error event, it just goes quiet.
    const workers = page.workers();
    expect(workers.length).toBeGreaterThan(0);
    await workers[workers.length - 1].evaluate(() => {
      setTimeout(() => (self as unknown as { close(): void }).close(), 10);
    });
    const banner = page.getByTestId('worker-stopped-banner');
    await banner.waitFor({ state: 'visible', timeout: 30_000 });
    expect(await banner.textContent()).toMatch(/Restart starts training again from the seed with the settings that were training/);
    expect(await playPauseText(page)).toMatch(/Play/);
    expect(await page.getByTestId('play-pause').isDisabled()).toBe(true);
    // The readouts no longer pretend: no stale rate, no "starting…".
    expect(await testIdText(page, 'steps-per-second')).toBe('—');
    expect(await testIdText(page, 'backend-state')).toBe('stopped');
    await screenshot(page, 'adversarial-worker-stopped');

    await banner.getByRole('button', { name: 'Restart' }).click();
    await waitForBackend(page);
    await expect.poll(() => banner.count()).toBe(0);
    await page.getByTestId('play-pause').click();
    await expect.poll(() => stepCount(page), { timeout: 30_000 }).toBeGreaterThan(0);
    // A rate needs half a second of training to be measured; wait for one before pausing.
    await expect.poll(() => testIdText(page, 'steps-per-second'), { timeout: 30_000 }).toMatch(/^[\d,.]+$/);
    await page.getByTestId('play-pause').click();
    await expect.poll(() => playPauseText(page), { timeout: 10_000 }).toMatch(/Play/);
    // Paused: the last measured rate, marked as such, rather than 0 (below 10 steps/s it has a decimal).
    await expect.poll(() => testIdText(page, 'steps-per-second'), { timeout: 10_000 }).toMatch(/^[\d,.]+ \(last\)$/);
  });
});

describe('drop-downs hand the keyboard back', () => {
  it('moves focus to Play after choosing an experiment, so → steps instead of changing the experiment', async () => {
    const page = await harness.openLab('#/adversarial');
    await page.getByTestId('preset-select').selectOption('mode-collapse');
    await expect.poll(() => focusedId(page)).toBe('adversarial-play-pause');
    const start = await stepCount(page);
    await page.keyboard.press('ArrowRight');
    await expect.poll(() => stepCount(page), { timeout: 15_000 }).toBe(start + 1);
    expect(await page.getByTestId('preset-select').inputValue()).toBe('mode-collapse');
    // Space on the focused Play button plays, once.
    await page.keyboard.press('Space');
    await expect.poll(() => playPauseText(page), { timeout: 10_000 }).toMatch(/Pause/);
    await page.keyboard.press('Space');
    await expect.poll(() => playPauseText(page), { timeout: 10_000 }).toMatch(/Play/);
  });

  it('does the same for the speed and the data, but keeps focus while arrows browse a closed drop-down', async () => {
    const page = harness.page;
    await page.getByTestId('speed').selectOption('5');
    await expect.poll(() => focusedId(page)).toBe('adversarial-play-pause');
    await page.getByTestId('dataset-select').selectOption('moons');
    await expect.poll(() => focusedId(page)).toBe('adversarial-play-pause');
    await page.getByTestId('speed').focus();
    await page.keyboard.press('ArrowDown');
    await expect.poll(() => page.getByTestId('speed').inputValue()).toBe('20');
    await sleep(700);
    expect(await focusedId(page)).toBe('training-speed');
  });
});

describe('switching the data', () => {
  it("gives the grid the benchmark's 25 clusters of σ 0.05", async () => {
    const page = await harness.openLab('#/adversarial');
    await page.getByTestId('dataset-select').selectOption('grid');
    const sidebar = page.getByRole('complementary', { name: 'Settings' });
    await expect.poll(() => sidebar.getByLabel('Number of clusters').inputValue()).toBe('25');
    expect(await sidebar.getByLabel('Spread σ of each cluster').inputValue()).toBe('0.05');
    await page.getByTestId('step-both').click();
    await expect.poll(() => testIdText(page, 'modes-covered'), { timeout: 15_000 }).toMatch(/\/ 25$/);
  });
});

describe('bad files', () => {
  it('shows a CSV problem under the file input too, and refuses a huge file before reading it', async () => {
    const page = harness.page;
    await page.getByTestId('csv-import').setInputFiles({ name: 'bad-points.csv', mimeType: 'text/csv', buffer: Buffer.from('x,y\n0.5,1.2\n0.7,abc\n') });
    const inline = page.getByTestId('csv-import-error');
    await expect.poll(() => inline.textContent(), { timeout: 15_000 }).toMatch(/Row 3.*"abc"/);
    await page.getByTestId('csv-import').setInputFiles({ name: 'huge.csv', mimeType: 'text/csv', buffer: Buffer.alloc(9 * 1024 * 1024, '1,2\n') });
    await expect.poll(() => inline.textContent(), { timeout: 15_000 }).toMatch(/"huge\.csv" could not be used.*The file is 9 MB, more than the 8 MB/);
    expect(await testIdText(page, 'notices')).toMatch(/huge\.csv/);
  });

  it('summarises a trained-model file with empty settings, under its input too', async () => {
    const page = harness.page;
    const text = JSON.stringify({ format: 'deepfake-lab/adversarial-checkpoint', version: 1, settings: {}, weights: {} });
    await page.getByTestId('model-load').setInputFiles({ name: 'empty.json', mimeType: 'application/json', buffer: Buffer.from(text) });
    const inline = page.getByTestId('model-load-error');
    await expect.poll(() => inline.textContent(), { timeout: 15_000 }).toMatch(/settings are not valid: .*; and \d+ more\.$/);
    expect(((await inline.textContent()) ?? '').split(';')).toHaveLength(4);
    await screenshot(page, 'adversarial-bad-files');
  });
});

describe('a messy link', () => {
  it('gives one notice listing what was wrong, and never more than six notices', async () => {
    const page = await harness.openLab('#/adversarial?gLr=abc&dLr=x&seed=-1&sigma=9&colour=blue&noise=pink&layers=glitter');
    const notices = page.getByTestId('notices').getByRole('alert');
    await expect.poll(() => notices.count()).toBe(1);
    expect(await notices.first().textContent()).toMatch(/7 parts of the link/);
    await notices.first().getByText('Details (7)').click();
    await expect.poll(() => notices.first().getByRole('listitem').first().isVisible()).toBe(true);
    expect(await notices.first().getByRole('listitem').count()).toBe(7);
    await screenshot(page, 'adversarial-messy-link');
    for (let i = 1; i <= 7; i++) {
      await page.getByTestId('csv-import').setInputFiles({ name: `bad-${i}.csv`, mimeType: 'text/csv', buffer: Buffer.from('x,y\n1\n') });
      await expect.poll(() => page.getByTestId('csv-import-error').textContent()).toMatch(`bad-${i}.csv`);
    }
    expect(await notices.count()).toBe(6);
  });

  it('names only what a link wrote: a grid link alone needs no notice', async () => {
    const page = await harness.openLab('#/adversarial?dataset=grid');
    const sidebar = page.getByRole('complementary', { name: 'Settings' });
    expect(await sidebar.getByLabel('Number of clusters').inputValue()).toBe('25');
    expect(await sidebar.getByLabel('Spread σ of each cluster').inputValue()).toBe('0.05');
    expect(await page.getByTestId('notices').getByRole('alert').count()).toBe(0);
  });
});
