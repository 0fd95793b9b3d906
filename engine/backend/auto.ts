// The `auto` rule on its own, so that the app's host — which never loads TensorFlow.js — can
// say what `auto` would pick from a list of backends a worker reported.
import type { BackendEntry } from './index.js';

/** How a rung's device starts when it is an emulation on the CPU (llvmpipe, SwiftShader):
 *  slower than wasm, so `auto` passes it by. */
export const SOFTWARE_DEVICE = 'CPU, software GPU';

/** Whether `auto` passes this device by: an emulated GPU (see SOFTWARE_DEVICE). */
export function passedByAuto(device: string): boolean {
  return device.startsWith(SOFTWARE_DEVICE);
}

/** The backend `auto` takes: the first available one of the ladder that is not a software
 *  adapter. */
export function autoChoice(entries: readonly BackendEntry[]): BackendEntry | undefined {
  return entries.find((b) => b.available && !passedByAuto(b.device ?? ''));
}
