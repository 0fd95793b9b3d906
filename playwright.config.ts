// End-to-end tests in Debian's Chromium against browser mode. The web server starts on a
// free port with a fixed token (asked for by name through LAYERLAB_WEB_TOKEN) and a fresh
// workspace folder, which the tests read exports from.
import { execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { defineConfig } from '@playwright/test';
import { ENV_VARS, e2eSettings } from './engine/backend/env.js';

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
process.env[ENV_VARS.e2ePort.name] ??= freePort();
process.env[ENV_VARS.e2eWorkspace.name] ??= mkdtempSync(path.join(tmpdir(), 'layerlab-e2e-'));
const e2e = e2eSettings();
const port = e2e.port;
const baseURL = `http://127.0.0.1:${port}`;

export default defineConfig({
  testDir: 'test/e2e',
  testMatch: '**/*.spec.ts',
  // Screenshots and traces are the artifacts; a separate folder keeps parallel local runs apart.
  outputDir: e2e.output,
  timeout: 120_000,
  expect: { timeout: 15_000 },
  fullyParallel: false,
  workers: 1,
  retries: 0,
  reporter: [['list'], ['html', { open: 'never', outputFolder: e2e.report }]],
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
    command: `node scripts/web.mjs --port ${port} --workspace ${e2e.workspace}`,
    url: `${baseURL}/?token=${e2e.token}`,
    env: {
      [ENV_VARS.webToken.name]: e2e.token,
    },
    reuseExistingServer: false,
    // The first run builds the renderer.
    timeout: 180_000,
    stdout: 'pipe',
    stderr: 'pipe',
  },
});
