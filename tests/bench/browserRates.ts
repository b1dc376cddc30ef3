/**
 * Training rate and frame rate of the built app in headless Chromium, on the
 * backend the app picks by itself (what a student gets), at speed "max".
 */
import type { Page } from 'playwright-core';
import { encodeSettingsQuery, DEFAULT_LAYERS } from '../../src/core/adversarial/settingsUrl';
import { BrowserHarness, testIdNumber, testIdText } from '../browser/harness';
import { BENCH_PRESETS } from './benchSettings';
import { formatRate, printTable } from './printTable';

const parseCount = (text: string) => Number(text.replace(/[^\d.]/g, ''));

/** Waits for the step count to change (a fresh frame) and returns it with the page's clock. */
function nextStepUpdate(page: Page): Promise<{ steps: number; ms: number }> {
  return page.evaluate(async () => {
    const el = document.querySelector('[data-testid="step-count"]');
    const read = () => (el?.textContent ?? '').trim();
    const first = read();
    const start = performance.now();
    while (read() === first && performance.now() - start < 5000) await new Promise((done) => setTimeout(done, 4));
    return { text: read(), ms: performance.now() };
  }).then(({ text, ms }) => ({ steps: parseCount(text), ms }));
}

/** requestAnimationFrame callbacks per second over `ms`. */
function framesPerSecond(page: Page, ms: number): Promise<number> {
  return page.evaluate((duration) => new Promise<number>((done) => {
    let frames = 0;
    const start = performance.now();
    const tick = (now: number) => {
      frames++;
      if (now - start < duration) requestAnimationFrame(tick);
      else done(frames / ((now - start) / 1000));
    };
    requestAnimationFrame(tick);
  }), ms);
}

async function setPlaying(page: Page, playing: boolean): Promise<void> {
  const button = page.getByTestId('play-pause');
  const offer = (name: string) => button.and(page.getByRole('button', { name, exact: true }));
  if (await offer(playing ? 'Play' : 'Pause').count()) await button.click();
  await offer(playing ? 'Pause' : 'Play').waitFor({ timeout: 10_000 });
}

export async function runBrowserBenchmarks(measureSeconds = 10, frameSeconds = 5): Promise<void> {
  const harness = await BrowserHarness.start();
  const rows: (string | number)[][] = [];
  try {
    for (const preset of BENCH_PRESETS) {
      const page = await harness.openLab(`#/adversarial?${encodeSettingsQuery(preset.settings, DEFAULT_LAYERS)}`);
      const backend = await testIdText(page, 'backend-name');
      const idleFps = await framesPerSecond(page, 2000);
      await page.getByTestId('speed').selectOption('max');
      await setPlaying(page, true);
      // Warm-up: the first slices include compilation and the adaptive slice size settling.
      await page.waitForTimeout(2000);
      const first = await nextStepUpdate(page);
      await page.waitForTimeout(measureSeconds * 1000);
      const last = await nextStepUpdate(page);
      const measured = (last.steps - first.steps) / ((last.ms - first.ms) / 1000);
      const shown = await testIdNumber(page, 'steps-per-second');
      const trainingFps = await framesPerSecond(page, frameSeconds * 1000);
      await setPlaying(page, false);
      rows.push([preset.label, backend, formatRate(measured), formatRate(shown), idleFps.toFixed(1), trainingFps.toFixed(1)]);
    }
    printTable(
      `The built app in headless Chromium (speed "max", ${measureSeconds} s of training per set-up)`,
      ['set-up', 'backend', 'epochs/s', 'shown', 'fps idle', 'fps training'],
      rows,
      [
        'epochs/s: from step-count deltas over page time; shown: the app\'s own steps-per-second read-out.',
        'fps: requestAnimationFrame callbacks per second in the page (idle before playing; while training at "max").',
      ],
    );
    if (harness.foreignRequests.length > 0) console.log(`  WARNING: requests left the app's origin: ${harness.foreignRequests.join(', ')}`);
    const errors = [...harness.consoleErrors, ...harness.pageErrors];
    if (errors.length > 0) console.log(`  WARNING: the page reported errors:\n    ${errors.join('\n    ')}`);
  } finally {
    await harness.close();
  }
}
