// Bundles the Electron side with esbuild into dist-electron/: main.js (ESM), preload.cjs
// (CommonJS with zod inside: a sandboxed preload can require nothing but electron) and
// training-worker.js. Packages stay external for main and worker (node_modules ships).
import { build } from 'esbuild';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const out = path.join(ROOT, 'dist-electron');
const common = { bundle: true, platform: 'node', target: 'node20', sourcemap: true, logLevel: 'warning' };

export async function buildElectron() {
  await Promise.all([
    build({ ...common, entryPoints: [path.join(ROOT, 'electron/main.ts')], outfile: path.join(out, 'main.js'), format: 'esm', packages: 'external' }),
    build({ ...common, entryPoints: [path.join(ROOT, 'electron/training-worker.ts')], outfile: path.join(out, 'training-worker.js'), format: 'esm', packages: 'external' }),
    build({ ...common, entryPoints: [path.join(ROOT, 'electron/preload.ts')], outfile: path.join(out, 'preload.cjs'), format: 'cjs', external: ['electron'] }),
  ]);
  return out;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  await buildElectron();
  console.log(`Built the Electron main, preload and training worker into ${path.relative(process.cwd(), out) || out}`);
}
