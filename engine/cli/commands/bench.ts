// `layerlab bench`: images per second of the lecture's MNIST networks per backend, optionally
// against PyTorch in the same run. The work lives in engine/bench/.
import { listBackends } from '../../backend/index.js';
import { BENCH_USAGE, parseBenchArgs } from '../../bench/args.js';
import { loadFashionSlice } from '../../bench/fashion.js';
import { runPeer, type PeerResult } from '../../bench/peer.js';
import { combine, table } from '../../bench/report.js';
import { measure, type Measurement } from '../../bench/run.js';

/** Same shape as CliIO in engine/cli/io.ts. */
interface CliIO {
  out(s: string): void;
  err(s: string): void;
}

async function run(argv: string[], io: CliIO): Promise<number> {
  if (argv.includes('--help') || argv.includes('-h')) {
    io.out(BENCH_USAGE);
    return 0;
  }
  let args;
  try {
    args = parseBenchArgs(argv);
  } catch (e) {
    io.err(`layerlab bench: ${(e as Error).message}\n${BENCH_USAGE}`);
    return 2;
  }
  const all = await listBackends();
  let backends: string[];
  if (args.backend === 'all') {
    backends = all.filter((b) => b.available).map((b) => b.name);
    for (const b of all.filter((x) => !x.available)) {
      if (args.json) io.out(JSON.stringify({ backend: b.name, available: false, reason: b.reason }));
      else io.err(`skipping ${b.name}: ${b.reason}`);
    }
  } else {
    const entry = all.find((b) => b.name === args.backend);
    if (!entry) {
      io.err(`layerlab bench: unknown backend '${args.backend}' (known: all, ${all.map((b) => b.name).join(', ')})`);
      return 2;
    }
    if (!entry.available) {
      io.err(`layerlab bench: backend '${entry.name}' is not available: ${entry.reason}`);
      return 1;
    }
    backends = [entry.name];
  }

  let data;
  try {
    data = loadFashionSlice((args.warmup + args.batches) * args.batchSize, args.data);
  } catch (e) {
    io.err(`layerlab bench: ${(e as Error).message}`);
    return 1;
  }

  const ours: Measurement[] = [];
  for (const model of args.models) {
    for (const backend of backends) {
      try {
        const m = await measure(model, backend, data, args);
        ours.push(m);
        if (args.json) io.out(JSON.stringify(m));
        else io.err(`${model} on ${backend}: ${m.imagesPerSec.toFixed(0)} images/s (${m.batches} batches in ${m.seconds.toFixed(2)} s)`);
      } catch (e) {
        io.err(`layerlab bench: ${model} on ${backend} failed: ${(e as Error).message}`);
        return 1;
      }
    }
  }

  let peers: PeerResult[] = [];
  if (args.peer) {
    try {
      peers = await runPeer({ ...args, device: args.peerDevice });
      for (const p of peers) {
        if (args.json) io.out(JSON.stringify(p));
        else io.err(`${p.model} on ${p.backend}: ${p.imagesPerSec.toFixed(0)} images/s`);
      }
    } catch (e) {
      io.err(`layerlab bench: ${(e as Error).message}`);
      return 1;
    }
  }

  if (args.json) io.out(JSON.stringify({ results: combine(ours, peers) }));
  else io.out(table(ours, peers));
  return 0;
}

export const command = {
  name: 'bench',
  summary: 'train the lecture’s MNIST networks on each backend and print images per second',
  usage: BENCH_USAGE,
  run,
};
