/**
 * The set-up every browser test file shares: one BrowserHarness for the file (a fresh context in
 * the shared Chromium), and after each test the checks that nothing left the app's own origin
 * and that the page logged no error. The harness it returns stands for the one started in
 * beforeAll, so a file can name it at the top and use it inside its tests.
 */
import { afterAll, afterEach, beforeAll } from 'vitest';
import type { BrowserContextOptions } from 'playwright-core';
import { BrowserHarness } from './harness';

/** `options` add to the context's defaults, e.g. `{ serviceWorkers: 'allow' }` for the offline test. */
export function startLabHarness(options: BrowserContextOptions = {}): BrowserHarness {
  let current: BrowserHarness | null = null;
  beforeAll(async () => {
    current = await BrowserHarness.start(undefined, options);
  });
  afterAll(async () => {
    await current?.close();
  });
  afterEach(() => {
    try {
      current?.expectNoForeignRequests();
      current?.expectNoConsoleErrors();
    } finally {
      current?.clearRecords();
    }
  });
  return new Proxy({} as BrowserHarness, {
    get(_, key) {
      if (!current) throw new Error('The browser harness starts in beforeAll: use it inside a test.');
      const value = Reflect.get(current, key, current);
      return typeof value === 'function' ? value.bind(current) : value;
    },
  });
}
