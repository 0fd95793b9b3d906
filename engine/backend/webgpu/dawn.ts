// How Dawn is asked for an adapter. By default: Dawn's own choice of backend (Vulkan on
// Linux), a core-feature-level adapter. LAYERLAB_DAWN_BACKEND=opengles (or opengl) asks for
// Dawn's OpenGL backend in compatibility mode instead: with Mesa's llvmpipe that gives a
// software adapter on machines whose lavapipe is too old for Dawn's Vulkan backend (Debian
// 12's Mesa 22.3 lacks shaderUniform*ArrayDynamicIndexing), which is how the webgpu code
// paths are tested without a GPU.
import { dawnBackendName, type DawnBackend } from '../env.js';

export interface DawnAdapterLike {
  info?: Record<string, string | undefined>;
}

export interface DawnGpuLike {
  requestAdapter(opts?: Record<string, unknown>): Promise<DawnAdapterLike | null>;
}

const GL_BACKENDS: ReadonlySet<string> = new Set<DawnBackend>(['opengles', 'opengl']);

/** Flags for the webgpu package's create(). */
export function dawnFlags(env: NodeJS.ProcessEnv = process.env): string[] {
  const b = dawnBackendName(env);
  return b ? [`backend=${b}`] : [];
}

/** Dawn's GL backends only offer compatibility-mode adapters. tfjs-backend-webgpu asks
 *  navigator.gpu for its adapter itself, so the feature level is added to every request. */
export function withFeatureLevel<G extends DawnGpuLike>(gpu: G, env: NodeJS.ProcessEnv = process.env): DawnGpuLike {
  const b = dawnBackendName(env);
  if (!b || !GL_BACKENDS.has(b)) return gpu;
  return {
    requestAdapter: (opts?: Record<string, unknown>) => gpu.requestAdapter({ ...opts, featureLevel: 'compatibility' }),
  };
}
