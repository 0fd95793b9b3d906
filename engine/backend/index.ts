// Chooses and initialises the TensorFlow.js backend: the ladder tensorflow → webgpu → wasm →
// cpu, fastest first. `auto` takes the first that starts; a name asks for that one only.
import * as tf from '@tensorflow/tfjs-core';
// tfjs-layers' Node bundle registers the gradients that tfjs-core's Node bundle leaves out.
import '@tensorflow/tfjs-layers';
import { installTensorMethods } from './chained.js';
import { passedByAuto } from './auto.js';
import { LADDER } from './ladder.js';

export interface BackendInfo {
  name: string;
  /** What it runs on, in words (CPU, an adapter name, …). */
  device: string;
}

export interface BackendEntry {
  name: string;
  available: boolean;
  /** Why it cannot run here, when it cannot. */
  reason?: string;
  device?: string;
}

export const BACKEND_NAMES = LADDER.map((r) => r.name);

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

/** Loads (once) the module of a rung: device in words, or the reason it cannot run. */
const loaded = new Map<string, Promise<string>>();
function load(name: string): Promise<string> {
  const rung = LADDER.find((r) => r.name === name);
  if (!rung) return Promise.reject(new Error(`unknown backend '${name}' (known: auto, ${BACKEND_NAMES.join(', ')})`));
  let p = loaded.get(name);
  if (!p) {
    p = rung.load();
    loaded.set(name, p);
  }
  return p;
}

/** Registers and activates a backend; `auto` picks the fastest that initialises. Every
 *  rung can train every catalog layer (wasm with the kernels of ./wasm/). */
export async function useBackend(name: string = 'auto'): Promise<BackendInfo> {
  silenceNodeAdvert();
  installTensorMethods();
  const wanted = name === 'auto' ? BACKEND_NAMES : [name];
  const errors: string[] = [];
  for (const b of wanted) {
    try {
      const device = await load(b);
      if (name === 'auto' && passedByAuto(device)) throw new Error(`only a software adapter (${device}), slower than wasm; name it to use it anyway`);
      if (tf.getBackend() !== b && !(await tf.setBackend(b))) throw new Error(`backend '${b}' failed to initialise`);
      await tf.ready();
      return { name: b, device };
    } catch (e) {
      errors.push(`${b}: ${(e as Error).message}`);
    }
  }
  if (name !== 'auto') throw new Error(`backend '${name}' is not available: ${errors.join('; ').replace(/^[^:]*: /, '')}`);
  throw new Error(`no TensorFlow.js backend could start (${errors.join('; ')})`);
}

/** Every backend of the ladder, fastest first, with its device or why it cannot run. Loads
 *  the modules but leaves the active backend as it is. */
export async function listBackends(): Promise<BackendEntry[]> {
  silenceNodeAdvert();
  const out: BackendEntry[] = [];
  for (const name of BACKEND_NAMES) {
    try {
      out.push({ name, available: true, device: await load(name) });
    } catch (e) {
      out.push({ name, available: false, reason: (e as Error).message });
    }
  }
  return out;
}
