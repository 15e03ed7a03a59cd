// A tiny History API router: the server answers every non-API path with
// index.html, and this module decides which view to show for it.

/** Paths the server itself answers; links to them must load for real. */
const SERVER_PREFIXES = ['/api/', '/healthz', '/readyz', '/metrics'];

const state = $state({
  path: normalise(window.location.pathname),
  search: window.location.search,
  navigations: 0,
});

/** The current path, without a trailing slash (except "/"). */
export function currentPath(): string {
  return state.path;
}

/** The query string of the current address ("?token=…", or ""). */
export function currentSearch(): string {
  return state.search;
}

/** One parameter of the current query string ("" when absent). */
export function queryParam(name: string): string {
  return new URLSearchParams(state.search).get(name) ?? '';
}

/** Where to send someone after signing in: a same-site path, never another site. */
export function safeNext(next: string, fallback: string): string {
  return next.startsWith('/') && !next.startsWith('//') && !next.startsWith('/\\') ? next : fallback;
}

/** Counts client-side navigations, so the app can move focus after each one (not on first load). */
export function navigationCount(): number {
  return state.navigations;
}

export function navigate(to: string, options: { replace?: boolean } = {}): void {
  const url = new URL(to, window.location.href);
  if (options.replace) window.history.replaceState(null, '', url);
  else window.history.pushState(null, '', url);
  window.scrollTo(0, 0);
  update();
}

/** Starts listening for back/forward and for clicks on same-origin links; returns a stop function. */
export function startRouter(): () => void {
  const onPopState = (): void => update();
  window.addEventListener('popstate', onPopState);
  document.addEventListener('click', onClick);
  return () => {
    window.removeEventListener('popstate', onPopState);
    document.removeEventListener('click', onClick);
  };
}

function update(): void {
  state.path = normalise(window.location.pathname);
  state.search = window.location.search;
  state.navigations += 1;
}

function normalise(path: string): string {
  const trimmed = path.replace(/\/+$/, '');
  return trimmed === '' ? '/' : trimmed;
}

function onClick(event: MouseEvent): void {
  if (event.defaultPrevented || event.button !== 0) return;
  if (event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
  const anchor = event.target instanceof Element ? event.target.closest('a') : null;
  if (!anchor || !anchor.href) return;
  if (anchor.target && anchor.target !== '_self') return;
  if (anchor.hasAttribute('download') || anchor.dataset.reload !== undefined) return;

  const url = new URL(anchor.href);
  if (url.origin !== window.location.origin) return;
  if (SERVER_PREFIXES.some((prefix) => url.pathname.startsWith(prefix))) return;
  // In-page anchors such as the skip link keep the browser's own behaviour.
  if (url.pathname === window.location.pathname && url.hash) return;

  event.preventDefault();
  if (url.href !== window.location.href) navigate(url.href);
}
