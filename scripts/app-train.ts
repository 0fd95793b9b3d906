// Trains a project through the app's own training path — electron/trainer.ts, the job in a
// child process as the desktop app and browser mode run it — and prints the backend the job
// chose and its epochs: the check that the app, not only the command line, trains on the GPU.
//   npx tsx scripts/app-train.ts <project.layerlab.json> [epochs] [backend] [dataset id]
import { loadProjectFile } from '../engine/project/io.js';
import type { TrainingEvent } from '../engine/train/events.js';
import { Trainer, tsxWorker } from '../electron/trainer.js';

const [file, epochs, backend = 'auto', dataset] = process.argv.slice(2);
if (!file) throw new Error('usage: npx tsx scripts/app-train.ts <project.layerlab.json> [epochs] [backend] [dataset id]');
const loaded = await loadProjectFile(file);
if (!loaded.ok) throw new Error(loaded.error);
const project = {
  ...loaded.project,
  ...(dataset ? { dataset: { id: dataset } } : {}),
  training: { ...loaded.project.training, ...(epochs ? { epochs: Number(epochs) } : {}) },
};

let end: (e: TrainingEvent) => void = () => undefined;
const ended = new Promise<TrainingEvent>((resolve) => (end = resolve));
const trainer = new Trainer({
  worker: tsxWorker(),
  emit: (e) => {
    if (e.event === 'started') console.log(JSON.stringify({ event: 'started', backend: e.backend, device: (e as { device?: string }).device, trainCount: e.trainCount }));
    if (e.event === 'epoch') console.log(JSON.stringify({ event: 'epoch', epoch: e.epoch, seconds: e.seconds, imagesPerSec: Math.round(e.imagesPerSec), metrics: e.metrics }));
    if (e.event === 'finished' || e.event === 'stopped' || e.event === 'failed') end(e);
  },
});
await trainer.start(project, { backend });
const last = await ended;
console.log(JSON.stringify(last));
await trainer.dispose();
process.exitCode = last.event === 'finished' ? 0 : 1;
