import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';

// Shared by the Vite plugin and svelte-check, so both compile components the same way.
export default {
  preprocess: vitePreprocess(),
};
