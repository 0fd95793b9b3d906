// Installs LayerLab's host-side speed-ups on tfjs-backend-webgpu 4.22: uploads through
// queue.writeBuffer (./upload.ts), one uniform buffer per submit (./uniforms.ts), bind group
// layouts asked once per pipeline (./layouts.ts), fused optimizer updates (./fused.ts) and a
// split-K convolution filter gradient (./conv-filter.ts) and Dropout's mask made on the GPU
// (./dropout.ts), and Dense and Conv2D layers as one kernel with one-pass relu and softmax
// gradients (../fused-dense.ts, ../fused-conv.ts, ./activation-grads.ts).
// They are on by default; LAYERLAB_WEBGPU_STOCK=1 leaves the stock backend as it is.
import { makeUploadToGPU, type BackendInternals } from './upload.js';
import { webgpuStock } from '../env.js';
import { installFusedOptimizers } from './fused.js';
import { makeSubmitQueue, makeUniformsInArena, type ArenaBackend } from './uniforms.js';
import { memoizeBindGroupLayouts } from './layouts.js';
import { installConvFilterKernel } from './conv-filter.js';
import { installCrossentropyKernels } from './crossentropy.js';
import { installWebGpuDropout } from './dropout.js';
import { registerActivationGrads } from './activation-grads.js';
import { installFusedDense, registerDenseKernel } from '../fused-dense.js';
import { installFusedConv, registerConvKernel } from '../fused-conv.js';

let installed = false;

/** Whether the speed-ups are wanted (LAYERLAB_WEBGPU_STOCK unset or 0). */
export function speedupsWanted(env: NodeJS.ProcessEnv = process.env): boolean {
  return !webgpuStock(env);
}

/** `module` is what importing '@tensorflow/tfjs-backend-webgpu' gave. Idempotent. */
export function installWebGpuSpeedups(module: unknown, env: NodeJS.ProcessEnv = process.env): boolean {
  if (installed || !speedupsWanted(env)) return installed;
  const Backend = (module as { WebGPUBackend?: { prototype: BackendInternals } }).WebGPUBackend;
  if (!Backend || typeof Backend.prototype.uploadToGPU !== 'function') {
    throw new Error('@tensorflow/tfjs-backend-webgpu has no WebGPUBackend.uploadToGPU: LayerLab\'s speed-ups are written for 4.22 (set LAYERLAB_WEBGPU_STOCK=1 to run without them)');
  }
  const proto = Backend.prototype as BackendInternals & ArenaBackend;
  if (typeof proto.makeUniforms !== 'function' || typeof proto.submitQueue !== 'function') {
    throw new Error('@tensorflow/tfjs-backend-webgpu has no WebGPUBackend.makeUniforms/submitQueue: LayerLab\'s speed-ups are written for 4.22 (set LAYERLAB_WEBGPU_STOCK=1 to run without them)');
  }
  proto.uploadToGPU = makeUploadToGPU(proto.uploadToGPU);
  proto.makeUniforms = makeUniformsInArena;
  proto.submitQueue = makeSubmitQueue(proto.submitQueue);
  memoizeBindGroupLayouts();
  installFusedOptimizers();
  installConvFilterKernel();
  installCrossentropyKernels();
  installWebGpuDropout();
  registerActivationGrads();
  registerDenseKernel('webgpu');
  installFusedDense();
  registerConvKernel('webgpu');
  installFusedConv();
  installed = true;
  return true;
}
