import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// Relative base so `dist/` works from any static host path, or opened offline.
export default defineConfig({
  base: './',
  plugins: [react()],
  worker: { format: 'es' },
  build: { target: 'es2022', chunkSizeWarningLimit: 2000 },
  server: { port: 5173 },
  preview: { port: 4173 },
});
