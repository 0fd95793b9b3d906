// The LAYERLAB_* variables: parsed as documented, declared once, and read nowhere else.
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import {
  ENV_VARS, catalogCases, dawnBackendName, debugStacks, e2eSettings, fashionMnistDir, wasmFmaAllowed, wasmStock, wasmThreads,
  webgpuInWorkers, webgpuStock, webToken,
} from './env.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const HERE = fileURLToPath(import.meta.url);
const MODULE = fileURLToPath(new URL('./env.ts', import.meta.url));

/** The repository's own source files (no dependencies, no build output). */
function sources(dir = ROOT): string[] {
  const out: string[] = [];
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    if (e.name.startsWith('.') || ['node_modules', 'dist', 'dist-electron', 'release', 'test-results', 'playwright-report'].includes(e.name)) continue;
    const p = join(dir, e.name);
    if (e.isDirectory()) out.push(...sources(p));
    else if (/\.(ts|tsx|mjs|js|py|sh)$/.test(e.name)) out.push(p);
  }
  return out;
}

describe('environment switches', () => {
  it('turn LayerLab kernels off for any value but 0, and read an empty value as unset', () => {
    for (const [read, name] of [[wasmStock, 'LAYERLAB_WASM_STOCK'], [webgpuStock, 'LAYERLAB_WEBGPU_STOCK']] as const) {
      expect(read({}), name).toBe(false);
      expect(read({ [name]: '' }), name).toBe(false);
      expect(read({ [name]: '0' }), name).toBe(false);
      expect(read({ [name]: '1' }), name).toBe(true);
      expect(read({ [name]: 'yes' }), name).toBe(true);
    }
    expect(wasmFmaAllowed({})).toBe(true);
    expect(wasmFmaAllowed({ LAYERLAB_WASM_FMA: '0' })).toBe(false);
    expect(wasmFmaAllowed({ LAYERLAB_WASM_FMA: '1' })).toBe(true);
    expect(webgpuInWorkers({ LAYERLAB_WEBGPU_IN_WORKERS: '1' })).toBe(true);
    expect(webgpuInWorkers({ LAYERLAB_WEBGPU_IN_WORKERS: 'true' })).toBe(false);
    expect(debugStacks({ LAYERLAB_DEBUG: '' })).toBe(false);
    expect(debugStacks({ LAYERLAB_DEBUG: '1' })).toBe(true);
    expect(webToken({ LAYERLAB_WEB_TOKEN: '' })).toBeUndefined();
    expect(webToken({ LAYERLAB_WEB_TOKEN: 't' })).toBe('t');
  });

  it('parse counts and names, and say which variable is wrong', () => {
    expect(wasmThreads({})).toBeNull();
    expect(wasmThreads({ LAYERLAB_WASM_THREADS: '3' })).toBe(3);
    expect(wasmThreads({ LAYERLAB_WASM_THREADS: '500' })).toBe(64);
    expect(() => wasmThreads({ LAYERLAB_WASM_THREADS: '1.5' })).toThrow(/LAYERLAB_WASM_THREADS must be a whole number of threads, 1 or more; got '1.5'/);
    expect(dawnBackendName({ LAYERLAB_DAWN_BACKEND: ' OpenGLES ' })).toBe('opengles');
    expect(dawnBackendName({})).toBeNull();
    expect(() => dawnBackendName({ LAYERLAB_DAWN_BACKEND: 'dx9' })).toThrow(/LAYERLAB_DAWN_BACKEND='dx9' is not a Dawn backend \(vulkan, metal, d3d12, opengl, opengles\)/);
    expect(catalogCases({})).toEqual({ runs: 4, seed: 20261126 });
    expect(catalogCases({ LAYERLAB_CATALOG_RUNS: '50', LAYERLAB_CATALOG_SEED: '7' })).toEqual({ runs: 50, seed: 7 });
    expect(() => catalogCases({ LAYERLAB_CATALOG_RUNS: 'many' })).toThrow(/LAYERLAB_CATALOG_RUNS must be a whole number; got 'many'/);
    expect(fashionMnistDir({})).toBe('/usr/share/datasets/fashion-mnist');
    expect(fashionMnistDir({ LAYERLAB_FASHION_MNIST_DIR: '/data/f' })).toBe('/data/f');
    expect(e2eSettings({})).toEqual({ port: undefined, workspace: '', token: 'e2e-token', output: 'test-results', report: 'playwright-report' });
  });

  it('are each declared once, under their own name, with a default and a line of doc', () => {
    const names = Object.values(ENV_VARS).map((v) => v.name);
    expect(new Set(names).size).toBe(names.length);
    for (const v of Object.values(ENV_VARS)) {
      expect(v.name).toMatch(/^LAYERLAB_[A-Z0-9_]+$/);
      expect(v.doc.length, v.name).toBeGreaterThan(10);
      expect(v.default.length, v.name).toBeGreaterThan(0);
    }
  });

  it('every LAYERLAB_ name in the repository is one of them, and outside tests only env.ts reads them', () => {
    const declared = new Set<string>(Object.values(ENV_VARS).map((v) => v.name));
    const unknown: string[] = [];
    const readers: string[] = [];
    for (const file of sources()) {
      if (file === MODULE || file === HERE) continue;
      const text = readFileSync(file, 'utf8');
      for (const m of text.matchAll(/LAYERLAB_[A-Z0-9_]*[A-Z0-9]/g)) if (!declared.has(m[0])) unknown.push(`${relative(ROOT, file)}: ${m[0]}`);
      // A read is `env.LAYERLAB_X` or `env['LAYERLAB_X']` other than an assignment to it
      // (tests may set, save and restore one around what they check).
      if (/\.test\.ts$/.test(file)) continue;
      for (const m of text.matchAll(/env(?:\.|\[['"])(LAYERLAB_[A-Z0-9_]+)['"]?\]?(\s*(\?\?=|=(?!=)))?/g)) if (!m[2]) readers.push(`${relative(ROOT, file)}: ${m[1]}`);
    }
    expect(unknown).toEqual([]);
    expect(readers).toEqual([]);
  });

  it('the backend switches are in the backends README', () => {
    const readme = readFileSync(fileURLToPath(new URL('./README.md', import.meta.url)), 'utf8');
    for (const v of Object.values(ENV_VARS).filter((x) => x.area === 'backend')) expect(readme, v.name).toContain(v.name);
  });
});
