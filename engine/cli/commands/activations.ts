// `layerlab activations <project> [--run ID] [--sample N] --out DIR`: what every node of a
// run's model outputs for one test example, as PNG files (the app's Activations tab on disk),
// plus the first Conv2D layer's kernels and an index.json naming them.
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { loadProjectDataset } from '../../data/index.js';
import { writeFileAtomic } from '../../project/atomic.js';
import { labelledNodeRaster, num, tileGrid, withCaption, type Raster } from '../../views/activationRasters.js';
import { activations } from '../../views/inspect/activations.js';
import { inspectContext } from '../../views/inspect/index.js';
import { INSPECT_SCHEMAS } from '../../views/inspect/schemas.js';
import { base64ToBytes } from '../../views/wire.js';
import { intOption, parseOptions, stringOption, UsageError } from '../args.js';
import { EXIT, type CliIO, type Command } from '../io.js';
import { projectBase } from '../project.js';
import { runModel } from '../runs.js';

const USAGE = `usage: layerlab activations <project.layerlab.json> --out DIR [--run ID] [--sample N]
                            [--channels N] [--backend NAME]

  Writes what every node of a run's model outputs for one test example, as PNG files in DIR:

    NN-<node>.png  one per node in the model's order: a grid of its channel tiles for an
                   image-like output ([h, w, c]: one tile per channel, ⌈√c⌉ columns, each
                   scaled up by a whole factor to about 64 px, 2 px apart, black = the
                   node's lowest value, white = its highest); a strip of bars for a vector
                   (blue above zero, orange below, about 512 px wide, 64 high); the
                   softmax's class probabilities as bars (28 px per class, 100 high)
    kernels.png    the first Conv2D layer's kernels, one tile per filter (averaged over
                   the input channels when there are more than one, colour for three)
    index.json     the nodes, their shapes, value ranges and files, and the probabilities

  --run ID        the run (see 'layerlab runs'); default: the newest that matches the project
  --sample N      the test example (default 0)
  --channels N    at most N tiles per node and N kernels (default 64)`;

async function writePng(file: string, r: Raster): Promise<void> {
  const sharp = (await import('sharp')).default;
  const png = await sharp(Buffer.from(r.data), { raw: { width: r.width, height: r.height, channels: 3 } }).png().toBuffer();
  await writeFileAtomic(file, png);
}

const safe = (id: string) => id.replace(/[^A-Za-z0-9._-]/g, '_');

export const command: Command = {
  name: 'activations',
  summary: "write every node's output for one test example (feature maps, vectors, probabilities) and the first kernels as PNG files",
  usage: USAGE,
  async run(args: string[], io: CliIO): Promise<number> {
    const { positionals, values } = parseOptions(
      args,
      { out: { type: 'string' }, run: { type: 'string' }, sample: { type: 'string' }, channels: { type: 'string' }, backend: { type: 'string' } },
      1,
    );
    const path = positionals[0];
    if (!path) throw new UsageError('missing <project.layerlab.json>');
    const out = stringOption(values, 'out');
    if (!out) throw new UsageError('missing --out DIR');
    const sample = intOption(values, 'sample', 0) ?? 0;
    const channels = intOption(values, 'channels', 1) ?? 64;

    const got = await runModel(path, stringOption(values, 'run'), stringOption(values, 'backend'), io);
    if (!got) return EXIT.failed;
    const { run, model } = got;
    let reply;
    try {
      // The run's own project and seed, so the test split is the one it was evaluated on.
      const dataset = await loadProjectDataset(run.project, projectBase(path, undefined));
      if (sample >= dataset.test.count) throw new UsageError(`--sample ${sample}: the test split has ${dataset.test.count} examples (0 to ${dataset.test.count - 1})`);
      const ctx = inspectContext(model, run.project, dataset, run);
      const why = activations.applies(ctx);
      if (why !== true) throw new Error(why);
      const params = INSPECT_SCHEMAS.activations.params.parse({ sample, maxChannels: Math.min(channels, 512) });
      reply = await activations.compute(ctx, params);
    } finally {
      model.dispose();
    }

    await mkdir(out, { recursive: true });
    const name = (k: number) => reply.classNames?.[k] ?? String(k);
    io.out(`run ${run.id}${run.label ? ` '${run.label}'` : ''}, test sample ${sample}${reply.label !== undefined ? ` (class ${name(reply.label)})` : ''}:`);
    const index: Record<string, unknown>[] = [];
    for (const [i, n] of reply.nodes.entries()) {
      const file = `${String(i).padStart(2, '0')}-${safe(n.id)}.png`;
      await writePng(join(out, file), labelledNodeRaster(n));
      const left = n.leftOut ? `, ${n.leftOut} left out` : '';
      const what =
        n.show === 'image'
          ? `${n.image.tiles.length} tile(s) of ${n.image.h}×${n.image.w}${left}, values ${n.image.lo} to ${n.image.hi}`
          : n.show === 'vector'
            ? `${n.values.length} values${left}, ${n.lo} to ${n.hi}`
            : n.values.map((p, k) => `${n.classes[k]} ${p.toFixed(3)}`).join('  ');
      io.out(`  ${file}  ${n.id} (${n.kind}) [${n.shape.join(', ')}]: ${what}`);
      index.push({
        id: n.id, kind: n.kind, shape: n.shape, file, show: n.show, leftOut: n.leftOut,
        ...(n.show === 'image' ? { channels: n.channels, lo: n.image.lo, hi: n.image.hi } : {}),
        ...(n.show === 'vector' ? { lo: n.lo, hi: n.hi } : {}),
        ...(n.show === 'probabilities' ? { probabilities: Object.fromEntries(n.values.map((p, k) => [n.classes[k], p])) } : {}),
      });
    }
    const k = reply.kernels;
    if (k) {
      await writePng(join(out, 'kernels.png'), withCaption(tileGrid(k.image.tiles.map(base64ToBytes), k.image.h, k.image.w, k.mode === 'rgb' ? 3 : 1), [`WEIGHTS ${num(k.image.lo)}`, `TO ${num(k.image.hi)}`]));
      io.out(`  kernels.png  ${k.nodeId}: ${k.image.tiles.length} of ${k.filters} filters, ${k.image.h}×${k.image.w}${k.mode === 'mean' ? `, averaged over ${k.inChannels} input channels` : ''}, weights ${k.image.lo} to ${k.image.hi}`);
    }
    const kernels = k ? { file: 'kernels.png', nodeId: k.nodeId, filters: k.filters, inChannels: k.inChannels, mode: k.mode, lo: k.image.lo, hi: k.image.hi, leftOut: k.leftOut } : null;
    await writeFileAtomic(join(out, 'index.json'), JSON.stringify({ runId: run.id, sample, ...(reply.label !== undefined ? { label: reply.label } : {}), nodes: index, kernels }, null, 2) + '\n');
    io.out(`wrote ${reply.nodes.length + (k ? 1 : 0)} PNG files and index.json to ${out}`);
    return EXIT.ok;
  },
};
