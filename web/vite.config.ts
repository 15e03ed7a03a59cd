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
  },
});
