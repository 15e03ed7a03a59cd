import { mount } from 'svelte';
import App from './App.svelte';
import './app.css';
import { initI18n } from './lib/i18n/i18n.svelte';
import { loadSession } from './lib/session.svelte';

const target = document.getElementById('app');
if (!target) throw new Error('index.html has no #app element');

// Ask who is signed in straight away: state-changing requests wait for the
// answer (they need its CSRF token), and it loads while the texts do.
void loadSession();

// Texts must be ready before the first render, or the page would flash keys.
await initI18n();
mount(App, { target });
