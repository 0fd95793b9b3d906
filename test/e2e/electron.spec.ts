// Smoke test of the real Electron shell. It runs where an Electron runtime exists and
// reports itself skipped elsewhere (its binary cannot be downloaded on these machines).
import { _electron as electron, expect, test } from '@playwright/test';
import { ensureRendererBuilt, ROOT } from '../../scripts/build-renderer.mjs';
import { buildElectron } from '../../scripts/build-electron.mjs';
import { electronRuntime } from '../../scripts/electron-runtime.mjs';

const runtime = electronRuntime();

test('the Electron window opens the editor with the bridge and without Node', async () => {
  test.skip(!runtime.path, `no Electron runtime here: ${runtime.reason}`);
  ensureRendererBuilt();
  await buildElectron();
  const app = await electron.launch({ executablePath: runtime.path!, args: [ROOT, '--no-sandbox'], cwd: ROOT });
  try {
    const win = await app.firstWindow();
    await expect(win.locator('[data-kind="Dense"]').first()).toBeVisible();
    const probe = await win.evaluate(async () => {
      const w = window as unknown as { layerlab?: { invoke(c: string, r: unknown): Promise<{ ok: boolean; value?: { templates: { id: string }[] } }> }; require?: unknown; process?: unknown };
      const r = await w.layerlab!.invoke('templates.list', {});
      return { require: typeof w.require, process: typeof w.process, ok: r.ok, ids: r.value?.templates.map((t) => t.id) ?? [] };
    });
    expect(probe).toMatchObject({ require: 'undefined', process: 'undefined', ok: true });
    expect(probe.ids).toContain('xor');
    // Navigation away from the app is refused: the page stays where it is.
    await win.evaluate(() => {
      window.location.href = 'https://example.com/';
    });
    await win.waitForTimeout(500);
    expect(win.url()).toMatch(/^app:\/\/layerlab\//);
  } finally {
    await app.close();
  }
});
