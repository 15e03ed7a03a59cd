import { expect, test, text } from './fixtures';

interface SystemStatus {
  version: string;
  database: { engine: string; ready: boolean; schema_version: number };
}

test('status page shows the version and readiness reported by the server', async ({ page, request }) => {
  const response = await request.get('/api/v1/status');
  expect(response.status()).toBe(200);
  const status = (await response.json()) as SystemStatus;
  expect(status.database.ready).toBe(true);

  await page.goto('/status');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(text('az', 'status.title'));
  await expect(page.getByTestId('status-version')).toHaveText(status.version);
  await expect(page.getByTestId('status-database')).toHaveText(text('az', 'status.ready'));
  await expect(page.getByTestId('status-facts')).toContainText(String(status.database.schema_version));
  await expect(page.getByTestId('footer-version')).toContainText(
    text('az', 'footer.version', { version: status.version }),
  );
  await expect(page.getByRole('alert')).toHaveCount(0);

  const refreshed = page.waitForResponse((r) => r.url().endsWith('/api/v1/status'));
  await page.getByRole('button', { name: text('az', 'status.refresh') }).click();
  expect((await refreshed).status()).toBe(200);
  await expect(page.getByRole('status')).toContainText(text('az', 'status.updated_at', { time: '' }).trim());
});

test.describe('when the server is not ready or unreachable', () => {
  // The browser itself logs the failed requests these tests provoke.
  test.use({ allowedConsoleErrors: [/Failed to load resource/] });

  test('a 503 from /readyz shows the translated not-ready message', async ({ page }) => {
    // The real server is healthy, so the 503 it would send without a database is simulated here.
    await page.route('**/readyz', (route) =>
      route.fulfill({
        status: 503,
        contentType: 'application/problem+json',
        body: JSON.stringify({ type: 'about:blank', title: 'Service unavailable', status: 503, detail: 'database is not reachable' }),
      }),
    );
    await page.goto('/status');
    await expect(page.getByRole('alert')).toContainText(text('az', 'status.not_ready_title'));
    await expect(page.getByRole('alert')).toContainText('database is not reachable');
  });

  test('no answer at all shows the translated unreachable message', async ({ page }) => {
    await page.goto('/status');
    await expect(page.getByTestId('status-version')).toBeVisible();
    await page.route('**/api/v1/status', (route) => route.abort('connectionrefused'));
    await page.route('**/readyz', (route) => route.abort('connectionrefused'));
    await page.getByRole('button', { name: text('az', 'status.refresh') }).click();
    await expect(page.getByRole('alert')).toContainText(text('az', 'status.unreachable_title'));
    await expect(page.getByTestId('status-version')).toHaveCount(0);
  });
});

test('unknown API paths answer with a problem document', async ({ request }) => {
  const response = await request.get('/api/v1/no-such-route');
  expect(response.status()).toBe(404);
  expect(response.headers()['content-type']).toContain('application/problem+json');
  const problem = (await response.json()) as { status: number; title: string };
  expect(problem.status).toBe(404);
  expect(problem.title).not.toBe('');
});
