/**
 * The face-swap lab in the built app, in headless Chromium, on the backend the
 * app picks: training steps per second (from scratch with the lab's defaults,
 * shared and separate encoders, and training on from the pretrained model), the
 * scores of each shipped pretrained model as the page measures them, and the
 * scores a from-scratch run with the default settings reaches after 60 and 120 s
 * (what a class would see). Figures, not pass/fail.
 *
 *   npx vite build && npx tsx tests/bench/browserFaceSwap.ts [rateSeconds] [checkpoints…]
 */
import type { Page } from 'playwright-core';
import { BrowserHarness, testIdNumber, testIdText } from '../browser/harness';
import { printTable } from './printTable';

const READY_TIMEOUT = 120_000;

async function openFaceSwap(harness: BrowserHarness): Promise<Page> {
  const page = await harness.open('#/faceswap');
  await page.getByTestId('play-pause').waitFor({ state: 'visible', timeout: READY_TIMEOUT });
  await page.waitForFunction(() => (document.querySelector('[data-testid="backend-name"]')?.textContent ?? '').trim().length > 0, undefined, {
    timeout: READY_TIMEOUT,
  });
  await page.getByTestId('loading-banner').waitFor({ state: 'detached', timeout: READY_TIMEOUT });
  await page.getByTestId('speed').selectOption('max');
  return page;
}

/** Picks a start (a pretrained model's id or "scratch") and waits until the model is built. */
async function chooseStart(page: Page, id: string): Promise<void> {
  const radio = page.locator(`#swap-start-${id}`);
  if (!(await radio.isChecked())) await radio.check();
  // The page marks the start of the model it runs once the worker has built it.
  await page.locator(`.faceswap-lab[data-start="${id}"]`).waitFor({ timeout: READY_TIMEOUT });
  await page.getByTestId('loading-banner').waitFor({ state: 'detached', timeout: READY_TIMEOUT });
}

/** Presses Play or Pause and waits for the button to turn (after a pause the worker's last frame has arrived by then). */
async function togglePlay(page: Page, name: 'Play' | 'Pause'): Promise<void> {
  const button = (label: string) => page.getByTestId('play-pause').and(page.getByRole('button', { name: label, exact: true }));
  await button(name).click();
  await button(name === 'Play' ? 'Pause' : 'Play').waitFor({ timeout: READY_TIMEOUT });
}

async function progress(page: Page): Promise<{ steps: number; seconds: number }> {
  return { steps: await testIdNumber(page, 'step-count'), seconds: performance.now() / 1000 };
}

/** The scores table as the page shows it: measure → [A→B, B→A, real]. */
async function scoresTable(page: Page): Promise<Map<string, string[]>> {
  const rows = await page.evaluate(() =>
    [...document.querySelectorAll('[data-testid="scores-table"] tbody tr')].map((tr) => [
      tr.querySelector('th')?.firstChild?.textContent ?? '',
      ...[...tr.querySelectorAll('td')].map((td) => td.textContent ?? ''),
    ]),
  );
  return new Map(rows.map(([label, ...cells]) => [label, cells]));
}

/** Presses "Measure now" (128 pictures per direction) and waits for its table. */
async function measureNow(page: Page): Promise<Map<string, string[]>> {
  const step = await testIdNumber(page, 'step-count');
  await page.getByTestId('score-now').click();
  await page.waitForFunction(
    (s) => new RegExp(`step ${s.toLocaleString('en-US')}, on 128 pictures`).test(document.querySelector('[data-testid="scores-table"] caption')?.textContent ?? ''),
    step,
    { timeout: READY_TIMEOUT },
  );
  return scoresTable(page);
}

const cell = (table: Map<string, string[]>, label: string, column: number) => table.get(label)?.[column] ?? '—';

export async function runBrowserFaceSwapBenchmarks(rateSeconds = 15, checkpoints = [60, 120]): Promise<void> {
  const harness = await BrowserHarness.start();
  try {
    const page = await openFaceSwap(harness);
    const starts = await page.locator('input[name="swap-start"]').evaluateAll((inputs) => inputs.map((i) => i.id.replace('swap-start-', '')));
    const pretrained = starts.filter((id) => id !== 'scratch');

    const rateRows: string[][] = [];
    // The page opens on the pretrained toy faces, so "from scratch" below swaps Juno and Orbo too.
    const runs: { label: string; start: string; encoder: 'shared' | 'separate' | null }[] = [
      { label: 'From scratch, lab defaults (width 12, shared encoder)', start: 'scratch', encoder: 'shared' },
      { label: 'From scratch, lab defaults, separate encoders', start: 'scratch', encoder: 'separate' },
      ...(pretrained.includes('toy-faces') ? [{ label: 'Training on from the pretrained toy faces (width 16)', start: 'toy-faces', encoder: null }] : []),
    ];
    for (const run of runs) {
      await chooseStart(page, run.start);
      if (run.encoder) await page.getByTestId(`encoder-${run.encoder}`).check();
      await togglePlay(page, 'Play');
      await page.waitForTimeout(3000); // warm-up: kernels compile, the slice size settles
      const first = await progress(page);
      await page.waitForTimeout(rateSeconds * 1000);
      const last = await progress(page);
      await togglePlay(page, 'Pause');
      rateRows.push([run.label, await testIdText(page, 'backend-name'), ((last.steps - first.steps) / (last.seconds - first.seconds)).toFixed(1)]);
      // Back to the start of this run (its step count drops) before the next one.
      const trained = await testIdNumber(page, 'step-count');
      await page.getByTestId('reset').click();
      await page.waitForFunction(
        (n) => Number((document.querySelector('[data-testid="step-count"]')?.textContent ?? '').replace(/\D/g, '')) < n,
        trained,
        { timeout: READY_TIMEOUT },
      );
    }
    printTable('Face-swap lab in headless Chromium: training rate (speed "max")', ['model', 'backend', 'steps/s'], rateRows, [
      'One step trains both autoencoders on a batch of 16 pictures each; the preview four times a second and the 64-picture scores every 3 s are included.',
    ]);

    const modelRows: string[][] = [];
    for (const id of pretrained) {
      await chooseStart(page, id);
      const table = await measureNow(page);
      const faces = table.has('Expression and pose error');
      modelRows.push([
        id,
        String(await testIdNumber(page, 'step-count')),
        cell(table, 'Called the target', 0),
        cell(table, 'Called the target', 1),
        faces ? cell(table, 'Expression and pose error', 0) : cell(table, 'Digit kept', 0),
        faces ? cell(table, 'Expression and pose error', 2) : cell(table, 'Thickness like the target', 0),
      ]);
    }
    printTable('Face-swap lab: the shipped pretrained models, scored in the page', ['model', 'steps', 'A→B called B', 'B→A called A', 'A→B kept¹', 'yardstick²'], modelRows, [
      '128 held-out pictures per direction. ¹ toy faces: expression-and-pose error of the swaps (lower is better); digits: share still read as the source digit.',
      '² toy faces: the judge\'s own error on real faces; digits: share of A→B swaps with thick strokes.',
    ]);

    await chooseStart(page, 'scratch');
    // A fresh start keeps what was swapped last (the digits): back to Juno → Orbo with a shared encoder.
    await page.getByTestId('dataset').selectOption('toyFaces');
    await page.getByTestId('identity-a').selectOption('juno');
    await page.getByTestId('identity-b').selectOption('orbo');
    await page.getByTestId('encoder-shared').check();
    await page.waitForFunction(() => document.querySelector('[data-testid="step-count"]')?.textContent === '0', undefined, { timeout: READY_TIMEOUT });
    const started = performance.now();
    await togglePlay(page, 'Play');
    const scratchRows: string[][] = [];
    for (const at of checkpoints) {
      await page.waitForTimeout(Math.max(0, started + at * 1000 - performance.now()));
      await togglePlay(page, 'Pause');
      const table = await measureNow(page);
      scratchRows.push([
        `${at} s`,
        String(await testIdNumber(page, 'step-count')),
        cell(table, 'Called the target', 0),
        cell(table, 'Called the target', 1),
        cell(table, 'Expression and pose error', 0),
        cell(table, 'Expression and pose error', 2),
      ]);
      await togglePlay(page, 'Play');
    }
    await togglePlay(page, 'Pause');
    printTable('Face-swap lab in headless Chromium: the default settings from scratch (Juno → Orbo)', [
      'after', 'steps', 'A→B called B', 'B→A called A', 'A→B pose error', 'real faces',
    ], scratchRows, ['Measured with "Measure now" (128 held-out pictures per direction, paused for the measurement, not counted in the time).']);
  } finally {
    await harness.close();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const [rate, ...at] = process.argv.slice(2).map(Number);
  await runBrowserFaceSwapBenchmarks(rate || 15, at.length > 0 ? at : [60, 120]);
}
