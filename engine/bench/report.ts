// Turns measurements into the printed table or the JSON lines of `layerlab bench --json`.
import type { PeerResult } from './peer.js';
import type { Measurement } from './run.js';
import { median, pairRatios, range } from './stats.js';

/** One network on one backend: the median of its measurements and, with a peer, the median
 *  and range of the ours/peer ratio over the pairs. */
export interface BenchResult {
  model: string;
  backend: string;
  device: string;
  /** CPU threads ours computed on, and PyTorch's (null without a peer). */
  threads: number;
  peerThreads: number | null;
  /** Measurements of each side. */
  pairs: number;
  imagesPerSec: number;
  peerImagesPerSec: number | null;
  ratio: number | null;
  ratioMin: number | null;
  ratioMax: number | null;
}

/** `ours` and `peers` in the order they ran (peers empty without --peer). */
export function summarize(ours: readonly Measurement[], peers: readonly PeerResult[]): BenchResult {
  const first = ours[0];
  if (!first) throw new Error('summarize needs at least one measurement');
  const r: BenchResult = {
    model: first.model, backend: first.backend, device: first.device, threads: first.threads, peerThreads: null, pairs: ours.length,
    imagesPerSec: round(median(ours.map((m) => m.imagesPerSec))), peerImagesPerSec: null, ratio: null, ratioMin: null, ratioMax: null,
  };
  if (peers.length === 0) return r;
  const threads = range(peers.map((p) => p.threads));
  const q = pairRatios(ours.map((m) => m.imagesPerSec), peers.map((p) => p.imagesPerSec));
  return {
    ...r,
    // The peer reports its thread count each time; a disagreement would show as a range.
    peerThreads: threads.min === threads.max ? threads.min : Number.NaN,
    peerImagesPerSec: round(median(peers.map((p) => p.imagesPerSec))),
    ratio: round3(q.median), ratioMin: round3(q.min), ratioMax: round3(q.max),
  };
}

function round(x: number): number {
  return Math.round(x * 10) / 10;
}

function round3(x: number): number {
  return Math.round(x * 1000) / 1000;
}

export function table(results: readonly BenchResult[]): string {
  const rows: string[][] = [['model', 'backend', 'device', 'threads', 'peer threads', 'runs', 'images/s (median)', 'peer images/s', 'ours/peer median (range)']];
  for (const r of results) {
    rows.push([
      r.model, r.backend, r.device, String(r.threads), r.peerThreads === null ? '-' : String(r.peerThreads), String(r.pairs),
      r.imagesPerSec.toFixed(0), r.peerImagesPerSec === null ? '-' : r.peerImagesPerSec.toFixed(0),
      r.ratio === null ? '-' : `${r.ratio.toFixed(3)}× (${r.ratioMin!.toFixed(3)}–${r.ratioMax!.toFixed(3)})`,
    ]);
  }
  const widths = rows[0]!.map((_, c) => Math.max(...rows.map((r) => r[c]!.length)));
  return rows.map((r) => r.map((cell, c) => cell.padEnd(widths[c]!)).join('  ').trimEnd()).join('\n');
}
