import { defineConfig } from 'vite';
import { svelte } from '@sveltejs/vite-plugin-svelte';

// `npm run dev` forwards API calls to a running `cohort serve` so the UI can be
// developed against the real server; override with COHORT_DEV_API.
const devApi = process.env.COHORT_DEV_API ?? 'http://127.0.0.1:8080';

export default defineConfig({
  plugins: [svelte()],
  server: {
    proxy: {
      '/api': devApi,
      '/healthz': devApi,
      '/readyz': devApi,
    },
  },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    // The server's Content-Security-Policy has no 'unsafe-inline': the preload
    // polyfill is not needed by the browsers we support, so emit nothing extra.
    modulePreload: { polyfill: false },
    // Never inline small assets as data: URIs into CSS/JS; keep every asset a file.
    assetsInlineLimit: 0,
    cssCodeSplit: true,
    sourcemap: false,
    target: 'es2022',
    rollupOptions: {
      output: {
        // Views load on demand (src/routes/routes.ts). The Svelte runtime and
        // i18next go in one chunk of their own, which every view shares, rather
        // than in a dozen small pieces the first page would fetch one by one.
        manualChunks(id) {
          if (/[\\/]node_modules[\\/](svelte|i18next)[\\/]/.test(id)) return 'vendor';
          return undefined;
        },
      },
    },
  },
});
