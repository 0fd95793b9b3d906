// `layerlab activations` as a user runs it: a tiny conv net trained by a real process on a
// folder of 8×8 images; one PNG per node whose size follows from the node's shape.
import { mkdir, mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { layerlabInProcess, layerlabProcess } from './testkit.js';

let dir: string;
let project: string;
let runId: string;

/** An 8×8 gray image: class 'top' bright in its top half, 'bottom' in its bottom half. */
function image(cls: 'top' | 'bottom', k: number): Buffer {
  const px = Buffer.alloc(64);
  for (let y = 0; y < 8; y++) for (let x = 0; x < 8; x++) px[y * 8 + x] = (y < 4) === (cls === 'top') ? 200 + ((x + k) % 5) * 10 : (k * 7) % 40;
  return px;
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'layerlab-activations-'));
  for (const cls of ['bottom', 'top'] as const) {
    await mkdir(join(dir, 'imgs', cls), { recursive: true });
    for (let k = 0; k < 10; k++) await sharp(image(cls, k), { raw: { width: 8, height: 8, channels: 1 } }).png().toFile(join(dir, 'imgs', cls, `${k}.png`));
  }
  const n = (id: string, kind: string, params: Record<string, unknown>, y: number) => ({ id, kind, params, position: { x: 0, y } });
  const ids = ['in', 'conv', 'pool', 'flat', 'out'];
  const p = {
    format: 'layerlab-project',
    version: 2,
    name: 'tiny conv',
    graph: {
      nodes: [
        n('in', 'Input', { shape: [8, 8, 1] }, 0),
        n('conv', 'Conv2D', { filters: 3, kernelSize: 3, activation: 'relu' }, 100),
        n('pool', 'MaxPooling2D', { poolSize: 2 }, 200),
        n('flat', 'Flatten', {}, 300),
        n('out', 'Dense', { units: 2, activation: 'softmax' }, 400),
      ],
      edges: ids.slice(1).map((id, i) => ({ id: `e${i}`, source: ids[i], target: id })),
    },
    dataset: { file: 'imgs', format: 'images', options: { size: [8, 8] } },
    training: { optimizer: { kind: 'adam', learningRate: 0.01 }, loss: 'categoricalCrossentropy', metrics: ['accuracy'], epochs: 1, batchSize: 8, validationSplit: 0, seed: 3 },
  };
  project = join(dir, 'tiny.layerlab.json');
  await writeFile(project, JSON.stringify(p));
  const trained = await layerlabProcess('train', project, '--json');
  expect(trained.code, trained.stderr).toBe(0);
  runId = JSON.parse(trained.stdout.trim().split('\n')[0]!).runId;
}, 90_000);
afterAll(() => rm(dir, { recursive: true, force: true }));

describe('layerlab activations', () => {
  it('writes one PNG per node and the kernels, sized by each node’s shape', async () => {
    const out = join(dir, 'acts');
    const r = await layerlabInProcess('activations', project, '--run', runId, '--sample', '1', '--out', out);
    expect(r.code, r.err.join('\n')).toBe(0);
    expect((await readdir(out)).sort()).toEqual(['00-in.png', '01-conv.png', '02-pool.png', '03-flat.png', '04-out.png', 'index.json', 'kernels.png']);
    const size = async (f: string) => {
      const m = await sharp(join(out, f)).metadata();
      return [m.width, m.height];
    };
    // The picture sits top-left, its labels below it (the PNG widened for a long label).
    // Tiles scale by ⌊64 / side⌋, ⌈√c⌉ columns, 2 px gaps:
    const plots: [string, number, number][] = [
      ['00-in.png', 64, 64], // 8×8×1: one tile ×8
      ['01-conv.png', 122, 122], // 6×6×3: 2×2 grid of 60 px tiles (×10)
      ['02-pool.png', 128, 128], // 3×3×3: 2×2 grid of 63 px tiles (×21)
      ['03-flat.png', 27 * 18, 64], // 27 values, ⌊512 / 27⌋ = 18 px each
      ['kernels.png', 128, 128], // three 3×3 kernels (×21)
    ];
    for (const [f, w, h] of plots) {
      const [W, H] = await size(f);
      expect(W).toBeGreaterThanOrEqual(w);
      expect(H).toBeGreaterThan(h + 20); // two or more lines of 10 px text
      // Dark ink (text) in the band under the picture.
      const { data, info } = await sharp(join(out, f)).raw().toBuffer({ resolveWithObject: true });
      let ink = 0;
      for (let y = h; y < info.height; y++) for (let x = 0; x < info.width; x++) if (data[(y * info.width + x) * 3]! < 80) ink++;
      expect(ink, f).toBeGreaterThan(30);
    }
    // Two class bars of 28 px, 100 px high, with a line of text above and below.
    expect(await size('04-out.png')).toEqual([2 * 28, 100 + 16]);

    // The input picture is the sample itself: its gray levels are those of an image of the folder.
    const { data, info } = await sharp(join(out, '00-in.png')).raw().toBuffer({ resolveWithObject: true });
    const rows = Array.from({ length: 8 }, (_, y) => data[(y * 8 * info.width + 4) * 3]!);
    const topBright = rows.slice(0, 4).every((v) => v > 128) && rows.slice(4).every((v) => v < 128);
    const bottomBright = rows.slice(0, 4).every((v) => v < 128) && rows.slice(4).every((v) => v > 128);
    expect(topBright || bottomBright).toBe(true);

    const index = JSON.parse(await readFile(join(out, 'index.json'), 'utf8'));
    expect(index.runId).toBe(runId);
    expect(index.nodes.map((n: { id: string; shape: number[] }) => [n.id, n.shape])).toEqual([
      ['in', [8, 8, 1]],
      ['conv', [6, 6, 3]],
      ['pool', [3, 3, 3]],
      ['flat', [27]],
      ['out', [2]],
    ]);
    const probs = Object.values(index.nodes[4].probabilities as Record<string, number>);
    expect(Object.keys(index.nodes[4].probabilities)).toEqual(['bottom', 'top']);
    expect(probs.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 3);
    expect(r.out.some((l) => l.startsWith('  01-conv.png  conv (Conv2D) [6, 6, 3]: 3 tile(s) of 6×6'))).toBe(true);
  });

  it('says how many test examples there are when --sample is past them', async () => {
    const r = await layerlabInProcess('activations', project, '--sample', '999', '--out', join(dir, 'x'));
    expect(r.code).toBe(2);
    expect(r.err.join('\n')).toMatch(/--sample 999: the test split has \d+ examples/);
  });
});
