/**
 * Browser-test harness: serves the built app from `dist/` on 127.0.0.1 and
 * drives Debian's Chromium (never a downloaded browser) with playwright-core.
 * Under Vitest each test file gets a fresh context in the run's one shared
 * Chromium and server (globalSetup.ts); elsewhere (benchmarks) it launches its own.
 * It records every request that leaves the app's own origin (and blocks it),
 * every console error and every uncaught page error, so tests can prove the
 * app is offline and quiet. No static vitest import here: benchmarks use it too.
 */
import { readFileSync } from 'node:fs';
import { mkdtemp, mkdir, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type BrowserContext, type BrowserContextOptions, type Download, type Page, type PageScreenshotOptions } from 'playwright-core';
import { startStaticServer } from './staticServer';
import { LABS } from '../../src/app/labRegistry';

const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
/** The built app; LAB_DIST_DIR serves another build (e.g. a copy of an older release). */
export const DIST_DIR = process.env.LAB_DIST_DIR ?? join(REPO_ROOT, 'dist');
export const SCREENS_DIR = join(REPO_ROOT, 'tests/.artifacts/screens');

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const CHROMIUM_ARGS = [
  '--headless', '--no-sandbox', '--disable-background-networking', '--disable-component-update',
  '--disable-sync', '--no-first-run', '--disable-quic',
];
// Service workers are off unless a test asks for them (the offline test): a page they control
// fetches from their cache, past the routes that tests use to make a request fail.
const CONTEXT_OPTIONS: BrowserContextOptions = { acceptDownloads: true, viewport: { width: 1400, height: 1000 }, serviceWorkers: 'block' };

/** Set by showTours(); without it every page of the context starts with each lab's tour marked seen. */
const TOURS_COOKIE = 'lab-test-tours';
const TOURS_SEEN_SCRIPT = `try {
  if (!document.cookie.split('; ').includes('${TOURS_COOKIE}=on')) {
    for (const lab of ${JSON.stringify(LABS.map((lab) => lab.id))}) localStorage.setItem('deepfake-lab:tour-seen:' + lab, '1');
  }
} catch {}`;

/** A Chromium and an app server that a whole test run shares (started by globalSetup.ts). */
export interface SharedBrowser {
  /** playwright-core's endpoint for connecting to the running Chromium. */
  wsEndpoint: string;
  /** The server of `distDir`, e.g. http://127.0.0.1:41234. */
  origin: string;
  distDir: string;
}

export function chromiumLaunchError(error: unknown): Error {
  return new Error(`Could not start Chromium (install it with "apt-get install -y chromium" or set CHROMIUM_PATH): ${String(error)}`, { cause: error });
}

/** The run's shared browser when Vitest's browser setup provides one; undefined in benchmarks. */
async function sharedBrowser(): Promise<SharedBrowser | undefined> {
  if (!process.env.VITEST) return undefined;
  const { inject } = await import('vitest');
  const provided = inject('labBrowser');
  if (provided && 'failure' in provided) throw new Error(provided.failure);
  return provided;
}

export interface AxeViolation {
  id: string;
  impact: string;
  help: string;
  /** CSS selectors of (up to five of) the offending elements. */
  targets: string[];
}

export interface CanvasPixels {
  width: number;
  height: number;
  /** RGBA bytes, row-major. */
  rgba: Uint8Array;
}

export class BrowserHarness {
  /** The page opened last by open()/openLab(). */
  page!: Page;
  readonly foreignRequests: string[] = [];
  readonly consoleErrors: string[] = [];
  readonly pageErrors: string[] = [];
  private downloads = 0;
  /** What the context was made with: a reused page goes back to its viewport and media. */
  private contextOptions: BrowserContextOptions = CONTEXT_OPTIONS;

  private constructor(
    readonly context: BrowserContext,
    /** e.g. http://127.0.0.1:41234 (no trailing slash). */
    readonly origin: string,
    private readonly release: () => Promise<void>,
    /** Set when connected to a shared Chromium: where downloads are copied so that path() works. */
    private readonly downloadsDir?: string,
  ) {}

  /**
   * A fresh context in the run's shared Chromium, or (outside Vitest, or for another build) a Chromium of its own.
   * `options` add to the context's defaults, e.g. `{ serviceWorkers: 'allow' }`.
   */
  static async start(distDir = DIST_DIR, options: BrowserContextOptions = {}): Promise<BrowserHarness> {
    const shared = await sharedBrowser();
    const contextOptions = { ...CONTEXT_OPTIONS, ...options };
    const harness = shared && resolve(shared.distDir) === resolve(distDir)
      ? await BrowserHarness.connect(shared, contextOptions)
      : await BrowserHarness.launch(distDir, contextOptions);
    harness.contextOptions = contextOptions;
    await harness.watch();
    harness.page = harness.context.pages()[0] ?? (await harness.context.newPage());
    return harness;
  }

  private static async connect(shared: SharedBrowser, contextOptions: BrowserContextOptions): Promise<BrowserHarness> {
    const browser = await chromium.connect(shared.wsEndpoint);
    const context = await browser.newContext(contextOptions);
    const downloadsDir = await mkdtemp(join(tmpdir(), 'deepfake-lab-downloads-'));
    return new BrowserHarness(context, shared.origin, async () => {
      await context.close().catch(() => undefined);
      // Disconnects; the shared Chromium keeps running for the next test file.
      await browser.close().catch(() => undefined);
      await rm(downloadsDir, { recursive: true, force: true });
    }, downloadsDir);
  }

  private static async launch(distDir: string, contextOptions: BrowserContextOptions): Promise<BrowserHarness> {
    const server = await startStaticServer(distDir);
    const profileDir = await mkdtemp(join(tmpdir(), 'deepfake-lab-chromium-'));
    let context: BrowserContext;
    try {
      context = await chromium.launchPersistentContext(profileDir, {
        ...contextOptions,
        executablePath: CHROMIUM_PATH,
        headless: true,
        args: CHROMIUM_ARGS,
      });
    } catch (error) {
      await server.close();
      await rm(profileDir, { recursive: true, force: true });
      throw chromiumLaunchError(error);
    }
    return new BrowserHarness(context, server.origin, async () => {
      await context.close().catch(() => undefined);
      await server.close();
      await rm(profileDir, { recursive: true, force: true });
    });
  }

  /** data:, blob: and about: URLs never leave the machine; anything else must be our server. */
  private isLocal(url: string): boolean {
    return /^(data|blob|about):/.test(url) || url.startsWith(this.origin + '/') || url === this.origin;
  }

  private recordForeign(url: string): void {
    if (!this.foreignRequests.includes(url)) this.foreignRequests.push(url);
  }

  private async watch(): Promise<void> {
    // tsx (esbuild, keepNames) wraps named functions in callbacks passed to page.evaluate with
    // a `__name(...)` helper that exists only in Node; give pages a no-op twin.
    await this.context.addInitScript({ content: 'globalThis.__name ??= (fn) => fn;' });
    // Every context is a first visit, which would start each lab's guided tour over the page under test:
    // mark the tours seen unless the test asked for them (showTours()).
    await this.context.addInitScript({ content: TOURS_SEEN_SCRIPT });
    // Foreign requests are recorded and aborted, so a slip can never reach the network.
    await this.context.route((url) => !this.isLocal(url.href), async (route) => {
      this.recordForeign(route.request().url());
      await route.abort('blockedbyclient');
    });
    this.context.on('request', (request) => {
      if (!this.isLocal(request.url())) this.recordForeign(request.url());
    });
    const attach = (page: Page) => {
      page.on('console', (message) => {
        if (message.type() === 'error') this.consoleErrors.push(`${message.text()} (at ${page.url()})`);
      });
      page.on('pageerror', (error) => this.pageErrors.push(`${error.name}: ${error.message}`));
      page.on('download', (download) => this.giveLocalPath(download));
    };
    this.context.pages().forEach(attach);
    this.context.on('page', attach);
  }

  /**
   * A connected client cannot read a download where the shared Chromium keeps it (playwright-core's
   * Download.path() refuses); this download's path() saves a local copy once and returns its path.
   * The listener runs as the download event fires, before any test awaiting the event resumes.
   */
  private giveLocalPath(download: Download): void {
    const dir = this.downloadsDir;
    if (!dir) return;
    let copy: Promise<string> | undefined;
    download.path = () => (copy ??= (async () => {
      const path = join(dir, `${this.downloads++}-${download.suggestedFilename().replace(/[^\w.-]+/g, '-')}`);
      await download.saveAs(path);
      return path;
    })());
  }

  /** Lets the guided tours start on a first visit to each lab (the harness marks them seen by default). */
  async showTours(): Promise<void> {
    await this.context.addCookies([{ name: TOURS_COOKIE, value: 'on', url: this.origin }]);
  }

  /** Opens `path` in a fresh document (a full load, so URL settings are read), e.g. "#/" or "#/adversarial?seed=7". */
  async open(path = ''): Promise<Page> {
    const url = `${this.origin}/${path.replace(/^\//, '')}`;
    if (!this.page || this.page.isClosed()) {
      this.page = await this.context.newPage();
    } else {
      // The same tab, with a new document: through about:blank, so that a link differing only in its
      // hash is a full load too. Its renderer process stays up, which spares starting another
      // (about 0.3 s of each lab load); what a test changed on the tab goes back to the context's.
      await this.page.goto('about:blank');
      const { viewport, reducedMotion } = this.contextOptions;
      const size = this.page.viewportSize();
      if (viewport && (size?.width !== viewport.width || size?.height !== viewport.height)) await this.page.setViewportSize(viewport);
      await this.page.emulateMedia({ reducedMotion: reducedMotion ?? null });
    }
    await this.page.goto(url, { waitUntil: 'load' });
    return this.page;
  }

  /** Opens the lab at `path` and waits until its controls and first frame are there. */
  async openLab(path = '#/adversarial', timeoutMs = 60_000): Promise<Page> {
    const page = await this.open(path);
    await page.getByTestId('play-pause').waitFor({ state: 'visible', timeout: timeoutMs });
    await page.getByTestId('main-plot-canvas').waitFor({ state: 'visible', timeout: timeoutMs });
    // The backend name appears once the worker has started TF.js.
    await page.waitForFunction(
      () => (document.querySelector('[data-testid="backend-name"]')?.textContent ?? '').trim().length > 0,
      undefined,
      { timeout: timeoutMs },
    );
    return page;
  }

  expectNoForeignRequests(): void {
    if (this.foreignRequests.length > 0) {
      throw new Error(`The app made ${this.foreignRequests.length} request(s) outside its own origin:\n${this.foreignRequests.join('\n')}`);
    }
  }

  expectNoConsoleErrors(): void {
    const all = [...this.consoleErrors.map((e) => `console.error: ${e}`), ...this.pageErrors.map((e) => `uncaught: ${e}`)];
    if (all.length > 0) throw new Error(`The page reported ${all.length} error(s):\n${all.join('\n')}`);
  }

  /** Forgets recorded errors (after a test has reported them, so the next test starts clean). */
  clearRecords(): void {
    this.foreignRequests.length = 0;
    this.consoleErrors.length = 0;
    this.pageErrors.length = 0;
  }

  async close(): Promise<void> {
    await this.release();
  }
}

/** axe-core's minified build: the page compiles it for each check, and it is half the size of `axe.source`. */
const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/** Runs axe-core in the page; returns only serious and critical violations. */
export async function runAxe(page: Page): Promise<AxeViolation[]> {
  const alreadyThere = await page.evaluate(() => 'axe' in window);
  // Evaluated through the debugging protocol, which the page's Content Security Policy does not
  // govern; a <script> tag with the source would be an inline script, which the policy refuses.
  if (!alreadyThere) await page.evaluate(AXE_SOURCE);
  return page.evaluate(async () => {
    const w = window as unknown as { axe: typeof import('axe-core') };
    const results = await w.axe.run(document, { resultTypes: ['violations'] });
    return results.violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => ({
        id: v.id,
        impact: v.impact ?? 'unknown',
        help: v.help,
        targets: v.nodes.slice(0, 5).map((n) => n.target.join(' ')),
      }));
  });
}

/** The pixels of the canvas with this data-testid (works for 2D and WebGL canvases alike). */
export async function canvasPixels(page: Page, testId: string): Promise<CanvasPixels> {
  const result = await page.evaluate((id) => {
    const canvas = document.querySelector(`canvas[data-testid="${id}"]`);
    if (!(canvas instanceof HTMLCanvasElement)) return `No <canvas data-testid="${id}"> on the page`;
    const copy = document.createElement('canvas');
    copy.width = canvas.width;
    copy.height = canvas.height;
    const ctx = copy.getContext('2d');
    if (!ctx || canvas.width === 0 || canvas.height === 0) return `Canvas "${id}" is empty (${canvas.width}×${canvas.height})`;
    ctx.drawImage(canvas, 0, 0);
    const bytes = ctx.getImageData(0, 0, copy.width, copy.height).data;
    // Base64 keeps the transfer compact (a JSON number array would be ~4× larger).
    let binary = '';
    for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
    return { width: copy.width, height: copy.height, base64: btoa(binary) };
  }, testId);
  if (typeof result === 'string') throw new Error(result);
  return { width: result.width, height: result.height, rgba: new Uint8Array(Buffer.from(result.base64, 'base64')) };
}

/** Fraction of pixels (0..1) that differ between two captures of the same canvas. */
export function pixelDifference(a: CanvasPixels, b: CanvasPixels): number {
  if (a.width !== b.width || a.height !== b.height) return 1;
  let differing = 0;
  for (let i = 0; i < a.rgba.length; i += 4) {
    if (a.rgba[i] !== b.rgba[i] || a.rgba[i + 1] !== b.rgba[i + 1] || a.rgba[i + 2] !== b.rgba[i + 2] || a.rgba[i + 3] !== b.rgba[i + 3]) differing++;
  }
  return differing / (a.width * a.height);
}

/**
 * Screenshots are for a person to open; LAB_SCREENSHOTS=off skips them where nobody will (the CI
 * script sets it): a full-page one takes about 0.6 s of a core, and the browser run takes about a hundred.
 */
const SCREENSHOTS_ON = process.env.LAB_SCREENSHOTS !== 'off';

/** page.screenshot into its folder, unless screenshots are off. */
export async function saveScreenshot(page: Page, options: PageScreenshotOptions & { path: string }): Promise<void> {
  if (!SCREENSHOTS_ON) return;
  await mkdir(dirname(options.path), { recursive: true });
  await page.screenshot(options);
}

/** Saves a full-page screenshot as tests/.artifacts/screens/<name>.png (unless screenshots are off) and returns its path. */
export async function screenshot(page: Page, name: string): Promise<string> {
  const path = join(SCREENS_DIR, `${name.replace(/[^\w.-]+/g, '-')}.png`);
  await saveScreenshot(page, { path, fullPage: true });
  return path;
}

/** The trimmed text of the element with this data-testid. */
export async function testIdText(page: Page, testId: string): Promise<string> {
  return ((await page.getByTestId(testId).textContent()) ?? '').trim();
}

/** A number shown by the element with this data-testid (thousands separators allowed), or NaN. */
export async function testIdNumber(page: Page, testId: string): Promise<number> {
  const text = await testIdText(page, testId);
  const match = text.replace(/[,\u202f\u00a0]/g, '').match(/-?\d+(\.\d+)?(e[+-]?\d+)?/i);
  return match ? Number(match[0]) : NaN;
}
