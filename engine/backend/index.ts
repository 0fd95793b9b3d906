// Chooses and initialises the TensorFlow.js backend. (Minimal: cpu and wasm; the backend
// ladder of issue 5 extends this module.)
import * as tf from '@tensorflow/tfjs-core';

export interface BackendInfo {
  name: string;
  /** What it runs on, in words (CPU, an adapter name, …). */
  device: string;
}

export const BACKEND_NAMES = ['wasm', 'cpu'] as const;

let silenced = false;
/** tfjs-backend-cpu greets Node users on stdout with an advert for tfjs-node; the CLI's JSON
 *  output must stay clean, so that one message is dropped. */
function silenceNodeAdvert(): void {
  if (silenced) return;
  silenced = true;
  const warn = console.warn;
  console.warn = (...args: unknown[]) => {
    if (typeof args[0] === 'string' && args[0].includes('running TensorFlow.js in Node.js')) return;
    warn(...args);
  };
}

/** Registers and activates a backend; `auto` picks the fastest that initialises. */
export async function useBackend(name: string = 'auto'): Promise<BackendInfo> {
  silenceNodeAdvert();
  // Stock wasm lacks training kernels (issue 5 adds them), so auto means cpu for now.
  const wanted = name === 'auto' ? ['cpu'] : [name];
  const errors: string[] = [];
  for (const b of wanted) {
    try {
      if (b === 'cpu') await import('@tensorflow/tfjs-backend-cpu');
      else if (b === 'wasm') await import('@tensorflow/tfjs-backend-wasm');
      else throw new Error(`unknown backend '${b}' (known: ${BACKEND_NAMES.join(', ')})`);
      if (tf.getBackend() !== b && !(await tf.setBackend(b))) throw new Error(`backend '${b}' failed to initialise`);
      await tf.ready();
      return { name: b, device: 'CPU' };
    } catch (e) {
      errors.push(`${b}: ${(e as Error).message}`);
    }
  }
  throw new Error(`no TensorFlow.js backend could start (${errors.join('; ')})`);
}
