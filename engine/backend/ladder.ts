// One entry per TensorFlow.js backend: how to load it, and why it cannot run when it can't.
// Ordered fastest first; `auto` walks this list.
import { existsSync, readdirSync } from 'node:fs';
import { isMainThread } from 'node:worker_threads';
import { installWasmOptimizers, wasmUpdatesWanted } from './wasm/optimizers.js';
import { threadCount } from './wasm/gemm-threads.js';
import { installWasmDropout } from './wasm/dropout.js';
import { installWasmFusedKernels } from './wasm/fused-kernels.js';
import { registerWasmTrainingKernels } from './wasm/register.js';
import { dawnFlags, withFeatureLevel } from './webgpu/dawn.js';
import { installWebGpuSpeedups } from './webgpu/install.js';
import { SOFTWARE_DEVICE } from './auto.js';
import { dawnBackendName, webgpuInWorkers } from './env.js';

export interface Rung {
  name: string;
  /** Loads the backend's module and registers it with tfjs-core; throws with a reason
   *  (in words a user can act on) when it cannot run here. Returns the device in words. */
  load(): Promise<string>;
}

async function importOptional(specifier: string): Promise<unknown> {
  // A variable specifier keeps bundlers and tsc from requiring the optional package.
  return import(/* @vite-ignore */ specifier);
}

function notInstalled(e: unknown): boolean {
  const code = (e as { code?: string }).code;
  return code === 'ERR_MODULE_NOT_FOUND' || code === 'MODULE_NOT_FOUND';
}

const tensorflow: Rung = {
  name: 'tensorflow',
  async load() {
    const failures: string[] = [];
    for (const [pkg, device] of [['@tensorflow/tfjs-node-gpu', 'GPU (CUDA, libtensorflow)'], ['@tensorflow/tfjs-node', 'CPU (libtensorflow)']] as const) {
      try {
        await importOptional(pkg);
        return device;
      } catch (e) {
        failures.push(notInstalled(e) ? `${pkg} is not installed` : `${pkg} is installed but its native binding does not load (${(e as Error).message.split('\n')[0]})`);
      }
    }
    throw new Error(`${failures.join('; ')} — it is an optional dependency whose libtensorflow download needs a mirror (TFJS_NODE_CDN_STORAGE)`);
  },
};

/** Where Dawn looks for the Vulkan loader on Linux; its absence is the usual reason. */
function vulkanHint(): string {
  if (process.platform !== 'linux') return '';
  const dirs = ['/usr/lib/x86_64-linux-gnu', '/usr/lib/aarch64-linux-gnu', '/usr/lib64', '/usr/lib', '/usr/local/lib'];
  return dirs.some((d) => existsSync(`${d}/libvulkan.so.1`)) ? '' : ' (the Vulkan loader libvulkan.so.1 is not installed)';
}

/** On Linux, Dawn reaches GPUs through Vulkan drivers, each announced by an ICD manifest.
 *  Without one, asking Dawn for an adapter only prints driver warnings to stderr (into the
 *  CLI's output), so look for a manifest first. */
function vulkanDriverMissing(): string | null {
  if (process.platform !== 'linux') return null;
  const env = ['VK_DRIVER_FILES', 'VK_ICD_FILENAMES', 'VK_ADD_DRIVER_FILES'];
  if (env.some((k) => process.env[k])) return null;
  const data = (process.env.XDG_DATA_DIRS ?? '/usr/local/share:/usr/share').split(':');
  const dirs = ['/etc/vulkan/icd.d', ...data.map((d) => `${d}/vulkan/icd.d`)];
  const found = dirs.some((d) => {
    try {
      return readdirSync(d).some((f) => f.endsWith('.json'));
    } catch {
      return false;
    }
  });
  return found ? null : `no Vulkan driver is installed (no ICD manifest in ${dirs.join(', ')})`;
}

let adapterDescription: string | undefined;

/** The little of the WebGPU API used here (the full types live in @webgpu/types). */
interface DawnGpu {
  requestAdapter(opts?: Record<string, unknown>): Promise<{ info?: Record<string, string | undefined> } | null>;
}

const webgpu: Rung = {
  name: 'webgpu',
  async load() {
    if (adapterDescription) return adapterDescription;
    // Loading Dawn from worker threads (the app's training and helper workers) has killed the
    // whole host process ("FATAL ERROR: … napi_throw" from dawn.node) on a machine with a
    // software Vulkan driver; a native crash cannot be caught, so Dawn is only asked from a
    // process's main thread (the CLI, the benchmark) unless a user opts in.
    if (!isMainThread && !webgpuInWorkers())
      throw new Error("webgpu is used from a process's main thread only (the command line); Dawn's Node binding has crashed in worker threads — set LAYERLAB_WEBGPU_IN_WORKERS=1 to try it");
    // Dawn's GL backend (LAYERLAB_DAWN_BACKEND, ./webgpu/dawn.ts) is for tests on Mesa's
    // llvmpipe: counted as a software adapter, so `auto` never picks it.
    const viaGl = /^opengl/.test(dawnBackendName() ?? '');
    const missing = viaGl ? null : vulkanDriverMissing();
    if (missing) throw new Error(missing);
    let dawn: { create(opts: string[]): DawnGpu; globals: object };
    try {
      dawn = (await importOptional('webgpu')) as typeof dawn;
    } catch (e) {
      throw new Error(notInstalled(e) ? 'the webgpu package (Dawn) is not installed' : `Dawn does not load: ${(e as Error).message}`);
    }
    // Dawn's messages about missing drivers go to stderr; the adapter answer is what counts.
    const gpu = withFeatureLevel(dawn.create(dawnFlags()));
    const adapter = await gpu.requestAdapter({ powerPreference: 'high-performance' });
    if (!adapter) throw new Error(`Dawn found no GPU adapter${vulkanHint()}`);
    // tfjs-backend-webgpu looks for navigator.gpu and the GPU* constants on the global object.
    Object.assign(globalThis, dawn.globals);
    const nav = ((globalThis as { navigator?: object }).navigator ??= {}) as { gpu?: DawnGpu };
    if (!nav.gpu) Object.defineProperty(nav, 'gpu', { value: gpu, configurable: true });
    const tfwebgpu = await importOptional('@tensorflow/tfjs-backend-webgpu').catch((e: unknown) => {
      throw new Error(notInstalled(e) ? '@tensorflow/tfjs-backend-webgpu is not installed' : (e as Error).message);
    });
    // Host-side speed-ups of ./webgpu/ (on by default; LAYERLAB_WEBGPU_STOCK=1 turns them off).
    installWebGpuSpeedups(tfwebgpu);
    const info = adapter.info;
    const words = [info?.vendor, info?.architecture, info?.device, info?.description].filter((s) => s).join(' ');
    // Mesa's lavapipe/llvmpipe and SwiftShader are Vulkan on the CPU: slower than wasm.
    const software = viaGl || Boolean((info as { isFallbackAdapter?: boolean } | undefined)?.isFallbackAdapter) || /llvmpipe|lavapipe|swiftshader|software/i.test(words);
    adapterDescription = software ? `${SOFTWARE_DEVICE} (${words || 'fallback WebGPU adapter'}, Dawn)` : `GPU (${words || 'WebGPU adapter'}, Dawn)`;
    return adapterDescription;
  },
};

const wasm: Rung = {
  name: 'wasm',
  async load() {
    if (typeof WebAssembly !== 'object') throw new Error('this JavaScript runtime has no WebAssembly');
    await import('@tensorflow/tfjs-backend-wasm');
    registerWasmTrainingKernels();
    installWasmDropout(); // tfjs-core's dropout, bit for bit, in one WebAssembly pass
    installWasmOptimizers(); // in-place RMSprop and Adam; LAYERLAB_WASM_STOCK=1 leaves them stock
    // One-kernel cross-entropy, relu/softmax gradients, Dense and Conv2D; stock with the optimizers.
    if (wasmUpdatesWanted()) installWasmFusedKernels();
    const n = threadCount();
    return `CPU (WebAssembly SIMD, ${n} ${n === 1 ? 'thread' : 'threads'} for products and convolutions)`;
  },
};

const cpu: Rung = {
  name: 'cpu',
  async load() {
    await import('@tensorflow/tfjs-backend-cpu');
    return 'CPU (JavaScript)';
  },
};

export const LADDER: readonly Rung[] = [tensorflow, webgpu, wasm, cpu];
