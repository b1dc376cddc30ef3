/**
 * The installed, offline app in Debian's Chromium: after one visit the service worker has
 * precached the build, and with the network off every lab on the start page's navigation opens
 * and trains (so a lab added to the registry is covered without editing this file). The built page
 * carries a strict Content Security Policy, and no lab breaks it. As in every browser test,
 * nothing may leave the app's origin and the page may log no error.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { DIST_DIR, SCREENS_DIR, testIdNumber, testIdText, saveScreenshot } from './harness';
import { startLabHarness } from './labHarness';

// Service workers are off by default in browser tests; this one is about them.
const harness = startLabHarness({ serviceWorkers: 'allow' });

/** Records Content Security Policy violations on the page, for the test to read back. */
const RECORD_VIOLATIONS = `
  globalThis.__cspViolations = [];
  document.addEventListener('securitypolicyviolation', (e) => {
    globalThis.__cspViolations.push(e.violatedDirective + ' blocked ' + (e.blockedURI || 'inline') + ' at ' + e.sourceFile + ':' + e.lineNumber);
  });
`;

/** The policy the built page declares, as written in dist/index.html. */
async function builtPolicy(): Promise<string> {
  const html = await readFile(join(DIST_DIR, 'index.html'), 'utf8');
  const meta = html.match(/<meta http-equiv="Content-Security-Policy" content="([^"]+)"/);
  return meta ? meta[1].replace(/&#39;/g, "'") : '';
}

/** The lab paths on the start page's navigation: every lab in the registry. */
async function labPathsOf(page: Page): Promise<string[]> {
  return page.locator('nav[aria-label="Main"] a[data-lab]').evaluateAll((links) =>
    links.map((a) => a.getAttribute('href') ?? '').filter((href) => href.startsWith('#/') && href !== '#/'));
}

async function waitForBackend(page: Page): Promise<void> {
  await page.waitForFunction(
    () => (document.querySelector('[data-testid="backend-name"]')?.textContent ?? '').trim().length > 0,
    undefined,
    { timeout: 60_000 },
  );
}

const violations = (page: Page) => page.evaluate(() => (globalThis as unknown as { __cspViolations: string[] }).__cspViolations);

describe('the built page', () => {
  it('carries a strict Content Security Policy and no inline script', async () => {
    const html = await readFile(join(DIST_DIR, 'index.html'), 'utf8');
    const declared = await builtPolicy();
    expect(declared, 'dist/index.html has no Content-Security-Policy meta tag').not.toBe('');
    const policy = new Map(
      declared.split(';').map((d) => d.trim().split(/\s+/)).map(([name, ...sources]) => [name, sources.sort().join(' ')]),
    );
    expect(policy.get('default-src')).toBe("'self'");
    expect(policy.get('script-src')).toBe("'self' 'wasm-unsafe-eval'");
    expect(policy.get('worker-src')).toBe("'self'");
    expect(policy.get('connect-src')).toBe("'self'");
    expect(policy.get('style-src')).toBe("'self'");
    expect(policy.get('img-src')).toBe("'self' blob: data:");
    // The policy must come before any script for the browser to apply it to them.
    expect(html.indexOf('Content-Security-Policy')).toBeLessThan(html.indexOf('<script'));
    for (const script of html.match(/<script\b[^>]*>[\s\S]*?<\/script>/g) ?? []) expect(script).toMatch(/^<script\b[^>]*\bsrc=[^>]*><\/script>$/);
    expect(html).toMatch(/<link rel="manifest" href="\.\/manifest\.webmanifest">/);
  });
});

describe('offline, after one visit', () => {
  it('opens and trains every lab with the network off, within the Content Security Policy', async () => {
    await harness.context.addInitScript({ content: RECORD_VIOLATIONS });
    const page = await harness.open('#/');
    // Installed means activated: the worker activates only once the whole build is precached.
    await page.evaluate(async () => {
      await navigator.serviceWorker.ready;
      if (!navigator.serviceWorker.controller) {
        await new Promise((done) => navigator.serviceWorker.addEventListener('controllerchange', done, { once: true }));
      }
    });
    const labPaths = await labPathsOf(page);
    expect(labPaths.length).toBeGreaterThanOrEqual(3);

    await harness.context.setOffline(true);
    try {
      await page.reload({ waitUntil: 'load' });
      await page.locator('nav[aria-label="Main"]').waitFor({ state: 'visible' });
      // Really offline: a file the service worker did not store cannot be fetched. (Some Chromium
      // builds report navigator.onLine as true in a page the service worker served offline.) The
      // refused fetch is logged as an error, so errors up to here are checked first, then forgotten.
      harness.expectNoConsoleErrors();
      expect(await page.evaluate(() => fetch(`./not-stored-${Date.now()}.txt`).then(() => 'reached', () => 'refused'))).toBe('refused');
      harness.clearRecords();
      expect(await page.evaluate(() => navigator.serviceWorker.controller !== null)).toBe(true);
      expect(await violations(page)).toEqual([]);

      for (const path of labPaths) {
        const lab = await harness.open(path);
        await waitForBackend(lab);
        const before = await testIdNumber(lab, 'step-count');
        // The shared toolbar's Step, or the adversarial lab's "Step both".
        const step = lab.locator('[data-testid="step"], [data-testid="step-both"]').first();
        for (let i = 0; i < 3; i++) {
          await expect.poll(() => step.isEnabled(), { timeout: 30_000 }).toBe(true);
          await step.click();
        }
        await expect.poll(() => testIdNumber(lab, 'step-count'), { timeout: 30_000, message: `${path} did not train offline` }).toBeGreaterThan(before);
        expect(await violations(lab), `${path} broke the Content Security Policy`).toEqual([]);
        if (path === labPaths[0]) {
          await lab.setViewportSize({ width: 1400, height: 900 });
          await saveScreenshot(lab, { path: join(SCREENS_DIR, 'offline-lab.png') });
        }
      }
      // The lessons a lecturer follows open offline too.
      const lessons = await harness.open('#/lessons');
      await lessons.getByRole('heading', { level: 1, name: 'Lessons' }).waitFor({ timeout: 30_000 });
      expect(await lessons.getByTestId('lesson-part-link').count()).toBeGreaterThan(0);
    } finally {
      await harness.context.setOffline(false);
    }
  }, 120_000);
});

describe('the same policy sent as a header', () => {
  it('also governs the training workers, which still run TF.js on WebAssembly in every lab', async () => {
    // A <meta> policy covers only the page; a worker takes its policy from its own response's
    // headers. A host that sends the policy as a header puts the workers under it too.
    const policy = await builtPolicy();
    const browser = harness.context.browser();
    if (!browser) throw new Error('The harness context has no browser.');
    // No service worker here, so every response passes through the route that adds the header.
    const context = await browser.newContext({ serviceWorkers: 'block' });
    try {
      await context.route(`${harness.origin}/**`, async (route) => {
        try {
          const response = await route.fetch();
          await route.fulfill({ response, headers: { ...response.headers(), 'content-security-policy': policy } });
        } catch {
          // The request was dropped (the page moved on to the next lab before it finished).
        }
      });
      const page = await context.newPage();
      const refusals: string[] = [];
      // Messages from the page and from its workers alike.
      page.on('console', (message) => {
        if (/Content Security Policy/i.test(message.text())) refusals.push(message.text());
      });
      await page.goto(`${harness.origin}/#/`);
      for (const path of await labPathsOf(page)) {
        await page.goto(`${harness.origin}/${path}`);
        await waitForBackend(page);
        // Polled: on a route change the previous lab's readout can be read just before the new lab's is filled in.
        await expect.poll(() => testIdText(page, 'backend-name'), { message: `${path} fell back from WebAssembly`, timeout: 30_000 }).toMatch(/wasm/i);
      }
      expect(refusals).toEqual([]);
    } finally {
      await context.close();
    }
  }, 120_000);
});
