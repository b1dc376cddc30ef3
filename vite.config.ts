import { defineConfig, type Plugin } from 'vite';
import react from '@vitejs/plugin-react';
import { VitePWA } from 'vite-plugin-pwa';
import { mnistAssetPlugin } from './models/tools/mnistAssetPlugin';

/**
 * The built page's Content Security Policy: everything from the app's own origin, nothing else.
 * - script-src 'self' 'wasm-unsafe-eval': the bundles, plus compiling TF.js's WebAssembly backend.
 * - worker-src 'self': the training workers and the service worker are files of the build.
 * - style-src 'self': the built CSS files (React's style={{…}} props go through the CSSOM, which CSP allows).
 * - img-src data: blob:: charts exported as pictures (an SVG drawn via a blob: URL).
 * Added at build only: the dev server injects inline scripts and styles for hot reload.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self' 'wasm-unsafe-eval'",
  "worker-src 'self'",
  "connect-src 'self'",
  "img-src 'self' data: blob:",
  "style-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
].join('; ');

function contentSecurityPolicy(): Plugin {
  return {
    name: 'deepfake-lab-csp',
    apply: 'build',
    transformIndexHtml: () => [
      { tag: 'meta', attrs: { 'http-equiv': 'Content-Security-Policy', content: CONTENT_SECURITY_POLICY }, injectTo: 'head-prepend' },
    ],
  };
}

// Relative base so `dist/` works from any static host path, or opened offline.
export default defineConfig({
  base: './',
  // The install icons, copied to the root of `dist/` for the web app manifest.
  publicDir: 'src/app/icons',
  plugins: [
    react(),
    mnistAssetPlugin(),
    contentSecurityPolicy(),
    // Workbox precaches the whole build, so every lab opens and trains with no network after one visit.
    VitePWA({
      // A new build waits for the learner's "Reload" (src/app/UpdatePrompt.tsx), never swapping mid-training.
      registerType: 'prompt',
      // Registered by src/app/UpdatePrompt.tsx through the virtual module, not by an inline script.
      injectRegister: false,
      manifest: {
        name: 'Deepfake Lab',
        short_name: 'Deepfake Lab',
        description: 'Train the machinery behind deepfakes live in your browser, on toy data only.',
        theme_color: '#1f1535',
        background_color: '#f4f5f9',
        display: 'standalone',
        icons: [
          { src: 'icon-192.png', sizes: '192x192', type: 'image/png' },
          { src: 'icon-512.png', sizes: '512x512', type: 'image/png' },
          { src: 'icon-maskable-512.png', sizes: '512x512', type: 'image/png', purpose: 'maskable' },
        ],
      },
      workbox: {
        // Every lab's chunks and workers, the WebAssembly binaries, the shipped models and the MNIST asset
        // (the manifest and its icons are added by the plugin itself).
        globPatterns: ['**/*.{html,js,css,wasm,weights,bin}'],
        // The largest file (a TF.js .wasm binary or a model) is a few MB.
        maximumFileSizeToCacheInBytes: 16 * 1024 * 1024,
        // The first visit's page comes under the worker at once, so lazily loaded labs are served
        // offline too; an update still waits for the learner (no skipWaiting).
        clientsClaim: true,
        cleanupOutdatedCaches: true,
      },
    }),
  ],
  worker: { format: 'es', plugins: () => [mnistAssetPlugin()] },
  build: { target: 'es2022', chunkSizeWarningLimit: 2000 },
  server: { port: 5173 },
  preview: { port: 4173 },
});
