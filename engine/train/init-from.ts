// Start weights from another run (transfer learning): every node of the new model whose id a
// layer of the run's model carries, with weights of the same shapes, starts from that
// layer's weights; the others start fresh. Matched by node id, because LayerLab's layer names
// are derived from node ids (engine/compile/names.ts) in every run and every import.
import type * as tfl from '@tensorflow/tfjs-layers';
import type { Compiled } from '../compile/compile.js';
import { sanitizeLayerName } from '../compile/names.js';

export interface InitReport {
  /** Where the weights come from, in words (e.g. "run 0mifx3k2a-4q9zt1"). */
  from: string;
  /** Nodes that start from the run's weights, with how many values each took. */
  loaded: { id: string; values: number }[];
  /** Nodes with weights that start fresh, and why. */
  fresh: { id: string; reason: string }[];
}

const shape = (s: readonly (number | null)[]) => `[${s.join(', ')}]`;

/** Copies the matching weights of `source` into the compiled model. Nodes without weights
 *  (Input, Flatten, Dropout, …) are in neither list. */
export function initFromModel(target: Compiled, source: tfl.LayersModel, from: string): InitReport {
  const report: InitReport = { from, loaded: [], fresh: [] };
  const byName = new Map(source.layers.map((l) => [l.name, l]));
  for (const [id, name] of target.layerNameOf) {
    const layer = target.model.layers.find((l) => l.name === name);
    if (!layer || layer.weights.length === 0) continue;
    const src = byName.get(name) ?? byName.get(sanitizeLayerName(id));
    if (!src) {
      report.fresh.push({ id, reason: `${from} has no node '${id}'` });
      continue;
    }
    const want = layer.weights.map((w) => shape(w.shape));
    const got = src.weights.map((w) => shape(w.shape));
    if (want.join(' ') !== got.join(' ')) {
      report.fresh.push({ id, reason: `its weights are ${want.join(' ')} here but ${got.join(' ') || 'none'} in ${from}` });
      continue;
    }
    const values = src.getWeights();
    layer.setWeights(values);
    report.loaded.push({ id, values: values.reduce((n, t) => n + t.size, 0) });
  }
  return report;
}

/** The report in lines, for the terminal and the app. */
export function initReportLines(r: InitReport): string[] {
  const lines = [`start weights from ${r.from}: ${r.loaded.length} node(s) take them${r.loaded.length ? ` (${r.loaded.map((l) => l.id).join(', ')})` : ''}`];
  for (const f of r.fresh) lines.push(`  '${f.id}' starts fresh: ${f.reason}`);
  return lines;
}
