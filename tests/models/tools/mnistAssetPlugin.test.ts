import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { build, createServer, type Plugin } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readDigitAsset } from '../../../src/core/mnist/digitAsset';
import { MNIST_DEV_PATH, mnistAssetPlugin } from '../../../models/tools/mnistAssetPlugin';
import viteConfig from '../../../vite.config';

/** A throwaway app whose page and module worker both import the digits' URL. */
let root: string;

beforeAll(() => {
  const scratch = resolve(import.meta.dirname, '../../.artifacts');
  mkdirSync(scratch, { recursive: true });
  root = mkdtempSync(join(scratch, 'mnist-plugin-'));
  writeFileSync(
    join(root, 'main.ts'),
    `import url from 'virtual:mnist-digits';
(globalThis as any).digitsUrl = url;
if (typeof Worker !== 'undefined') new Worker(new URL('./worker.ts', import.meta.url), { type: 'module' });`,
  );
  writeFileSync(join(root, 'worker.ts'), `import url from 'virtual:mnist-digits';\npostMessage(url);`);
});

afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('mnist asset plugin', () => {
  it('is registered for the app and its workers', () => {
    const names = (plugins: unknown) => (plugins as Plugin[]).flat().map((p) => p?.name);
    expect(names(viteConfig.plugins)).toContain('deepfake-lab:mnist-digits');
    expect(names(viteConfig.worker?.plugins?.())).toContain('deepfake-lab:mnist-digits');
    expect(viteConfig.base).toBe('./');
  });

  it('emits the asset in a build, with URLs relative to the page and worker chunks', async () => {
    const outDir = join(root, 'dist');
    await build({
      root,
      base: './',
      configFile: false,
      logLevel: 'silent',
      plugins: [mnistAssetPlugin()],
      worker: { format: 'es', plugins: () => [mnistAssetPlugin()] },
      build: { outDir, target: 'es2022', modulePreload: false, minify: false, rollupOptions: { input: join(root, 'main.ts') } },
    });
    const files = readdirSync(join(outDir, 'assets'));
    const asset = files.find((f) => /^mnist-digits-[\w-]+\.bin$/.test(f));
    expect(asset).toBeDefined();
    const page = files.find((f) => f.startsWith('main-') && f.endsWith('.js'))!;
    const worker = files.find((f) => f.startsWith('worker-') && f.endsWith('.js'))!;
    for (const chunk of [page, worker]) {
      const code = readFileSync(join(outDir, 'assets', chunk), 'utf8');
      expect(code).toContain(`new URL("${asset}", import.meta.url)`); // relative: the dist folder can live anywhere
    }

    // Run the built chunks in Node (their import.meta.url is a file: URL) and load what they point at.
    await import(pathToFileURL(join(outDir, 'assets', page)).href);
    const pageUrl = (globalThis as { digitsUrl?: string }).digitsUrl!;
    expect(pageUrl).toBe(pathToFileURL(join(outDir, 'assets', asset!)).href);
    const posted: string[] = [];
    const global = globalThis as { postMessage?: unknown; digitsUrl?: string };
    global.postMessage = (m: string) => posted.push(m);
    try {
      await import(pathToFileURL(join(outDir, 'assets', worker)).href);
    } finally {
      delete global.postMessage;
      delete global.digitsUrl;
    }
    expect(posted).toEqual([pageUrl]);
    const digits = await readDigitAsset(readFileSync(new URL(pageUrl)));
    expect([digits.count, digits.rows, digits.cols]).toEqual([10_000, 28, 28]);
  });

  it('serves the asset from the dev server', async () => {
    const server = await createServer({ root, configFile: false, logLevel: 'silent', plugins: [mnistAssetPlugin()], server: { port: 0, host: '127.0.0.1', ws: false } });
    try {
      await server.listen();
      const { port } = server.httpServer!.address() as AddressInfo;
      const origin = `http://127.0.0.1:${port}`;
      // Run the module as served (from a file, so import.meta.url is a real base) and follow its URL's path.
      const code = await (await fetch(`${origin}/@id/__x00__virtual:mnist-digits`)).text();
      const served = join(root, 'served-virtual-module.mjs');
      writeFileSync(served, code);
      const { default: url } = (await import(pathToFileURL(served).href)) as { default: string };
      expect(new URL(url).pathname).toBe(`/${MNIST_DEV_PATH}`);
      const response = await fetch(`${origin}${new URL(url).pathname}`);
      expect(response.headers.get('content-type')).toBe('application/octet-stream');
      const digits = await readDigitAsset(new Uint8Array(await response.arrayBuffer()));
      expect(digits.count).toBe(10_000);
    } finally {
      await server.close();
    }
  });
});
