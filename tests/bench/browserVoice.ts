/**
 * The voice lab in the built app, in headless Chromium, on the backend the app picks: how long
 * the page takes from opening to showing the pretrained Juno → Orbo model's conversion (and the
 * worker's own time to rebuild and convert the preview utterance), the time from pressing Play
 * under the clone to its sound being ready (Griffin–Lim in the worker), and training steps per
 * second from the pretrained model and from scratch, shared and separate encoders. Figures, not pass/fail.
 *
 *   npx vite build && npx tsx tests/bench/browserVoice.ts [rateSeconds]
 */
import type { Page } from 'playwright-core';
import { BrowserHarness, testIdNumber, testIdText } from '../browser/harness';
import { printTable } from './printTable';

const READY_TIMEOUT = 120_000;

async function waitReady(page: Page): Promise<void> {
  await page.getByTestId('play-pause').waitFor({ state: 'visible', timeout: READY_TIMEOUT });
  await page.getByTestId('loading-banner').waitFor({ state: 'detached', timeout: READY_TIMEOUT });
  await page.waitForFunction(() => /\d/.test(document.querySelector('[data-testid="convert-ms"]')?.textContent ?? ''), undefined, { timeout: READY_TIMEOUT });
}

async function chooseStart(page: Page, id: string): Promise<void> {
  const radio = page.locator(`#voice-start-${id}`);
  if (!(await radio.isChecked())) await radio.check();
  await page.locator(`.voice-lab[data-start="${id}"]`).waitFor({ timeout: READY_TIMEOUT });
  await waitReady(page);
}

async function togglePlay(page: Page, name: 'Play' | 'Pause'): Promise<void> {
  const button = (label: string) => page.getByTestId('play-pause').and(page.getByRole('button', { name: label, exact: true }));
  await button(name).click();
  await button(name === 'Play' ? 'Pause' : 'Play').waitFor({ timeout: READY_TIMEOUT });
}

async function rate(page: Page, seconds: number): Promise<number> {
  await togglePlay(page, 'Play');
  await page.waitForTimeout(1500);
  const s0 = await testIdNumber(page, 'step-count');
  const t0 = performance.now();
  await page.waitForTimeout(seconds * 1000);
  const s1 = await testIdNumber(page, 'step-count');
  const t1 = performance.now();
  await togglePlay(page, 'Pause');
  return (s1 - s0) / ((t1 - t0) / 1000);
}

export async function runBrowserVoiceBenchmarks(rateSeconds = 10): Promise<void> {
  const harness = await BrowserHarness.start();
  try {
    const opened = performance.now();
    const page = await harness.open('#/voice');
    await waitReady(page);
    const loadMs = performance.now() - opened;
    const convertMs = await testIdNumber(page, 'convert-ms');
    const backend = await testIdText(page, 'backend-name');
    const pressed = performance.now();
    await page.getByTestId('play-convertedAB').click();
    await page.waitForFunction(() => document.querySelector('[data-testid="play-convertedAB"]')?.getAttribute('data-rms') != null, undefined, { timeout: READY_TIMEOUT });
    const soundMs = performance.now() - pressed;
    printTable(`Voice lab: the pretrained model in headless Chromium (${backend})`, ['what', 'milliseconds'], [
      ['open the page until the pretrained conversion shows (worker start, synthesis, model load, first frame)', loadMs.toFixed(0)],
      ['rebuild + convert the preview utterance (0.96 s of sound), in the worker', convertMs.toFixed(0)],
      ['Play under the clone until its sound is ready (Griffin–Lim, 32 iterations)', soundMs.toFixed(0)],
    ]);
    const rows: string[][] = [];
    rows.push(['pretrained Juno → Orbo (shared encoder)', (await rate(page, rateSeconds)).toFixed(1)]);
    await chooseStart(page, 'scratch');
    rows.push(['from scratch, shared encoder (defaults)', (await rate(page, rateSeconds)).toFixed(1)]);
    await page.getByTestId('separate-encoders').click();
    await page.locator('.voice-lab[data-start="juno-orbo-separate"], .voice-lab[data-start="scratch"]').waitFor({ timeout: READY_TIMEOUT });
    await waitReady(page);
    rows.push(['separate encoders', (await rate(page, rateSeconds)).toFixed(1)]);
    printTable(`Voice lab: training steps per second in headless Chromium (${backend}, speed "as fast as possible", ${rateSeconds} s each)`, ['model', 'steps / s'], rows);
  } finally {
    await harness.close();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const seconds = Number(process.argv[2]);
  await runBrowserVoiceBenchmarks(seconds > 0 ? seconds : 10);
  process.exit(0);
}
