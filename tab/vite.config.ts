import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import { sidePanelSizeReport } from './build/size-report';

const here = dirname(fileURLToPath(import.meta.url));

/** The tab: one page per Teams frame context, served by the Rådslag server under /tab/. */
export default defineConfig({
  root: here,
  base: '/tab/',
  plugins: [react(), sidePanelSizeReport()],
  build: {
    outDir: resolve(here, '../dist/tab'),
    emptyOutDir: true,
    target: 'es2022',
    sourcemap: false,
    chunkSizeWarningLimit: 1200,
  },
});
