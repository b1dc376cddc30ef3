/**
 * The digit forger in the built app, in headless Chromium, on the backend the
 * app picks: training steps per second of each architecture, and the Inception
 * Score a from-scratch run with the default settings reaches after 60 and 120 s
 * (what a class would see). Figures, not pass/fail.
 */
import type { Page } from 'playwright-core';
import { BrowserHarness, testIdNumber, testIdText } from '../browser/harness';
import { printTable } from './printTable';

const READY_TIMEOUT = 120_000;

async function openDigits(harness: BrowserHarness): Promise<Page> {
  const page = await harness.open('#/digits');
  await page.getByTestId('play-pause').waitFor({ state: 'visible', timeout: READY_TIMEOUT });
  await page.getByTestId('loading-banner').waitFor({ state: 'detached', timeout: READY_TIMEOUT });
  await page.waitForFunction(() => (document.querySelector('[data-testid="backend-name"]')?.textContent ?? '').trim().length > 0, undefined, {
    timeout: READY_TIMEOUT,
  });
  await page.getByTestId('speed').selectOption('max');
  return page;
}

async function togglePlay(page: Page, name: 'Play' | 'Pause'): Promise<void> {
  await page.getByTestId('play-pause').and(page.getByRole('button', { name, exact: true })).click();
}

/** Generator steps and the page's clock, read together. */
async function progress(page: Page): Promise<{ steps: number; seconds: number }> {
  return { steps: await testIdNumber(page, 'step-count'), seconds: performance.now() / 1000 };
}

const ARCHITECTURES: { label: string; architecture: string; upsampling: string | null }[] = [
  { label: 'MLP (the default)', architecture: 'mlp', upsampling: null },
  { label: 'DCGAN, transposed convolution', architecture: 'dcgan', upsampling: 'transposed' },
  { label: 'DCGAN, resize then convolve', architecture: 'dcgan', upsampling: 'resize' },
];

export async function runBrowserDigitBenchmarks(rateSeconds = 15, checkpoints = [60, 120]): Promise<void> {
  const harness = await BrowserHarness.start();
  try {
    const rateRows: string[][] = [];
    for (const arch of ARCHITECTURES) {
      const page = await openDigits(harness);
      // Nothing trained yet, so each choice applies at once.
      await page.getByTestId('architecture').selectOption(arch.architecture);
      if (arch.upsampling) await page.getByTestId('upsampling').selectOption(arch.upsampling);
      await togglePlay(page, 'Play');
      await page.waitForTimeout(3000); // warm-up: kernels compile, the slice size settles
      const first = await progress(page);
      await page.waitForTimeout(rateSeconds * 1000);
      const last = await progress(page);
      await togglePlay(page, 'Pause');
      rateRows.push([arch.label, await testIdText(page, 'backend-name'), ((last.steps - first.steps) / (last.seconds - first.seconds)).toFixed(1)]);
      await page.close();
    }
    printTable('Digit forger in headless Chromium: training rate (speed "max")', ['architecture', 'backend', 'G steps/s'], rateRows, [
      'Batch 64, latent 64, default widths; each step is one D and one G update. Quality scoring every 3 s is included.',
    ]);

    const page = await openDigits(harness);
    const started = performance.now();
    await togglePlay(page, 'Play');
    const qualityRows: string[][] = [];
    for (const at of checkpoints) {
      await page.waitForTimeout(Math.max(0, started + at * 1000 - performance.now()));
      qualityRows.push([
        `${at} s`,
        String(await testIdNumber(page, 'step-count')),
        await testIdText(page, 'inception-score'),
        await testIdText(page, 'frechet-distance'),
      ]);
    }
    await togglePlay(page, 'Pause');
    printTable('Digit forger in headless Chromium: training the default settings from scratch', ['after', 'G steps', 'Inception Score', 'Fréchet distance'], qualityRows, [
      'Scores are the app\'s own read-outs: the digit classifier on 500 fresh samples every 3 s. Real held-out digits score about 9.6.',
    ]);
  } finally {
    await harness.close();
  }
}
