import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import { mnistAssetPlugin } from './models/tools/mnistAssetPlugin';

// Relative base so `dist/` works from any static host path, or opened offline.
export default defineConfig({
  base: './',
  plugins: [react(), mnistAssetPlugin()],
  worker: { format: 'es', plugins: () => [mnistAssetPlugin()] },
  build: { target: 'es2022', chunkSizeWarningLimit: 2000 },
  server: { port: 5173 },
  preview: { port: 4173 },
});
