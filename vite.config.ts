// Builds the renderer (React) into dist/renderer, served by the browser-mode host and loaded
// by the Electron window from file:// (hence the relative base).
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

export default defineConfig({
  root: 'renderer',
  base: './',
  plugins: [react()],
  build: {
    outDir: '../dist/renderer',
    emptyOutDir: true,
    target: 'es2022',
    // The editor, React Flow and recharts make one large but single-load bundle.
    chunkSizeWarningLimit: 4096,
  },
  server: { host: '127.0.0.1' },
});
