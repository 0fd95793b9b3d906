// `npm run web [-- --port N]`: builds the renderer if needed, then starts the browser-mode
// host (TypeScript through tsx, no compile step) and prints its URL.
import { spawn } from 'node:child_process';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { ROOT, ensureRendererBuilt } from './build-renderer.mjs';

export function startWeb(args) {
  ensureRendererBuilt({ force: args.includes('--build') });
  const rest = args.filter((a) => a !== '--build');
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(ROOT, 'electron', 'web-cli.ts'), ...rest], {
    cwd: ROOT,
    stdio: 'inherit',
  });
  for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => child.kill(sig));
  child.on('exit', (code, signal) => process.exit(code ?? (signal ? 0 : 1)));
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) startWeb(process.argv.slice(2));
