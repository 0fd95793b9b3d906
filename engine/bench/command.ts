// `layerlab bench`: images per second of the lecture's MNIST networks per backend, the median
// of several measurements; with --peer, PyTorch on as many threads takes turns with ours and
// the ratio is printed as the median and range over the pairs.
import { listBackends } from '../backend/index.js';
import { BENCH_USAGE, parseBenchArgs, type BenchArgs } from './args.js';
import { loadFashionSlice, type ImageSlice } from './fashion.js';
import { runPeer, type PeerResult } from './peer.js';
import { summarize, table, type BenchResult } from './report.js';
import { backendThreads, measure, type Measurement } from './run.js';
import { alternation } from './stats.js';

/** Same shape as CliIO in engine/cli/io.ts. */
interface CliIO {
  out(s: string): void;
  err(s: string): void;
}

/** The images each measurement reads round and round: at least 100 batches after the
 *  warm-up (so batches differ), at most the training set (or what a cut of it holds). */
export function sliceImages(args: Pick<BenchArgs, 'warmup' | 'batches' | 'batchSize'>): number {
  const bs = args.batchSize;
  return Math.min(Math.floor(60_000 / bs) * bs, (Math.max(1, args.warmup) + Math.max(args.batches, 100)) * bs);
}

/** Which backends to run; prints why others are left out. Where the one asked for cannot
 *  run, says why and returns the exit code instead. */
async function chooseBackends(args: BenchArgs, io: CliIO): Promise<string[] | number> {
  const all = await listBackends();
  if (args.backend === 'all') {
    for (const b of all.filter((x) => !x.available)) {
      if (args.json) io.out(JSON.stringify({ backend: b.name, available: false, reason: b.reason }));
      else io.err(`skipping ${b.name}: ${b.reason}`);
    }
    return all.filter((b) => b.available).map((b) => b.name);
  }
  const entry = all.find((b) => b.name === args.backend);
  if (!entry) {
    io.err(`layerlab bench: unknown backend '${args.backend}' (known: all, ${all.map((b) => b.name).join(', ')})`);
    return 2;
  }
  if (!entry.available) {
    io.err(`layerlab bench: backend '${entry.name}' is not available: ${entry.reason}`);
    return 1;
  }
  return [entry.name];
}

/** One network on one backend: ours and the peer's measurements taking turns. */
async function pairUp(args: BenchArgs, model: BenchArgs['models'][number], backend: string, data: ImageSlice, io: CliIO): Promise<BenchResult> {
  const ours: Measurement[] = [];
  const peers: PeerResult[] = [];
  const threads = backendThreads(backend);
  const order = alternation(args.pairs, args.peer);
  for (const [i, side] of order.entries()) {
    const pair = Math.floor(i / (args.peer ? 2 : 1)) + 1;
    if (side === 'ours') {
      const m = await measure(model, backend, data, args);
      ours.push(m);
      if (args.json) io.out(JSON.stringify({ side, pair, ...m }));
      else io.err(`${model} on ${backend} (${m.threads} ${m.threads === 1 ? 'thread' : 'threads'}), run ${pair}: ${m.imagesPerSec.toFixed(0)} images/s (${m.batches} batches in ${m.seconds.toFixed(2)} s)`);
    } else {
      const p = await runPeer({ ...args, model, slice: data.n, device: args.peerDevice, threads });
      peers.push(p);
      if (args.json) io.out(JSON.stringify({ side, pair, ...p }));
      else io.err(`${model} on ${p.backend} (${p.threads} ${p.threads === 1 ? 'thread' : 'threads'}), run ${pair}: ${p.imagesPerSec.toFixed(0)} images/s (${p.batches} batches in ${p.seconds.toFixed(2)} s)`);
    }
  }
  return summarize(ours, peers);
}

async function run(argv: string[], io: CliIO): Promise<number> {
  if (argv.includes('--help') || argv.includes('-h')) {
    io.out(BENCH_USAGE);
    return 0;
  }
  let args: BenchArgs;
  try {
    args = parseBenchArgs(argv);
  } catch (e) {
    io.err(`layerlab bench: ${(e as Error).message}\n${BENCH_USAGE}`);
    return 2;
  }
  const backends = await chooseBackends(args, io);
  if (typeof backends === 'number') return backends;

  let data: ImageSlice;
  try {
    data = loadFashionSlice(sliceImages(args), args.data, { upTo: true });
    if (data.n < args.batchSize) throw new Error(`${args.data}: ${data.n} training images, fewer than a batch of ${args.batchSize}`);
  } catch (e) {
    io.err(`layerlab bench: ${(e as Error).message}`);
    return 1;
  }

  const results: BenchResult[] = [];
  for (const model of args.models) {
    for (const backend of backends) {
      try {
        const r = await pairUp(args, model, backend, data, io);
        results.push(r);
        if (args.json) io.out(JSON.stringify(r));
      } catch (e) {
        io.err(`layerlab bench: ${model} on ${backend} failed: ${(e as Error).message}`);
        return 1;
      }
    }
  }

  if (args.json) io.out(JSON.stringify({ results }));
  else io.out(table(results));
  return 0;
}

export const command = {
  name: 'bench',
  summary: 'train the lecture’s MNIST networks on each backend and print images per second',
  usage: BENCH_USAGE,
  run,
};
