/**
 * Once per browser-test run: serves the built app and launches one Chromium,
 * and hands both to every browser test file (`inject('labBrowser')`), which
 * opens its own fresh browser context in it. One launch and one server serve
 * the whole run instead of one of each per test file.
 */
import { chromium, type BrowserServer } from 'playwright-core';
import type { TestProject } from 'vitest/node';
import { CHROMIUM_ARGS, CHROMIUM_PATH, DIST_DIR, chromiumLaunchError, type SharedBrowser } from './harness';
import { startStaticServer, type StaticServer } from './staticServer';

declare module 'vitest' {
  export interface ProvidedContext {
    /** The run's shared Chromium and app server, or why there is none; absent without this setup. */
    labBrowser?: SharedBrowser | { failure: string };
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  let server: StaticServer | undefined;
  let browser: BrowserServer | undefined;
  try {
    server = await startStaticServer(DIST_DIR);
    browser = await chromium.launchServer({ executablePath: CHROMIUM_PATH, headless: true, args: CHROMIUM_ARGS })
      .catch((error: unknown) => { throw chromiumLaunchError(error); });
    project.provide('labBrowser', { wsEndpoint: browser.wsEndpoint(), origin: server.origin, distDir: DIST_DIR });
  } catch (error) {
    // Not thrown here, which would stop the unit tests too: each browser test file reports it.
    await server?.close();
    project.provide('labBrowser', { failure: error instanceof Error ? error.message : String(error) });
  }
  return async () => {
    await browser?.close().catch(() => undefined);
    await server?.close();
  };
}
