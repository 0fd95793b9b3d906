// `npm start`: builds the renderer and the Electron bundles, then launches Electron; where
// no Electron runtime exists it says so in one sentence and starts browser mode instead.
import { spawn } from 'node:child_process';
import { ROOT, ensureRendererBuilt } from './build-renderer.mjs';
import { buildElectron } from './build-electron.mjs';
import { electronRuntime } from './electron-runtime.mjs';
import { startWeb } from './web.mjs';

const args = process.argv.slice(2);
const runtime = electronRuntime();
if (!runtime.path) {
  console.log(`No Electron runtime is available here (${runtime.reason}), so LayerLab starts in browser mode instead.`);
  startWeb(args);
} else {
  ensureRendererBuilt();
  await buildElectron();
  const child = spawn(runtime.path, [ROOT, ...args], { cwd: ROOT, stdio: 'inherit' });
  for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => child.kill(sig));
  child.on('exit', (code) => process.exit(code ?? 0));
}
