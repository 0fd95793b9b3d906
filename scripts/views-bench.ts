// Training time with and without the live views watching (engine/views/live.ts), same
// project and seed, the two taking turns (watched, plain, watched, plain, …); prints each
// time and the medians. The watched runs also turn each snapshot into its wire form and JSON,
// as the app's worker does before posting it. Wall time moves with the machine's load; the
// process's CPU time (all its threads) much less, so both are printed.
//   npx tsx scripts/views-bench.ts [spirals|xor|line] [pairs] [epochs] [backend]
import { useBackend } from '../engine/backend/index.js';
import { loadDataset } from '../engine/data/index.js';
import { loadTemplate } from '../engine/project/templates.js';
import type { Project } from '../engine/project/types.js';
import { startTraining } from '../engine/train/train.js';
import { liveViews } from '../engine/views/live.js';
import { toWire } from '../engine/views/wire.js';

const [which = 'spirals', pairsArg = '5', epochsArg, backend = 'wasm'] = process.argv.slice(2);

async function projectOf(name: string): Promise<Project> {
  if (name === 'xor') return loadTemplate('xor');
  if (name === 'line') return loadTemplate('linear-regression');
  // The e2e spirals project: 2 → 12 tanh → 8 tanh → 3 softmax, batch 16, Adam 0.02.
  const xor = await loadTemplate('xor');
  const node = (id: string, kind: string, params: Record<string, unknown>, y: number) => ({ id, kind, params, position: { x: 0, y } });
  return {
    ...xor,
    name: 'spirals',
    dataset: { id: 'spirals', options: { classes: 3 } },
    graph: {
      nodes: [node('in', 'Input', { shape: [2] }, 0), node('h1', 'Dense', { units: 12, activation: 'tanh' }, 100), node('h2', 'Dense', { units: 8, activation: 'tanh' }, 200), node('out', 'Dense', { units: 3, activation: 'softmax' }, 300)],
      edges: [
        { id: 'e1', source: 'in', target: 'h1', targetPort: 0 },
        { id: 'e2', source: 'h1', target: 'h2', targetPort: 0 },
        { id: 'e3', source: 'h2', target: 'out', targetPort: 0 },
      ],
    },
    training: { ...xor.training, loss: 'sparseCategoricalCrossentropy', batchSize: 16, optimizer: { kind: 'adam', learningRate: 0.02 } },
  } as Project;
}

const base = await projectOf(which);
const project: Project = { ...base, training: { ...base.training, epochs: Number(epochsArg ?? (which === 'spirals' ? 30 : which === 'xor' ? 1000 : 100)) } };
const dataset = await loadDataset(project.dataset!, { seed: project.training.seed });
const b = await useBackend(backend);

async function once(watch: boolean): Promise<{ seconds: number; cpu: number; snapshots: number; bytes: number; steps: number }> {
  let snapshots = 0, bytes = 0, steps = 0;
  const t0 = performance.now();
  const c0 = process.cpuUsage();
  const job = startTraining({
    project,
    dataset,
    backend,
    onEvent: (e) => {
      if (e.event === 'batch') steps = e.step;
    },
    ...(watch
      ? {
          watch: (nodeIdOf: Map<string, string>) =>
            liveViews({
              project,
              dataset,
              nodeIdOf,
              emit: (s) => {
                snapshots++;
                bytes += JSON.stringify(toWire(s)).length;
              },
            }),
        }
      : {}),
  });
  const r = await job.done;
  const seconds = (performance.now() - t0) / 1000;
  const c = process.cpuUsage(c0);
  const cpu = (c.user + c.system) / 1e6;
  r.model?.dispose();
  if (r.status !== 'finished') throw new Error(`run ${r.status}: ${r.error ?? ''}`);
  return { seconds, cpu, snapshots, bytes, steps };
}

const median = (v: number[]) => {
  const s = [...v].sort((a, c) => a - c);
  return s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
};

console.log(JSON.stringify({ project: which, backend: b.name, epochs: project.training.epochs, trainCount: dataset.train.count, batchSize: project.training.batchSize }));
await once(false); // warm-up: kernels compiled, caches filled
const watched: number[] = [], plain: number[] = [], watchedCpu: number[] = [], plainCpu: number[] = [];
for (let i = 0; i < Number(pairsArg); i++) {
  const w = await once(true);
  const p = await once(false);
  watched.push(w.seconds);
  plain.push(p.seconds);
  watchedCpu.push(w.cpu);
  plainCpu.push(p.cpu);
  console.log(JSON.stringify({ pair: i + 1, watched: Number(w.seconds.toFixed(3)), plain: Number(p.seconds.toFixed(3)), watchedCpu: Number(w.cpu.toFixed(3)), plainCpu: Number(p.cpu.toFixed(3)), steps: w.steps, snapshots: w.snapshots, kbPerSnapshot: Number((w.bytes / Math.max(w.snapshots, 1) / 1024).toFixed(1)) }));
}
const mw = median(watched), mp = median(plain), cw = median(watchedCpu), cp = median(plainCpu);
const pct = (a: number, b: number) => Number((((a - b) / b) * 100).toFixed(1));
console.log(JSON.stringify({ medianWatched: Number(mw.toFixed(3)), medianPlain: Number(mp.toFixed(3)), slowdownPercent: pct(mw, mp), medianWatchedCpu: Number(cw.toFixed(3)), medianPlainCpu: Number(cp.toFixed(3)), cpuSlowdownPercent: pct(cw, cp) }));
