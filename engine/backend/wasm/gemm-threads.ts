// The matrix product on more than one core. tfjs' wasm heap is not shared memory (its
// threaded build cannot start its pthreads in Node: they come from blob: URLs), so for large
// products this thread computes one band of C's rows (or columns) in place on the heap while
// helper threads compute the others from copies in a SharedArrayBuffer, with the same kernel
// (./gemm-wat.ts, shared variant), and their bands are copied back. Each output is computed
// by one thread with the same code, so the result is the single-threaded one to the bit.
// The copies cost about a tenth of the work they move; small products stay on one thread
// (threadsFor). Convolutions are shared out the same way, by bands of images
// (./conv-band.ts): each helper gets copies of its images and the filter.
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { wasmThreads } from '../env.js';
import { CONV_JOB, FILTER, convBand, type ConvJob, type Im2colFn } from './conv-band.js';
import { CONV_SHARED_WASM_BASE64 } from './conv-shared-binary.js';
import { GEMM_SHARED_FMA_WASM_BASE64 } from './gemm-shared-fma-binary.js';
import { GEMM_SHARED_WASM_BASE64 } from './gemm-shared-binary.js';
import { fusedMultiplyAdd, type GemmExports } from './gemm.js';
import { gemmScratchBytes } from './gemm-wat.js';

/** Below this many multiply-adds, on two threads, the copies and the hand-off cost more than
 *  the second core saves inside a training step, though not in a loop of one product: the
 *  simplified MLP's 10M-multiply-add products alone ran 0.6 ms on two threads against 0.9 on
 *  one, yet its training ran at 29,000-35,000 images/s with them threaded and 37,000-50,000
 *  without (2-vCPU VM, three runs each, `--models simplified --batches 200`). With more
 *  threads the bar falls as their number does (threadsFor): on a 16-core host with 8, the
 *  simplified MLP trained at 50,000-62,000 images/s with those products threaded and
 *  40,000-43,000 without (two runs each, one machine). */
export const THREADED_MIN_MACS = 1 << 24;

const PAGE = 65536;
const MAX_PAGES = 32768; // as declared by the shared module: 2 GiB
/** The most shared memory the helpers' copies may take; work that needs more stays on the
 *  calling thread (a batch of large images can need gigabytes). */
const SHARED_CAP = 1 << 30;
// Control words: one block of 32 int32 per helper, in the first page. Word 0: the job's
// sequence number (helper waits on it; −1 ends it); word 1: last finished sequence; 2: the
// job's kind (JOB_GEMM, JOB_CONV); 3..: its arguments; 31: the helper's state (0 starting,
// 1 ready, 2 failed).
const CTRL_WORDS = 32;
const ARGS = 3;
const STATE = 31;
const JOB_GEMM = 0;
const JOB_CONV = 1;
/** A convolution job's fields that are addresses, not shape: left out of its split's key. */
const PLACES = new Set<string>(['x', 'w', 'y', 'col', 'scratch']);
/** How long to wait for a helper to finish its band before giving up on the helpers. */
const BAND_MS = 60_000;
const DATA_START = PAGE;
const align = (x: number) => (x + 15) & ~15;
/** How long a helper polls for its next job before it sleeps (the caller polls ten times as
 *  long for a band before it sleeps). */
const POLL_MS = 2;
/** Where each helper writes when it finished its last band (float64 ms since the epoch,
 *  performance.timeOrigin + now(), which agree across threads), in the first page. */
const DONE_AT = 32768;

const WORKER_SOURCE = `
const { workerData } = require('node:worker_threads');
const { gemmBytes, convBytes, memory, index } = workerData;
const ctrl = new Int32Array(memory.buffer, index * ${CTRL_WORDS * 4}, ${CTRL_WORDS});
const doneAt = new Float64Array(memory.buffer, ${DONE_AT} + index * 8, 1);
const convBand = ${convBand.toString()};
try {
  const load = (bytes) => new WebAssembly.Instance(new WebAssembly.Module(bytes), { env: { memory } }).exports;
  const gemm = load(gemmBytes).gemm;
  const im2col = load(convBytes).im2col;
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
    const a = ctrl.subarray(${ARGS});
    if (ctrl[2] === ${JOB_GEMM}) gemm(a[0], a[1], a[2], a[3], a[4], a[5], a[6], a[7], a[8], a[9], a[10], a[11], a[12]);
    else convBand(gemm, im2col, a);
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
  return wasmThreads(env) ?? Math.max(1, Math.min(8, availableParallelism()));
}

export class GemmThreads {
  readonly threads: number;
  private readonly memory: WebAssembly.Memory;
  private readonly local: GemmExports;
  private readonly localIm2col: Im2colFn;
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
  constructor(threads: number, private readonly bandMs = BAND_MS, private readonly cap = SHARED_CAP) {
    this.threads = threads;
    this.memory = new WebAssembly.Memory({ initial: 2, maximum: MAX_PAGES, shared: true });
    const gemmBytes = new Uint8Array(Buffer.from(fusedMultiplyAdd() ? GEMM_SHARED_FMA_WASM_BASE64 : GEMM_SHARED_WASM_BASE64, 'base64'));
    const convBytes = new Uint8Array(Buffer.from(CONV_SHARED_WASM_BASE64, 'base64'));
    const load = (bytes: Uint8Array<ArrayBuffer>) => new WebAssembly.Instance(new WebAssembly.Module(bytes), { env: { memory: this.memory } }).exports;
    this.local = load(gemmBytes) as unknown as GemmExports;
    this.localIm2col = (load(convBytes) as unknown as { im2col: Im2colFn }).im2col;
    for (let i = 0; i < threads - 1; i++) {
      // Plain JavaScript: no loaders or flags of this process's command line (V8 flags set at
      // run time, such as relaxed SIMD's, are process-wide and still apply).
      const w = new Worker(WORKER_SOURCE, { eval: true, execArgv: [], workerData: { gemmBytes, convBytes, memory: this.memory, index: i }, stdout: true, stderr: true });
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

  /** Bytes of shared memory available for operands, grown on demand (a shared memory never
   *  shrinks); null when that would take it past `cap`: the caller then keeps the work on
   *  its own thread. */
  private reserve(bytes: number): Uint8Array | null {
    const need = DATA_START + bytes;
    const have = this.memory.buffer.byteLength;
    if (need > have) {
      if (need > this.cap) return null;
      this.memory.grow(Math.ceil((need - have) / PAGE));
    }
    return new Uint8Array(this.memory.buffer);
  }

  /** The caller's band [0, mine) and the helpers' after it, in units, from what this shape
   *  learnt (see nextShare); null when there is not a unit for the caller and one helper. */
  private split(key: string, units: number, helpers: number): { share: number; mine: number; bands: [number, number][] } | null {
    if (units < 2 || helpers < 1) return null;
    const share = this.shares.get(key) ?? 1 / Math.min(helpers + 1, units);
    const mine = Math.min(units - 1, Math.max(1, Math.round(share * units)));
    const per = Math.ceil((units - mine) / Math.min(helpers, units - mine));
    const bands: [number, number][] = [];
    for (let s = mine; s < units; s += per) bands.push([s, Math.min(units, s + per)]);
    return { share, mine, bands };
  }

  /** Hands each helper its job (kind and arguments), runs `mine` on this thread, waits for
   *  the helpers (running the job of one that failed or stalled here, with the local
   *  instances: same code, same values) and learns the split for `key`. */
  private dispatch(helpers: Int32Array[], jobs: number[][], kind: number, key: string, at: { share: number; mine: number; units: number }, mine: () => void): void {
    const seq = ++this.seq;
    jobs.forEach((args, i) => {
      const c = helpers[i]!;
      c[2] = kind;
      c.set(args, ARGS);
      Atomics.store(c, 0, seq);
      Atomics.notify(c, 0);
    });
    const started = performance.now();
    mine();
    const finished = performance.now();
    jobs.forEach((args, i) => {
      const c = helpers[i]!;
      const since = Date.now();
      while (Atomics.load(c, 1) !== seq) {
        if (Atomics.load(c, STATE) === 2 || Date.now() - since > this.bandMs) {
          this.usable = false;
          if (kind === JOB_GEMM) this.local.gemm(...(args as Parameters<GemmExports['gemm']>));
          else convBand(this.local.gemm, this.localIm2col, args);
          break;
        }
        // Poll first, for the same reason as the helpers do: sleeping here made the step
        // wait 2-4 ms a product for the wake-up on this 2-vCPU machine, at times 30 ms.
        if (Date.now() - since > POLL_MS * 10) Atomics.wait(c, 1, Atomics.load(c, 1), 1000);
      }
    });
    if (this.usable) {
      const done = new Float64Array(this.memory.buffer, DONE_AT, this.ctrl.length);
      const last = Math.max(...helpers.slice(0, jobs.length).map((c) => done[this.ctrl.indexOf(c)]!)) - performance.timeOrigin;
      this.shares.set(key, nextShare(at.share, last - finished, finished - started, at.mine, at.units, jobs.length + 1));
    }
  }

  /** C[M×N] = A·B as gemm() computes it, with A, B and C on `heap` (the wasm backend's) at the
   *  given byte offsets: A is `aBytes` long from `pa` and read through sai/sak, B (4·K·N
   *  bytes) through sbk/sbj, C is M×N row-major. This thread computes the first band in
   *  place on the heap with `onHeap` (the kernel instantiated there); the helpers' bands go
   *  through shared memory: B, the rows of A they read (all of A when it is read transposed)
   *  and their bands of C are copied. `scratch`: gemmScratchBytes(M) bytes on the heap for
   *  this thread's band (each helper has its own in shared memory). Returns false, having
   *  done nothing, when no helper is ready: the caller then runs the product on its own
   *  thread. */
  gemm(heap: Uint8Array, onHeap: GemmExports, pa: number, aBytes: number, pb: number, pc: number, M: number, N: number, K: number, sai: number, sak: number, sbk: number, sbj: number, scratch: number): boolean {
    const helpers = this.ready();
    // Bands of rows when there are enough of them, else bands of columns, in multiples of
    // the kernel's tile (6 rows, 8 columns) so no band gets smaller tiles than a single
    // thread would.
    const byRows = M >= 6 * (helpers.length + 1);
    const total = byRows ? M : N;
    const unit = byRows ? 6 : 8;
    const units = Math.ceil(total / unit);
    const key = `gemm ${M} ${N} ${K} ${sai} ${sak} ${sbk}`;
    const at = this.split(key, units, helpers.length);
    if (!at) return false;
    const e0 = Math.min(total, at.mine * unit);
    const parts = at.bands.map(([s, e]) => [s * unit, Math.min(total, e * unit)] as const);
    const rest = e0; // the helpers' bands cover [rest, total)
    // A's rows from `rest` on are contiguous when A is read row by row (sak = 4); else all of A.
    const rowsOnly = byRows && sak === 4;
    const aFrom = rowsOnly ? pa + rest * sai : pa;
    const aLen = rowsOnly ? (M - rest) * sai : aBytes;
    const bBytes = 4 * K * N;
    const cRows = byRows ? M - rest : M;
    const sa = DATA_START;
    const sb = sa + align(aLen);
    const sc = sb + align(bBytes);
    const ss = sc + align(4 * cRows * N); // the helpers' scratch, one block each
    const scratchBytes = align(gemmScratchBytes(byRows ? Math.max(...parts.map(([s, e]) => e - s)) : M));
    const mem = this.reserve(ss - DATA_START + parts.length * scratchBytes);
    if (!mem) return false;
    mem.set(heap.subarray(aFrom, aFrom + aLen), sa);
    mem.set(heap.subarray(pb, pb + bBytes), sb);
    // gemm arguments of a helper's band [s, e) in shared memory.
    const jobs = parts.map(([s, e], i) =>
      byRows
        ? [sa + (rowsOnly ? s - rest : s) * sai, sb, sc + (s - rest) * 4 * N, e - s, N, K, sai, sak, sbk, sbj, 4 * N, 0, ss + i * scratchBytes]
        : [sa, sb + s * sbj, sc + 4 * s, M, e - s, K, sai, sak, sbk, sbj, 4 * N, 0, ss + i * scratchBytes]);
    this.dispatch(helpers, jobs, JOB_GEMM, key, { ...at, units }, () => {
      if (byRows) onHeap.gemm(pa, pb, pc, e0, N, K, sai, sak, sbk, sbj, 4 * N, 0, scratch);
      else onHeap.gemm(pa, pb, pc, M, e0, K, sai, sak, sbk, sbj, 4 * N, 0, scratch);
    });
    const shared = new Uint8Array(this.memory.buffer);
    // Heap views stay valid: nothing allocated on the heap since the caller took `heap`.
    if (byRows) heap.set(shared.subarray(sc, sc + 4 * cRows * N), pc + rest * 4 * N);
    else for (let i = 0; i < M; i++) heap.set(shared.subarray(sc + 4 * (i * N + rest), sc + 4 * (i * N + N)), pc + 4 * (i * N + rest));
    return true;
  }

  /** A convolution's job (./conv-band.ts) over all `job.images` images, with x, w, y on
   *  `heap` and this thread's col and scratch there too: this thread runs the first band of
   *  images (FORWARD) or groups of images (FILTER) with `onHeap`'s kernels; each helper gets
   *  copies of its images of x (and of dy, FILTER), of the filter (FORWARD) and room for its
   *  col, scratch and results, which come back into y (FORWARD) or into the partials after
   *  this thread's (FILTER: w holds one partial per group). Returns false, having done
   *  nothing, when no helper is ready. */
  conv(heap: Uint8Array, onHeap: { gemm: GemmExports['gemm']; im2col: Im2colFn }, job: ConvJob): boolean {
    const helpers = this.ready();
    const filter = job.mode === FILTER;
    const units = filter ? Math.ceil(job.images / job.group) : job.images;
    const key = `conv ${CONV_JOB.map((f) => (PLACES.has(f) ? '' : job[f])).join(' ')}`;
    const at = this.split(key, units, helpers.length);
    if (!at) return false;
    const R = job.KH * job.KW * job.CI;
    const xImage = 4 * job.H * job.W * job.CI;
    const yImage = 4 * job.OH * job.OW * job.CO;
    const partial = 4 * job.CO * R;
    const images = (u0: number, u1: number) => (filter ? [u0 * job.group, Math.min(job.images, u1 * job.group)] : [u0, u1]);
    // Shared layout: the filter (FORWARD), then per helper its x, y, partials, col, scratch.
    const sw = DATA_START;
    let next = sw + (filter ? 0 : align(partial));
    const regions = at.bands.map(([u0, u1]) => {
      const [i0, i1] = images(u0, u1) as [number, number];
      const x = next;
      const y = x + align((i1 - i0) * xImage);
      const p = y + align((i1 - i0) * yImage);
      const col = p + align(filter ? (u1 - u0) * partial : 0);
      const scratch = col + align(4 * job.chunk * R);
      next = scratch + align(gemmScratchBytes(filter ? job.CO : job.chunk));
      return { u0, u1, i0, i1, x, y, p, col, scratch };
    });
    const mem = this.reserve(next - DATA_START);
    if (!mem) return false;
    if (!filter) mem.set(heap.subarray(job.w, job.w + partial), sw);
    for (const r of regions) {
      mem.set(heap.subarray(job.x + r.i0 * xImage, job.x + r.i1 * xImage), r.x);
      if (filter) mem.set(heap.subarray(job.y + r.i0 * yImage, job.y + r.i1 * yImage), r.y);
    }
    const jobs = regions.map((r) => {
      const own: Partial<ConvJob> = { x: r.x, w: filter ? r.p : sw, y: r.y, col: r.col, scratch: r.scratch, images: r.i1 - r.i0 };
      return CONV_JOB.map((f) => own[f] ?? job[f]);
    });
    const mineImages = images(0, at.mine)[1]!;
    this.dispatch(helpers, jobs, JOB_CONV, key, { ...at, units }, () =>
      convBand(onHeap.gemm, onHeap.im2col, CONV_JOB.map((f) => (f === 'images' ? mineImages : job[f]))));
    const shared = new Uint8Array(this.memory.buffer);
    // Heap views stay valid: nothing allocated on the heap since the caller took `heap`.
    for (const r of regions) {
      if (filter) heap.set(shared.subarray(r.p, r.p + (r.u1 - r.u0) * partial), job.w + r.u0 * partial);
      else heap.set(shared.subarray(r.y, r.y + (r.i1 - r.i0) * yImage), job.y + r.i0 * yImage);
    }
    return true;
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

/** The helper threads for work of `macs` multiply-adds, or null when it is too small to
 *  share (THREADED_MIN_MACS on two threads, that over the helpers' count with more). */
export function threadsFor(macs: number): GemmThreads | null {
  if (pool === null) return null;
  // The pool's own count once it exists (no environment read or core count per call).
  const threads = pool?.threads ?? threadCount();
  return macs >= THREADED_MIN_MACS / Math.max(1, threads - 1) ? gemmThreads() : null;
}

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
