/**
 * The provenance lab in the built app, in headless Chromium: how long the C2PA validator
 * (c2pa-rs as WebAssembly, about 3 MB gzipped) takes to load, then, with it loaded, how long
 * signing one picture (c2pa-rs building the manifest and hashing the PNG, WebCrypto ES256) and
 * validating it take, as the page measures them, over `rounds` Steps. The target is sign +
 * verify ≤ 1 s after the validator has loaded. Figures, not pass/fail.
 *
 *   npx vite build && npx tsx tests/bench/browserProvenance.ts [rounds]
 */
import { BrowserHarness, testIdNumber, testIdText } from '../browser/harness';
import { printTable } from './printTable';

const READY_TIMEOUT = 120_000;

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

export async function runBrowserProvenanceBenchmarks(rounds = 10): Promise<void> {
  const harness = await BrowserHarness.start();
  try {
    const opened = performance.now();
    const page = await harness.open('#/provenance');
    await page.waitForFunction(() => (document.querySelector('[data-testid="backend-name"]')?.textContent ?? '').trim().length > 0, undefined, {
      timeout: READY_TIMEOUT,
    });
    // The backend name appears once the validator is loaded and the first picture signed and checked.
    const readyMs = performance.now() - opened;
    const firstSign = await testIdNumber(page, 'sign-ms');
    const firstVerify = await testIdNumber(page, 'verify-ms');

    const sign: number[] = [];
    const verify: number[] = [];
    const roundTrip: number[] = [];
    for (let i = 0; i < rounds; i++) {
      const before = await testIdNumber(page, 'step-count');
      const started = performance.now();
      await page.getByTestId('step').click();
      await page.waitForFunction((n) => Number(document.querySelector('[data-testid="step-count"]')?.textContent) === n, before + 1, { timeout: READY_TIMEOUT, polling: 10 });
      await page.getByTestId('step').and(page.locator(':enabled')).waitFor({ timeout: READY_TIMEOUT });
      roundTrip.push(performance.now() - started);
      sign.push(await testIdNumber(page, 'sign-ms'));
      verify.push(await testIdNumber(page, 'verify-ms'));
      if ((await testIdText(page, 'verdict')) !== 'Valid, signer not trusted') throw new Error(`Round ${i + 1}: the verdict was "${await testIdText(page, 'verdict')}"`);
    }
    const both = sign.map((s, i) => s + verify[i]);
    printTable('Provenance lab in headless Chromium: C2PA signing and validation (c2pa-rs, WebAssembly)', ['measure', 'median ms', 'max ms'], [
      ['page opened → validator loaded, first picture signed and checked', Math.round(readyMs), '—'],
      ['first signature (cold)', Math.round(firstSign), '—'],
      ['first validation (cold)', Math.round(firstVerify), '—'],
      ['sign one picture', Math.round(median(sign)), Math.round(Math.max(...sign))],
      ['validate it', Math.round(median(verify)), Math.round(Math.max(...verify))],
      ['sign + validate', Math.round(median(both)), Math.round(Math.max(...both))],
      ['Step pressed → verdict shown (page round trip)', Math.round(median(roundTrip)), Math.round(Math.max(...roundTrip))],
    ], [`${rounds} Steps on 112×112 PNG pictures; target sign + validate ≤ 1,000 ms once the validator is loaded.`]);
  } finally {
    await harness.close();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const [rounds] = process.argv.slice(2).map(Number);
  await runBrowserProvenanceBenchmarks(rounds || 10);
}
