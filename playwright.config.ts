// End-to-end tests in Debian's Chromium against browser mode. The web server starts on a
// free port with a fixed token (asked for by name through LAYERLAB_WEB_TOKEN) and a fresh
// workspace folder, which the tests read exports from.
import { execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { defineConfig } from '@playwright/test';

// The config is evaluated in the runner and again in every worker; the environment carries
// the first evaluation's choices to the workers.
function freePort(): string {
  return execFileSync(process.execPath, [
    '-e',
    "const s=require('net').createServer();s.listen(0,'127.0.0.1',()=>{process.stdout.write(String(s.address().port));s.close()})",
  ])
    .toString()
    .trim();
}
process.env.LAYERLAB_E2E_PORT ??= freePort();
process.env.LAYERLAB_E2E_WORKSPACE ??= mkdtempSync(path.join(tmpdir(), 'layerlab-e2e-'));
process.env.LAYERLAB_E2E_TOKEN ??= 'e2e-token';

const port = process.env.LAYERLAB_E2E_PORT;
const baseURL = `http://127.0.0.1:${port}`;

export default defineConfig({
  testDir: 'test/e2e',
  testMatch: '**/*.spec.ts',
  // Screenshots and traces are the artifacts; a separate folder keeps parallel local runs apart.
  outputDir: process.env.LAYERLAB_E2E_OUTPUT ?? 'test-results',
  timeout: 120_000,
  expect: { timeout: 15_000 },
  fullyParallel: false,
  workers: 1,
  retries: 0,
  reporter: [['list'], ['html', { open: 'never', outputFolder: process.env.LAYERLAB_E2E_REPORT ?? 'playwright-report' }]],
  use: {
    baseURL,
    screenshot: 'on',
    trace: 'retain-on-failure',
    viewport: { width: 1400, height: 900 },
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
      ],
    },
  },
  webServer: {
    command: `node scripts/web.mjs --port ${port} --workspace ${process.env.LAYERLAB_E2E_WORKSPACE}`,
    url: `${baseURL}/?token=${process.env.LAYERLAB_E2E_TOKEN}`,
    env: {
      LAYERLAB_WEB_TOKEN: process.env.LAYERLAB_E2E_TOKEN,
    },
    reuseExistingServer: false,
    // The first run builds the renderer.
    timeout: 180_000,
    stdout: 'pipe',
    stderr: 'pipe',
  },
});
