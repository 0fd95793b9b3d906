// The matrix product on more than one core. tfjs' wasm heap is not shared memory (its
// threaded build cannot start its pthreads in Node: they come from blob: URLs), so for large
// products this thread computes one band of C's rows (or columns) in place on the heap while
// helper threads compute the others from copies in a SharedArrayBuffer, with the same kernel
// (./gemm-wat.ts, shared variant), and their bands are copied back. Each output is computed
// by one thread with the same code, so the result is the single-threaded one to the bit.
// The copies cost about a tenth of the work they move; products below THREADED_MIN_MACS
// stay on one thread.
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { GEMM_SHARED_FMA_WASM_BASE64 } from './gemm-shared-fma-binary.js';
import { GEMM_SHARED_WASM_BASE64 } from './gemm-shared-binary.js';
import { fusedMultiplyAdd, type GemmExports } from './gemm.js';
import { gemmScratchBytes } from './gemm-wat.js';

/** Below this many multiply-adds (~0.1 ms of work) the copies and the hand-off cost more
 *  than a second core saves. */
export const THREADED_MIN_MACS = 1 << 20;

const PAGE = 65536;
const MAX_PAGES = 32768; // as declared by the shared module: 2 GiB
// Control words: one block of 16 int32 per helper, in the first page. Word 0: the job's
// sequence number (helper waits on it; −1 ends it); word 1: last finished sequence; 2..14
// the gemm arguments; 15: the helper's state (0 starting, 1 ready, 2 failed).
const CTRL_WORDS = 16;
const STATE = 15;
/** How long to wait for a helper to finish its band before giving up on the helpers. */
const BAND_MS = 60_000;
const DATA_START = PAGE;
/** How long a helper polls for its next job before it sleeps (the caller polls ten times as
 *  long for a band before it sleeps). */
const POLL_MS = 2;
/** Where each helper writes when it finished its last band (float64 ms since the epoch,
 *  performance.timeOrigin + now(), which agree across threads), in the first page. */
const DONE_AT = 32768;

const WORKER_SOURCE = `
const { workerData } = require('node:worker_threads');
const { bytes, memory, index } = workerData;
const ctrl = new Int32Array(memory.buffer, index * ${CTRL_WORDS * 4}, ${CTRL_WORDS});
const doneAt = new Float64Array(memory.buffer, ${DONE_AT} + index * 8, 1);
try {
  const gemm = new WebAssembly.Instance(new WebAssembly.Module(bytes), { env: { memory } }).exports.gemm;
  Atomics.store(ctrl, ${STATE}, 1);
  let seq = 0;
  for (;;) {
    // Poll a little before sleeping: the next product of a training step usually comes
    // within a millisecond or two, and waking a sleeping thread can take milliseconds on a
    // virtual machine (its idle vCPU is descheduled by the host).
    const pollUntil = performance.now() + ${POLL_MS};
    while (Atomics.load(ctrl, 0) === seq && performance.now() < pollUntil);
    Atomics.wait(ctrl, 0, seq);
    seq = Atomics.load(ctrl, 0);
    if (seq < 0) break;
    gemm(ctrl[2], ctrl[3], ctrl[4], ctrl[5], ctrl[6], ctrl[7], ctrl[8], ctrl[9], ctrl[10], ctrl[11], ctrl[12], ctrl[13], ctrl[14]);
    doneAt[0] = performance.timeOrigin + performance.now();
    Atomics.store(ctrl, 1, seq);
    Atomics.notify(ctrl, 1);
  }
} catch (e) {
  // The caller sees state 2, computes this helper's band itself and stops using it.
  Atomics.store(ctrl, ${STATE}, 2);
  Atomics.notify(ctrl, 1);
  throw e;
}
`;

/** The caller's next share of a product's rows (or columns), from the last run of the same
 *  shape: its band took `mainMs` for `mainUnits` units (6 rows or 8 columns) out of `units`,
 *  and the last helper finished `slack` ms after it (negative: before it). Half the
 *  imbalance is moved each time, so noise is damped; every thread keeps at least one unit.
 *  The caller starts late (it copies the operands first) but the helpers also start late
 *  (woken, then packing the same B), so the even split of the first run is rarely right. */
export function nextShare(share: number, slack: number, mainMs: number, mainUnits: number, units: number, threads: number): number {
  const perUnit = mainMs / Math.max(1, mainUnits);
  // Moving one unit to the caller lengthens its band by perUnit and shortens a helper's by
  // about as much: the gap closes by 2·perUnit a unit.
  const move = perUnit > 0 ? (0.5 * slack) / (2 * perUnit) : 0;
  const next = share + move / units;
  return Math.min((units - (threads - 1)) / units, Math.max(1 / units, next));
}

/** How many threads products use: LAYERLAB_WASM_THREADS, else the cores Node reports, at
 *  most 8. */
export function threadCount(env: NodeJS.ProcessEnv = process.env): number {
  const v = env.LAYERLAB_WASM_THREADS;
  if (v !== undefined && v !== '') {
    const n = Number(v);
    if (!Number.isInteger(n) || n < 1) throw new Error(`LAYERLAB_WASM_THREADS must be a whole number of threads, 1 or more; got '${v}'`);
    return Math.min(n, 64);
  }
  return Math.max(1, Math.min(8, availableParallelism()));
}

export class GemmThreads {
  readonly threads: number;
  private readonly memory: WebAssembly.Memory;
  private readonly local: GemmExports;
  private readonly workers: Worker[] = [];
  private readonly ctrl: Int32Array[] = [];
  private seq = 0;

  /** Whether products still go to the helpers (false after one failed or stalled). */
  private usable = true;

  /** The caller's share of each product shape (see nextShare). */
  private readonly shares = new Map<string, number>();

  /** Starts threads − 1 helpers. It does not wait for them: a product uses the helpers that
   *  have said they are ready (their start-up must never wait on this thread, which blocks
   *  while a product runs), and runs on this thread alone until one has. */
  constructor(threads: number, private readonly bandMs = BAND_MS) {
    this.threads = threads;
    this.memory = new WebAssembly.Memory({ initial: 2, maximum: MAX_PAGES, shared: true });
    const bytes = Buffer.from(fusedMultiplyAdd() ? GEMM_SHARED_FMA_WASM_BASE64 : GEMM_SHARED_WASM_BASE64, 'base64');
    this.local = new WebAssembly.Instance(new WebAssembly.Module(bytes), { env: { memory: this.memory } }).exports as unknown as GemmExports;
    for (let i = 0; i < threads - 1; i++) {
      // Plain JavaScript: no loaders or flags of this process's command line (V8 flags set at
      // run time, such as relaxed SIMD's, are process-wide and still apply).
      const w = new Worker(WORKER_SOURCE, { eval: true, execArgv: [], workerData: { bytes, memory: this.memory, index: i }, stdout: true, stderr: true });
      w.unref(); // a helper waiting for work must not keep the process alive
      w.on('error', () => undefined); // its state word says it failed; the error itself is not ours to raise
      this.workers.push(w);
      this.ctrl.push(new Int32Array(this.memory.buffer, i * CTRL_WORDS * 4, CTRL_WORDS));
    }
  }

  /** Resolves once every helper has started (true) or one failed or `ms` passed (false),
   *  without blocking this thread. */
  async started(ms = 20_000): Promise<boolean> {
    const until = Date.now() + ms;
    for (;;) {
      const states = this.ctrl.map((c) => Atomics.load(c, STATE));
      if (states.every((v) => v === 1)) return true;
      if (states.includes(2) || Date.now() > until) return false;
      await new Promise((r) => setTimeout(r, 5));
    }
  }

  /** The helpers ready for work now. */
  private ready(): Int32Array[] {
    return this.usable ? this.ctrl.filter((c) => Atomics.load(c, STATE) === 1) : [];
  }

  /** Bytes of shared memory available for operands, grown on demand. */
  private reserve(bytes: number): Uint8Array {
    const need = DATA_START + bytes;
    const have = this.memory.buffer.byteLength;
    if (need > have) {
      const pages = Math.ceil((need - have) / PAGE);
      if (have / PAGE + pages > MAX_PAGES) throw new Error(`matrix product needs ${need} bytes of shared memory, more than the 2 GiB a wasm memory holds`);
      this.memory.grow(pages);
    }
    return new Uint8Array(this.memory.buffer);
  }

  /** C[M×N] = A·B as gemm() computes it, with A, B and C on `heap` (the wasm backend's) at the
   *  given byte offsets: A is `aBytes` long from `pa` and read through sai/sak, B (4·K·N
   *  bytes) through sbk/sbj, C is M×N row-major. This thread computes the first band in place on the heap
   *  with `onHeap` (the kernel instantiated there); the helpers' bands go through shared
   *  memory: B, the rows of A they read (all of A when it is read transposed) and their
   *  bands of C are copied. `scratch`: gemmScratchBytes(M) bytes on the heap for this
   *  thread's band (each helper has its own in shared memory). Returns false, having done
   *  nothing, when no helper is ready: the caller then runs the product on its own thread. */
  gemm(heap: Uint8Array, onHeap: GemmExports, pa: number, aBytes: number, pb: number, pc: number, M: number, N: number, K: number, sai: number, sak: number, sbk: number, sbj: number, scratch: number): boolean {
    const helpers = this.ready();
    if (helpers.length === 0) return false;
    // Bands of rows when there are enough of them, else bands of columns, in multiples of
    // the kernel's tile (6 rows, 8 columns) so no band gets smaller tiles than a single
    // thread would.
    const T = helpers.length + 1;
    const byRows = M >= 6 * T;
    const total = byRows ? M : N;
    const unit = byRows ? 6 : 8;
    const units = Math.ceil(total / unit);
    if (units < 2) return false;
    const key = `${M} ${N} ${K} ${sai} ${sak} ${sbk}`;
    const share = this.shares.get(key) ?? 1 / Math.min(T, units);
    // The caller's band, then the helpers' in equal parts (the last may be short).
    const mine = Math.min(units - 1, Math.max(1, Math.round(share * units)));
    const parts: [number, number][] = [[0, Math.min(total, mine * unit)]];
    const per = Math.ceil((units - mine) / Math.min(T - 1, units - mine)) * unit;
    for (let s = mine * unit; s < total; s += per) parts.push([s, Math.min(total, s + per)]);
    const [s0, e0] = parts[0]!;
    const rest = e0; // the helpers' bands cover [rest, total)
    // A's rows from `rest` on are contiguous when A is read row by row (sak = 4); else all of A.
    const rowsOnly = byRows && sak === 4;
    const aFrom = rowsOnly ? pa + rest * sai : pa;
    const aLen = rowsOnly ? (M - rest) * sai : aBytes;
    const bBytes = 4 * K * N;
    const cRows = byRows ? M - rest : M;
    const align = (x: number) => (x + 15) & ~15;
    const sa = DATA_START;
    const sb = sa + align(aLen);
    const sc = sb + align(bBytes);
    const ss = sc + align(4 * cRows * N); // the helpers' scratch, one block each
    const scratchBytes = align(gemmScratchBytes(byRows ? Math.max(per, e0) : M));
    const mem = this.reserve(ss - DATA_START + (parts.length - 1) * scratchBytes);
    mem.set(heap.subarray(aFrom, aFrom + aLen), sa);
    mem.set(heap.subarray(pb, pb + bBytes), sb);
    const seq = ++this.seq;
    // gemm arguments of a helper's band [s, e) in shared memory.
    const band = (s: number, e: number, i: number) =>
      byRows
        ? [sa + (rowsOnly ? s - rest : s) * sai, sb, sc + (s - rest) * 4 * N, e - s, N, K, sai, sak, sbk, sbj, 4 * N, 0, ss + i * scratchBytes]
        : [sa, sb + s * sbj, sc + 4 * s, M, e - s, K, sai, sak, sbk, sbj, 4 * N, 0, ss + i * scratchBytes];
    const jobs = parts.slice(1).map(([s, e], i) => {
      const c = helpers[i]!;
      const args = band(s, e, i);
      c.set(args, 2);
      Atomics.store(c, 0, seq);
      Atomics.notify(c, 0);
      return { c, args };
    });
    const started = performance.now();
    if (byRows) onHeap.gemm(pa + s0 * sai, pb, pc + s0 * 4 * N, e0 - s0, N, K, sai, sak, sbk, sbj, 4 * N, 0, scratch);
    else onHeap.gemm(pa, pb + s0 * sbj, pc + 4 * s0, M, e0 - s0, K, sai, sak, sbk, sbj, 4 * N, 0, scratch);
    const finished = performance.now();
    for (const { c, args } of jobs) {
      const since = Date.now();
      while (Atomics.load(c, 1) !== seq) {
        // A helper that failed (state 2) or stalled: its band is computed here, and products
        // stay on this thread from now on. The same code gives the same values.
        if (Atomics.load(c, STATE) === 2 || Date.now() - since > this.bandMs) {
          this.usable = false;
          this.run(args);
          break;
        }
        // Poll first, for the same reason as the helpers do: sleeping here made the step
        // wait 2-4 ms a product for the wake-up on this 2-vCPU machine, at times 30 ms.
        if (Date.now() - since > POLL_MS * 10) Atomics.wait(c, 1, Atomics.load(c, 1), 1000);
      }
    }
    if (this.usable) {
      const done = new Float64Array(this.memory.buffer, DONE_AT, this.ctrl.length);
      const last = Math.max(...jobs.map(({ c }) => done[this.ctrl.indexOf(c)]!)) - performance.timeOrigin;
      this.shares.set(key, nextShare(share, last - finished, finished - started, mine, units, jobs.length + 1));
    }
    const shared = new Uint8Array(this.memory.buffer);
    // Heap views stay valid: nothing allocated on the heap since the caller took `heap`.
    if (byRows) heap.set(shared.subarray(sc, sc + 4 * cRows * N), pc + rest * 4 * N);
    else for (let i = 0; i < M; i++) heap.set(shared.subarray(sc + 4 * (i * N + rest), sc + 4 * (i * N + N)), pc + 4 * (i * N + rest));
    return true;
  }

  private run(a: number[]): void {
    this.local.gemm(a[0]!, a[1]!, a[2]!, a[3]!, a[4]!, a[5]!, a[6]!, a[7]!, a[8]!, a[9]!, a[10]!, a[11]! as 0 | 1, a[12]!);
  }

  close(): void {
    for (const c of this.ctrl) {
      Atomics.store(c, 0, -1);
      Atomics.notify(c, 0);
    }
    this.workers.length = 0;
  }
}

let pool: GemmThreads | null | undefined;

/** The process's helper threads for products, or null when one thread is asked for or the
 *  threads cannot be made (then products run on this thread, and the reason is printed once). */
export function gemmThreads(): GemmThreads | null {
  if (pool === undefined) {
    const n = threadCount();
    try {
      pool = n > 1 ? new GemmThreads(n) : null;
    } catch (e) {
      process.emitWarning(`LayerLab: matrix products stay on one thread: ${(e as Error).message}`);
      pool = null;
    }
  }
  return pool;
}
