/**
 * The adversarial lab, end to end, in Debian's Chromium against the built app
 * (`dist/`). Every test also checks (in afterEach) that nothing left the app's
 * own origin and that the page logged no error.
 */
import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import {
  canvasPixels, pixelDifference, runAxe, screenshot, testIdNumber, testIdText, type CanvasPixels,
} from './harness';
import { startLabHarness } from './labHarness';

const harness = startLabHarness();

const sleep = (ms: number) => new Promise((done) => setTimeout(done, ms));

/** The play-pause button when its accessible name is exactly `name`. */
const playPauseNamed = (page: Page, name: 'Play' | 'Pause') =>
  page.getByTestId('play-pause').and(page.getByRole('button', { name, exact: true }));

async function setPlaying(page: Page, playing: boolean): Promise<void> {
  // While playing the button offers "Pause"; while paused it offers "Play".
  if (await playPauseNamed(page, playing ? 'Play' : 'Pause').count()) await page.getByTestId('play-pause').click();
  await playPauseNamed(page, playing ? 'Pause' : 'Play').waitFor({ timeout: 10_000 });
}

const stepCount = (page: Page) => testIdNumber(page, 'step-count');

/** "5 / 8" → 5; "—" (nothing measured yet) → 0. */
async function modesCovered(page: Page): Promise<number> {
  const match = (await testIdText(page, 'modes-covered')).match(/^(\d+)\s*\/\s*\d+/);
  return match ? Number(match[1]) : 0;
}

/** "93.1%" → 93.1; "—" → 0. */
async function highQuality(page: Page): Promise<number> {
  const value = await testIdNumber(page, 'high-quality');
  return Number.isNaN(value) ? 0 : value;
}

/** Values of every form control on the page (inputs, selects, text areas). */
const controlValues = (page: Page) =>
  page.evaluate(() => [...document.querySelectorAll('input, select, textarea')].map((el) => (el as HTMLInputElement).value));

/** Pixels of the averaged generator's amber (#f2a900), give or take antialiasing. */
function amberPixels({ rgba }: CanvasPixels): number {
  let n = 0;
  for (let i = 0; i < rgba.length; i += 4) {
    if (Math.abs(rgba[i] - 0xf2) < 12 && Math.abs(rgba[i + 1] - 0xa9) < 12 && rgba[i + 2] < 40) n++;
  }
  return n;
}

const alertWith = (page: Page, text: RegExp) => page.getByRole('alert').filter({ hasText: text }).first();

describe('start page', () => {
  it('loads and has no serious or critical accessibility problem', async () => {
    const page = await harness.open('#/');
    await page.locator('h1').first().waitFor({ state: 'visible', timeout: 30_000 });
    expect((await page.locator('h1').first().textContent())?.trim().length).toBeGreaterThan(0);
    await screenshot(page, 'start-page');
    expect(await runAxe(page)).toEqual([]);
  });
});

describe('adversarial lab', () => {
  it('loads with a running backend, step 0 and no serious or critical accessibility problem', async () => {
    const page = await harness.openLab('#/adversarial');
    expect(['wasm', 'webgl', 'cpu']).toContain((await testIdText(page, 'backend-name')).toLowerCase());
    expect(await stepCount(page)).toBe(0);
    await screenshot(page, 'adversarial-lab-start');
    expect(await runAxe(page)).toEqual([]);
  });

  it('trains when playing: steps rise, the fakes move toward the ring and the heatmap repaints', async () => {
    const page = await harness.openLab('#/adversarial');
    const before = { pixels: await canvasPixels(page, 'main-plot-canvas'), modes: await modesCovered(page), quality: await highQuality(page) };
    await page.getByTestId('speed').selectOption('max');
    await setPlaying(page, true);
    await expect.poll(() => stepCount(page), { timeout: 60_000, interval: 500 }).toBeGreaterThanOrEqual(500);
    // The default ring: coverage (modes found, or share of samples near a mode) must improve on the untrained blob.
    await expect.poll(
      async () => (await modesCovered(page)) > before.modes || (await highQuality(page)) > before.quality,
      { timeout: 90_000, interval: 1000 },
    ).toBe(true);
    expect(await testIdNumber(page, 'steps-per-second')).toBeGreaterThan(0);
    const after = await canvasPixels(page, 'main-plot-canvas');
    expect(pixelDifference(before.pixels, after)).toBeGreaterThan(0.01);
    await screenshot(page, 'adversarial-lab-trained');
  });

  it('stops counting steps when paused', async () => {
    const page = harness.page;
    await setPlaying(page, true);
    const playing = await stepCount(page);
    await expect.poll(() => stepCount(page), { timeout: 30_000 }).toBeGreaterThan(playing);
    await setPlaying(page, false);
    await sleep(1000); // let the last frame computed before the pause arrive
    const paused = await stepCount(page);
    await sleep(2500);
    expect(await stepCount(page)).toBe(paused);
  });

  it('"step both" advances exactly one generator step', async () => {
    const page = harness.page;
    await setPlaying(page, false);
    await sleep(500);
    const start = await stepCount(page);
    await page.getByTestId('step-both').click();
    await expect.poll(() => stepCount(page), { timeout: 15_000 }).not.toBe(start);
    expect(await stepCount(page)).toBe(start + 1);
    await sleep(1500);
    expect(await stepCount(page)).toBe(start + 1);
  });

  it('reproduces the settings of a shared link in its controls', async () => {
    const page = await harness.openLab('#/adversarial?dataset=grid&modes=25&sigma=0.05&seed=7&gHidden=32,32');
    await expect.poll(() => page.getByTestId('dataset-select').inputValue()).toBe('grid');
    expect(await page.getByTestId('seed-input').inputValue()).toBe('7');
    const values = await controlValues(page);
    expect(values, 'a control holds σ = 0.05').toContainEqual(expect.stringMatching(/^0?\.05$/));
    expect(values, 'a control holds 25 modes').toContain('25');
    // The generator's hidden layers show either in a text field ("32,32") or in the model overview ("2 → 32 → 32 → 2").
    const bodyText = await page.evaluate(() => document.body.textContent ?? '');
    const hiddenShown = values.some((v) => /^\s*32\s*,\s*32\s*$/.test(v)) || /32\s*→\s*32/.test(bodyText);
    expect(hiddenShown, 'the generator shows two hidden layers of 32 units').toBe(true);
    await expect.poll(() => page.getByRole('alert').filter({ hasText: /dataset|modes|sigma|seed|gHidden/ }).count()).toBe(0);
  });

  it("switching on the generator's average draws its points as their own layer, and the readouts say which generator they measure", async () => {
    const page = await harness.openLab('#/adversarial');
    await page.getByTestId('step-both').click();
    await expect.poll(() => stepCount(page), { timeout: 15_000 }).toBe(1);
    const legend = page.locator('.main-plot-legend');
    expect(await legend.textContent()).not.toContain('averaged generator');
    expect(await page.locator('#layer-averaged').count()).toBe(0);
    expect(amberPixels(await canvasPixels(page, 'main-plot-canvas'))).toBe(0);

    await page.locator('summary', { hasText: 'Rules of the game' }).click();
    await page.getByTestId('generator-average').selectOption('0.99');
    // Paused, the edit applies at once: a new run from the seed, drawn with the averaged points on top.
    await expect.poll(() => legend.textContent(), { timeout: 15_000 }).toContain('averaged generator');
    await page.getByTestId('step-both').click();
    await expect.poll(() => stepCount(page), { timeout: 15_000 }).toBe(1);
    expect(await page.evaluate(() => window.location.hash)).toContain('gAvg=0.99');
    expect(await page.locator('.readout', { has: page.getByTestId('modes-covered') }).textContent()).toContain('live G');
    const shown = await canvasPixels(page, 'main-plot-canvas');
    expect(amberPixels(shown)).toBeGreaterThan(200);
    await screenshot(page, 'adversarial-lab-averaged');

    // The same frame with the layer switched off: the amber diamonds are gone, and the link says so.
    await page.locator('#layer-averaged').uncheck();
    await expect.poll(() => legend.textContent(), { timeout: 10_000 }).not.toContain('averaged generator');
    const hidden = await canvasPixels(page, 'main-plot-canvas');
    expect([hidden.width, hidden.height]).toEqual([shown.width, shown.height]);
    expect(pixelDifference(shown, hidden)).toBeGreaterThan(0.002);
    expect(amberPixels(hidden)).toBe(0);
    expect(await page.evaluate(() => window.location.hash)).not.toMatch(/layers=[^&]*averaged/);
  });

  it('names an invalid link parameter in a notice', async () => {
    const page = await harness.openLab('#/adversarial?gLr=abc');
    await alertWith(page, /gLr/).waitFor({ state: 'visible', timeout: 15_000 });
    expect(await page.getByTestId('notices').textContent()).toContain('gLr');
  });

  it('exports the samples as a CSV file of real and fake points', async () => {
    const page = await harness.openLab('#/adversarial');
    await page.getByTestId('step-both').click();
    await expect.poll(() => stepCount(page), { timeout: 15_000 }).toBe(1);
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-samples-csv').click()]);
    expect(download.suggestedFilename()).toMatch(/\.csv$/);
    const path = await download.path();
    const lines = (await readFile(path, 'utf8')).trim().split(/\r?\n/);
    expect(lines[0]).toBe('kind,x,y');
    const rows = lines.slice(1).map((line) => line.split(','));
    expect(rows.length).toBeGreaterThan(10);
    for (const row of rows) {
      expect(row).toHaveLength(3);
      expect(['real', 'fake']).toContain(row[0]);
      expect(Number.isFinite(Number(row[1])) && row[1] !== '').toBe(true);
      expect(Number.isFinite(Number(row[2])) && row[2] !== '').toBe(true);
    }
    const kinds = new Set(rows.map((row) => row[0]));
    expect([...kinds].sort()).toEqual(['fake', 'real']);
  });

  it('shows a bad CSV import as an alert and keeps training', async () => {
    const page = await harness.openLab('#/adversarial');
    await page.getByTestId('csv-import').setInputFiles({
      name: 'bad-points.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from('x,y\n0.5,1.2\n0.7,abc\n'),
    });
    // The parser names the cell: row 3 holds "abc".
    await alertWith(page, /abc|row 3/i).waitFor({ state: 'visible', timeout: 15_000 });
    const start = await stepCount(page);
    await setPlaying(page, true);
    await expect.poll(() => stepCount(page), { timeout: 30_000 }).toBeGreaterThan(start);
    await setPlaying(page, false);
  });
});
