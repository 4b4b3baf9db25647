import { resolve } from 'node:path';
import { defineConfig } from 'vite';

/** Built into dist/console, which the service serves at /console (apps/rapport/src/http/console-assets.ts). */
export default defineConfig({
  root: __dirname,
  base: '/console/',
  logLevel: 'warn',
  build: {
    outDir: resolve(__dirname, '../../dist/console'),
    emptyOutDir: true,
    target: 'es2022',
    // The CSP allows scripts from the service only: no inline polyfill.
    modulePreload: { polyfill: false },
    assetsInlineLimit: 0,
    // ECharts' core with two chart types is most of it (about 190 kB gzipped in all).
    chunkSizeWarningLimit: 700,
  },
});
