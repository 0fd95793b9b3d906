// Turns measurements into the printed table or the JSON lines of `layerlab bench --json`.
import type { PeerResult } from './peer.js';
import type { Measurement } from './run.js';

export interface BenchResult {
  model: string;
  backend: string;
  imagesPerSec: number;
  peerImagesPerSec: number | null;
  ratio: number | null;
}

export function combine(ours: Measurement[], peers: PeerResult[]): BenchResult[] {
  return ours.map((m) => {
    const peer = peers.find((p) => p.model === m.model);
    const peerIps = peer ? peer.imagesPerSec : null;
    return {
      model: m.model,
      backend: m.backend,
      imagesPerSec: round(m.imagesPerSec),
      peerImagesPerSec: peerIps === null ? null : round(peerIps),
      ratio: peerIps ? Math.round((m.imagesPerSec / peerIps) * 1000) / 1000 : null,
    };
  });
}

function round(x: number): number {
  return Math.round(x * 10) / 10;
}

export function table(ours: Measurement[], peers: PeerResult[]): string {
  const results = combine(ours, peers);
  const rows: string[][] = [['model', 'backend', 'device', 'batches', 'images/s', 'peer images/s', 'ours/peer']];
  results.forEach((r, i) => {
    const m = ours[i]!;
    rows.push([
      r.model, r.backend, m.device, String(m.batches), r.imagesPerSec.toFixed(0),
      r.peerImagesPerSec === null ? '-' : r.peerImagesPerSec.toFixed(0), r.ratio === null ? '-' : `${r.ratio.toFixed(3)}×`,
    ]);
  });
  for (const p of peers) rows.push([p.model, p.backend, p.device, String(p.batches), p.imagesPerSec.toFixed(0), '', '']);
  const widths = rows[0]!.map((_, c) => Math.max(...rows.map((r) => r[c]!.length)));
  return rows.map((r) => r.map((cell, c) => cell.padEnd(widths[c]!)).join('  ').trimEnd()).join('\n');
}
