// Every LAYERLAB_* environment variable: its name, default, how it is parsed and what it does,
// here and nowhere else. Readers import the function for their variable; a bad value throws
// with the variable's name. engine/backend/README.md lists the backend switches with the
// kernels they turn off. Pure: no TensorFlow.js, so the web host and the tests load it too.

export type Env = Readonly<Record<string, string | undefined>>;

export interface EnvVar {
  name: `LAYERLAB_${string}`;
  /** Who reads it. */
  area: 'backend' | 'data' | 'app' | 'bench' | 'tests';
  /** The value used when it is unset, in words. */
  default: string;
  /** One line: what it does. */
  doc: string;
}

export const ENV_VARS = {
  wasmThreads: { name: 'LAYERLAB_WASM_THREADS', area: 'backend', default: 'the cores Node reports, at most 8', doc: 'threads for wasm products and convolutions (a whole number, 1 or more; at most 64 are used)' },
  wasmStock: { name: 'LAYERLAB_WASM_STOCK', area: 'backend', default: 'unset (LayerLab kernels on)', doc: "1 leaves tfjs-core's RMSprop/Adam and the stock loss, activation-gradient, Dense and Conv2D kernels on wasm" },
  wasmFma: { name: 'LAYERLAB_WASM_FMA', area: 'backend', default: "unset (relaxed SIMD's fused multiply-add where the engine has it)", doc: "0 keeps separate multiplies and adds in wasm products (rounding as the cpu backend's)" },
  webgpuStock: { name: 'LAYERLAB_WEBGPU_STOCK', area: 'backend', default: 'unset (LayerLab speed-ups on)', doc: '1 leaves stock tfjs-backend-webgpu: no host-side speed-ups, fused kernels or LayerLab programs' },
  webgpuInWorkers: { name: 'LAYERLAB_WEBGPU_IN_WORKERS', area: 'backend', default: "unset (webgpu from a process's main thread only)", doc: "1 lets worker threads ask Dawn for an adapter (Dawn's Node binding has crashed there)" },
  dawnBackend: { name: 'LAYERLAB_DAWN_BACKEND', area: 'backend', default: "unset (Dawn's own choice: Vulkan on Linux)", doc: 'the Dawn backend: vulkan, metal, d3d12, opengl or opengles (GL adapters count as software; for tests on llvmpipe)' },
  fashionMnistDir: { name: 'LAYERLAB_FASHION_MNIST_DIR', area: 'data', default: '/usr/share/datasets/fashion-mnist', doc: "the folder of Fashion-MNIST's IDX gzip files (Debian dataset-fashion-mnist)" },
  assets: { name: 'LAYERLAB_ASSETS', area: 'data', default: "the repository's assets/ folder", doc: "the folder of bundled assets (iris.csv); the Electron bundle sets it, since bundling moves the sources" },
  debug: { name: 'LAYERLAB_DEBUG', area: 'app', default: 'unset', doc: 'any value: the command line prints the stack trace after an error message' },
  webToken: { name: 'LAYERLAB_WEB_TOKEN', area: 'app', default: 'unset (a random token per start)', doc: "browser mode's fixed session token (for the end-to-end tests only)" },
  peerPython: { name: 'LAYERLAB_PEER_PYTHON', area: 'bench', default: '/usr/bin/python3 if it exists, else python3', doc: "the Python that runs the benchmark's PyTorch peer" },
  catalogRuns: { name: 'LAYERLAB_CATALOG_RUNS', area: 'tests', default: '4', doc: 'random cases per layer kind in the catalog contract test' },
  catalogSeed: { name: 'LAYERLAB_CATALOG_SEED', area: 'tests', default: '20261126', doc: "the seed of the catalog contract test's random cases" },
  e2ePort: { name: 'LAYERLAB_E2E_PORT', area: 'tests', default: 'a free port', doc: 'the port of the web host the end-to-end tests start' },
  e2eWorkspace: { name: 'LAYERLAB_E2E_WORKSPACE', area: 'tests', default: 'a fresh temporary folder', doc: "the end-to-end tests' workspace (they read exports from it)" },
  e2eToken: { name: 'LAYERLAB_E2E_TOKEN', area: 'tests', default: 'e2e-token', doc: 'the session token the end-to-end tests open the app with' },
  e2eOutput: { name: 'LAYERLAB_E2E_OUTPUT', area: 'tests', default: 'test-results', doc: "Playwright's output folder (screenshots, traces)" },
  e2eReport: { name: 'LAYERLAB_E2E_REPORT', area: 'tests', default: 'playwright-report', doc: "Playwright's HTML report folder" },
} as const satisfies Record<string, EnvVar>;

export type EnvKey = keyof typeof ENV_VARS;

/** The raw value, with '' read as unset. */
export function rawEnv(key: EnvKey, env: Env = process.env): string | undefined {
  const v = env[ENV_VARS[key].name];
  return v === undefined || v === '' ? undefined : v;
}

/** A "turn it off" switch: on for any value but '0'. */
function switchedOn(key: EnvKey, env: Env): boolean {
  const v = rawEnv(key, env);
  return v !== undefined && v !== '0';
}

function wholeNumber(key: EnvKey, env: Env, fallback: number): number {
  const v = rawEnv(key, env);
  if (v === undefined) return fallback;
  const n = Number(v);
  if (!Number.isInteger(n)) throw new Error(`${ENV_VARS[key].name} must be a whole number; got '${v}'`);
  return n;
}

/** LAYERLAB_WASM_STOCK: whether LayerLab's wasm updates and fused kernels are left out. */
export function wasmStock(env: Env = process.env): boolean {
  return switchedOn('wasmStock', env);
}

/** LAYERLAB_WEBGPU_STOCK: whether LayerLab's webgpu speed-ups are left out. */
export function webgpuStock(env: Env = process.env): boolean {
  return switchedOn('webgpuStock', env);
}

/** LAYERLAB_WASM_FMA: false only when it is 0 (whether the engine has relaxed SIMD is asked elsewhere). */
export function wasmFmaAllowed(env: Env = process.env): boolean {
  return env[ENV_VARS.wasmFma.name] !== '0';
}

/** LAYERLAB_WEBGPU_IN_WORKERS: only the value 1 lets worker threads ask Dawn. */
export function webgpuInWorkers(env: Env = process.env): boolean {
  return env[ENV_VARS.webgpuInWorkers.name] === '1';
}

/** LAYERLAB_WASM_THREADS: the thread count asked for (at most 64), or null for the default. */
export function wasmThreads(env: Env = process.env): number | null {
  const v = rawEnv('wasmThreads', env);
  if (v === undefined) return null;
  const n = Number(v);
  if (!Number.isInteger(n) || n < 1) throw new Error(`LAYERLAB_WASM_THREADS must be a whole number of threads, 1 or more; got '${v}'`);
  return Math.min(n, 64);
}

export const DAWN_BACKENDS = ['vulkan', 'metal', 'd3d12', 'opengl', 'opengles'] as const;
export type DawnBackend = (typeof DAWN_BACKENDS)[number];

/** LAYERLAB_DAWN_BACKEND, trimmed and lower-cased, or null for Dawn's default. */
export function dawnBackendName(env: Env = process.env): DawnBackend | null {
  const b = env[ENV_VARS.dawnBackend.name]?.trim().toLowerCase();
  if (!b) return null;
  if (!(DAWN_BACKENDS as readonly string[]).includes(b)) throw new Error(`LAYERLAB_DAWN_BACKEND='${b}' is not a Dawn backend (${DAWN_BACKENDS.join(', ')})`);
  return b as DawnBackend;
}

/** LAYERLAB_FASHION_MNIST_DIR, or Debian's folder. */
export function fashionMnistDir(env: Env = process.env): string {
  return env[ENV_VARS.fashionMnistDir.name] ?? '/usr/share/datasets/fashion-mnist';
}

/** LAYERLAB_ASSETS, or undefined for the repository's assets/ (which only the reader can locate). */
export function assetsDir(env: Env = process.env): string | undefined {
  return rawEnv('assets', env);
}

/** LAYERLAB_DEBUG: any value asks for stack traces. */
export function debugStacks(env: Env = process.env): boolean {
  return rawEnv('debug', env) !== undefined;
}

/** LAYERLAB_WEB_TOKEN, or undefined. */
export function webToken(env: Env = process.env): string | undefined {
  return rawEnv('webToken', env);
}

/** LAYERLAB_PEER_PYTHON, or undefined for the default interpreter. */
export function peerPythonOverride(env: Env = process.env): string | undefined {
  return env[ENV_VARS.peerPython.name];
}

/** LAYERLAB_CATALOG_RUNS and LAYERLAB_CATALOG_SEED. */
export function catalogCases(env: Env = process.env): { runs: number; seed: number } {
  return { runs: wholeNumber('catalogRuns', env, 4), seed: wholeNumber('catalogSeed', env, 20261126) };
}

/** The end-to-end tests' settings, as the Playwright config leaves them for its workers. */
export function e2eSettings(env: Env = process.env): { port?: string; workspace: string; token: string; output: string; report: string } {
  return {
    port: rawEnv('e2ePort', env),
    workspace: env[ENV_VARS.e2eWorkspace.name] ?? '',
    token: env[ENV_VARS.e2eToken.name] ?? 'e2e-token',
    output: env[ENV_VARS.e2eOutput.name] ?? 'test-results',
    report: env[ENV_VARS.e2eReport.name] ?? 'playwright-report',
  };
}
