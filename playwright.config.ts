import { defineConfig, devices } from '@playwright/test';

// E2E_PORT lets several checkouts run their e2e tests at once without reusing each other's server.
const PORT = Number(process.env.E2E_PORT ?? 4174);

// Chromium comes from the system (/usr/bin/chromium): Playwright never downloads a browser here.
export default defineConfig({
  testDir: 'e2e',
  // e2e/by-hand needs inputs too big to make in a test run (BIG_CAPTURE: a gigabyte capture); it runs when given one.
  testIgnore: process.env.BIG_CAPTURE ? [] : ['**/by-hand/**'],
  outputDir: 'test-results',
  fullyParallel: true,
  forbidOnly: !!process.env.CI,
  retries: process.env.CI ? 1 : 0,
  reporter: process.env.CI ? [['list'], ['html', { open: 'never' }]] : 'list',
  timeout: 30_000,
  use: {
    baseURL: `http://127.0.0.1:${PORT}`,
    trace: 'retain-on-failure',
    viewport: { width: 1280, height: 720 },
  },
  projects: [
    {
      name: 'chromium',
      use: {
        ...devices['Desktop Chrome'],
        viewport: { width: 1280, height: 720 },
        launchOptions: {
          executablePath: '/usr/bin/chromium',
          args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
        },
      },
    },
  ],
  webServer: {
    command: `npm run build && npx vite preview --port ${PORT} --strictPort --host 127.0.0.1`,
    url: `http://127.0.0.1:${PORT}`,
    reuseExistingServer: !process.env.CI,
    timeout: 120_000,
    stdout: 'ignore',
    stderr: 'pipe',
  },
});
