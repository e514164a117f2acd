import { resolve } from 'node:path';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'electron-vite';

// Only native and Electron-provided modules stay external to the main bundle: a plain
// require('kysely') costs ~85 ms at start, so pure-JS dependencies are bundled.
const mainExternal = ['better-sqlite3', 'electron-updater'];
const bundledDeps = ['kysely', 'zod', 'libphonenumber-js', 'i18next'];

export default defineConfig({
  main: {
    build: {
      externalizeDeps: { exclude: bundledDeps },
      rollupOptions: {
        external: mainExternal,
        // The sync worker is its own entry: it runs on a worker thread (see sync-worker-host.ts).
        input: {
          index: resolve('src/main/index.ts'),
          'sync-worker': resolve('src/main/core/sync/sync-worker.ts'),
          // Decodes pulled pages for the sync worker, beside it (see page-decoder.ts).
          'page-decoder-worker': resolve('src/main/core/sync/page-decoder-worker.ts'),
          // Fits the learned models off the core's thread (see prediction-worker-host.ts).
          'prediction-worker': resolve('src/main/core/predictions/prediction-worker.ts'),
          // The heavy reads, off the thread that answers a ring (see reader-worker-host.ts).
          'reader-worker': resolve('src/main/core/reader/reader-worker.ts'),
        },
      },
    },
  },
  preload: {
    // A sandboxed preload cannot require() anything but 'electron': bundle everything.
    build: {
      externalizeDeps: false,
      // A sandboxed preload must be CommonJS (the package itself is "type": "module").
      rollupOptions: {
        input: { index: resolve('src/preload/index.ts') },
        output: { format: 'cjs' },
      },
    },
  },
  renderer: {
    root: 'src/renderer',
    build: { rollupOptions: { input: { index: resolve('src/renderer/index.html') } } },
    plugins: [react()],
  },
});
