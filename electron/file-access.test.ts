// Files only where the user pointed: every channel that takes a dataset or a project refuses a
// dataset file outside the project's folder, the workspace and the files picked through the
// dialog — /etc/passwd, /proc/self/environ, /dev/zero, a ../../ escape, a symlink in the
// workspace that leads out — naming the file, before any worker reads it; a CSV in the
// workspace still previews, trains and exports. Real sessions, real workers, real files.
import { mkdir, mkdtemp, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { TEMPLATES_DIR } from '../engine/project/templates.js';
import type { DatasetRef, Project } from '../engine/project/types.js';
import type { Envelope, EventName } from './contract.js';
import { tinyProject } from './fixtures.js';
import { Session, type Dialogs } from './handlers.js';
import { tsxWorker, WorkerPool } from './worker-pool.js';
import { workspaceDialogs } from './web-dialogs.js';

let root: string;
let ws: string;
let outside: string;
let pool: WorkerPool;
const sessions: Session[] = [];

beforeAll(async () => {
  root = await mkdtemp(path.join(tmpdir(), 'layerlab-files-'));
  ws = path.join(root, 'ws');
  outside = path.join(root, 'private');
  await mkdir(path.join(ws, 'data'), { recursive: true });
  await mkdir(outside, { recursive: true });
  await writeFile(path.join(ws, 'data', 'iris.csv'), await readFile(path.join(import.meta.dirname, '../assets/iris.csv')));
  await writeFile(path.join(outside, 'secret.csv'), 'a,b,label\n1,2,x\n3,4,y\n5,6,x\n7,8,y\n');
  await symlink('/etc/passwd', path.join(ws, 'data', 'passwd.csv'));
  await symlink(path.join(outside, 'secret.csv'), path.join(ws, 'data', 'secret.csv'));
  pool = new WorkerPool(tsxWorker());
});
afterAll(async () => {
  await Promise.all(sessions.map((s) => s.dispose()));
  await pool.dispose();
  await rm(root, { recursive: true, force: true });
});

function browserSession(p = pool): { s: Session; events: { event: EventName; payload: unknown }[] } {
  const events: { event: EventName; payload: unknown }[] = [];
  const s = new Session({ dialogs: workspaceDialogs(ws), workspace: ws, templatesDir: TEMPLATES_DIR, pool: p, emit: (event, payload) => events.push({ event, payload }) });
  sessions.push(s);
  return { s, events };
}

/** The project the iris CSV trains: four features, three classes. */
function irisProject(dataset: DatasetRef): Project {
  const p = tinyProject();
  return {
    ...p,
    name: 'iris',
    graph: {
      nodes: [
        { id: 'in', kind: 'Input', params: { shape: [4] }, position: { x: 0, y: 0 } },
        { id: 'd', kind: 'Dense', params: { units: 3, activation: 'softmax' }, position: { x: 0, y: 100 } },
      ],
      edges: [{ id: 'e', source: 'in', target: 'd' }],
    },
    dataset,
    training: { ...p.training, epochs: 2, batchSize: 16 },
  };
}

/** Each way out, with the name the refusal must repeat. */
const ESCAPES: { label: string; file: string; format?: 'csv' }[] = [
  { label: '/etc/passwd', file: '/etc/passwd', format: 'csv' },
  { label: '/proc/self/environ', file: '/proc/self/environ', format: 'csv' },
  { label: '/dev/zero', file: '/dev/zero', format: 'csv' },
  { label: 'a ../../ escape', file: '../../../../../../etc/passwd', format: 'csv' },
  { label: 'a ../ escape to a sibling folder', file: '../private/secret.csv' },
  { label: 'a symlink in the workspace to /etc/passwd', file: 'data/passwd.csv' },
  { label: 'a symlink in the workspace to a file outside it', file: 'data/secret.csv' },
];

const CHANNELS: { channel: string; request: (d: DatasetRef) => unknown }[] = [
  { channel: 'datasets.info', request: (dataset) => ({ dataset }) },
  { channel: 'datasets.preview', request: (dataset) => ({ dataset }) },
  { channel: 'training.start', request: (dataset) => ({ project: irisProject(dataset) }) },
  { channel: 'export', request: (dataset) => ({ format: 'keras-py', project: irisProject(dataset) }) },
  { channel: 'export', request: (dataset) => ({ format: 'tfjs', project: irisProject(dataset) }) },
  { channel: 'export', request: (dataset) => ({ format: 'project', project: irisProject(dataset) }) },
];

function refusal(env: Envelope<unknown>): string {
  if (env.ok) throw new Error(`expected a refusal, got ${JSON.stringify(env.value).slice(0, 200)}`);
  expect(env.error.code).toBe('forbidden');
  return env.error.message;
}

describe.skipIf(process.platform === 'win32')('dataset files only where the user pointed (browser mode)', () => {
  for (const { channel, request } of CHANNELS) {
    const format = (request({ id: 'x' }) as { format?: string }).format;
    it(`${channel}${format ? ` (${format})` : ''} refuses every way out, naming the file, and reads nothing`, async () => {
      // A pool of its own: had anything been read, its utility worker would have started.
      const own = new WorkerPool(tsxWorker());
      const { s } = browserSession(own);
      try {
        for (const e of ESCAPES) {
          const msg = refusal(await s.handle(channel, request({ file: e.file, ...(e.format ? { format: e.format } : {}) })));
          expect(msg, e.label).toContain(e.file);
          expect(msg, e.label).toMatch(/it was not read/);
          // The host's own folders stay unnamed.
          expect(msg, e.label).not.toContain(ws);
        }
        expect(own.stats()).toMatchObject({ utilityStarts: 0, jobs: 0 });
        // Path options name files too.
        const labels = await s.handle(channel, request({ file: 'data/iris.csv', options: { labels: '/etc/shadow' } }));
        expect(refusal(labels)).toContain('dataset option labels /etc/shadow');
      } finally {
        await s.dispose();
        await own.dispose();
      }
    });
  }

  it('a CSV in the workspace previews, answers its shapes, trains and exports, named as the project names it', async () => {
    const { s, events } = browserSession();
    const dataset = { file: 'data/iris.csv', format: 'csv' as const, options: { labelColumn: 'species' } };
    const info = await s.handle('datasets.info', { dataset });
    expect(info).toMatchObject({ ok: true, value: { id: 'data/iris.csv', name: 'iris.csv', inputShape: [4], trainCount: 120 } });
    const preview = await s.handle('datasets.preview', { dataset });
    expect(preview).toMatchObject({ ok: true, value: { id: 'data/iris.csv', name: 'iris.csv', classCounts: [50, 50, 50] } });
    // No host path in what the renderer gets.
    expect(JSON.stringify(preview)).not.toContain(ws);
    const started = await s.handle('training.start', { project: irisProject(dataset) });
    if (!started.ok) throw new Error(started.error.message);
    await vi.waitFor(() => expect(events.some((e) => e.event === 'training.event' && ['finished', 'failed'].includes((e.payload as { event: string }).event))).toBe(true), { timeout: 60_000, interval: 100 });
    expect(events.map((e) => (e.payload as { event?: string } | null)?.event)).toContain('finished');
    const exported = await s.handle('export', { format: 'keras-py', project: irisProject(dataset), suggestedName: 'iris-model' });
    expect(exported).toMatchObject({ ok: true, value: { canceled: false, files: ['iris-model.py'] } });
    // Built-in ids never go through the file check.
    expect(await s.handle('datasets.info', { dataset: { id: 'xor' } })).toMatchObject({ ok: true, value: { id: 'xor' } });
  }, 90_000);

  it('a file that is not there is not-found, named as given; a bad CSV names the file as the project does', async () => {
    const { s } = browserSession();
    const missing = await s.handle('datasets.preview', { dataset: { file: 'data/nope.csv' } });
    expect(missing).toMatchObject({ ok: false, error: { code: 'not-found', message: 'dataset file data/nope.csv: no such file or folder' } });
    await writeFile(path.join(ws, 'data', 'bad.csv'), 'a,b,label\n1,2,x\n3,y\n');
    const bad = await s.handle('datasets.preview', { dataset: { file: 'data/bad.csv', options: { labelColumn: 'label' } } });
    expect(bad).toMatchObject({ ok: false, error: { code: 'failed' } });
    const msg = !bad.ok ? bad.error.message : '';
    expect(msg).toMatch(/^data\/bad\.csv, row 3/);
    expect(msg).not.toContain(ws);
  }, 30_000);

  it('project.open of an upload whose dataset leaves the workspace opens with a warning naming it; using it is refused', async () => {
    for (const e of ESCAPES) {
      const { s } = browserSession();
      const project = irisProject({ file: e.file, format: 'csv' });
      const opened = await s.handle('project.open', { upload: { name: 'shared.layerlab.json', text: JSON.stringify(project) } });
      if (!opened.ok) throw new Error(opened.error.message);
      const { warnings, project: got } = opened.value as { warnings: string[]; project: Project };
      expect(warnings.join('\n'), e.label).toContain(`dataset file ${e.file}`);
      expect(warnings.join('\n'), e.label).toMatch(/it was not read/);
      expect(refusal(await s.handle('datasets.preview', { dataset: got.dataset }))).toContain(e.file);
      expect(refusal(await s.handle('training.start', { project: got }))).toContain(e.file);
    }
    // One whose dataset is in the workspace opens without a word and previews.
    const { s } = browserSession();
    const ok = await s.handle('project.open', { upload: { name: 'iris.layerlab.json', text: JSON.stringify(irisProject({ file: 'data/iris.csv' })) } });
    expect(ok).toMatchObject({ ok: true, value: { warnings: [] } });
    expect(await s.handle('datasets.preview', { dataset: { file: 'data/iris.csv' } })).toMatchObject({ ok: true, value: { name: 'iris.csv' } });
  }, 60_000);

  it('an upload is stored in the workspace and comes back as a workspace-relative name that reads', async () => {
    const { s } = browserSession();
    const text = await readFile(path.join(import.meta.dirname, '../assets/iris.csv'), 'utf8');
    const r = await s.handle('datasets.import', { upload: { name: 'flowers.csv', text } });
    expect(r).toMatchObject({ ok: true, value: { canceled: false, dataset: { file: 'data/flowers.csv', format: 'csv' }, name: 'flowers.csv' } });
  }, 30_000);
});

describe.skipIf(process.platform === 'win32')('dataset files in Electron: the project folder and the dialog', () => {
  function electronSession(answers: { open?: string; data?: string | null }): Session {
    const dialogs: Dialogs = {
      pickOpenFile: async () => answers.open ?? null,
      pickSaveFile: async (name) => path.join(root, name),
      pickExportDir: async (stem) => path.join(root, stem),
      pickDataFile: async () => answers.data ?? null,
    };
    const s = new Session({ dialogs, templatesDir: TEMPLATES_DIR, pool, emit: () => undefined });
    sessions.push(s);
    return s;
  }

  it("a saved project's relative dataset file resolves against the project's folder; a way out of it is refused", async () => {
    const proj = path.join(root, 'course');
    await mkdir(proj, { recursive: true });
    await writeFile(path.join(proj, 'iris.csv'), await readFile(path.join(import.meta.dirname, '../assets/iris.csv')));
    await writeFile(path.join(proj, 'good.layerlab.json'), JSON.stringify(irisProject({ file: 'iris.csv' })));
    await writeFile(path.join(proj, 'bad.layerlab.json'), JSON.stringify(irisProject({ file: '../private/secret.csv' })));
    const good = electronSession({ open: path.join(proj, 'good.layerlab.json') });
    const opened = await good.handle('project.open', {});
    expect(opened).toMatchObject({ ok: true, value: { warnings: [] } });
    expect(await good.handle('datasets.preview', { dataset: { file: 'iris.csv' } })).toMatchObject({ ok: true, value: { name: 'iris.csv', classCounts: [50, 50, 50] } });
    // The same name means nothing to a session without a document.
    const bare = electronSession({});
    expect(refusal(await bare.handle('datasets.preview', { dataset: { file: 'iris.csv' } }))).toMatch(/iris\.csv: a relative name needs a project folder/);
    expect(refusal(await bare.handle('datasets.preview', { dataset: { file: path.join(proj, 'iris.csv') } }))).toContain(path.join(proj, 'iris.csv'));

    const bad = electronSession({ open: path.join(proj, 'bad.layerlab.json') });
    const badOpen = await bad.handle('project.open', {});
    expect(badOpen.ok && badOpen.value).toMatchObject({ warnings: [expect.stringContaining('dataset file ../private/secret.csv')] });
    expect(refusal(await bad.handle('datasets.preview', { dataset: { file: '../private/secret.csv' } }))).toContain('../private/secret.csv');
  }, 60_000);

  it('a file picked through the dialog may be read this session, wherever it is; other sessions may not; a picked device is refused', async () => {
    const secret = path.join(outside, 'secret.csv');
    const s = electronSession({ data: secret });
    const r = await s.handle('datasets.import', {});
    expect(r).toMatchObject({ ok: true, value: { canceled: false, dataset: { file: secret, format: 'csv' } } });
    expect(await s.handle('datasets.preview', { dataset: { file: secret } })).toMatchObject({ ok: true, value: { name: 'secret.csv' } });
    // Its neighbour was not picked.
    await writeFile(path.join(outside, 'other.csv'), 'a,label\n1,x\n2,y\n3,x\n');
    expect(refusal(await s.handle('datasets.preview', { dataset: { file: path.join(outside, 'other.csv') } }))).toContain('other.csv');
    expect(refusal(await electronSession({}).handle('datasets.preview', { dataset: { file: secret } }))).toContain(secret);
    const dev = await electronSession({ data: '/dev/zero' }).handle('datasets.import', {});
    expect(refusal(dev)).toMatch(/\/dev\/zero: it is in \/dev, a system folder/);
    // A picked link reads its target (the user chose it); a link to a device does not.
    const link = path.join(outside, 'link.csv');
    await symlink(secret, link);
    const viaLink = electronSession({ data: link });
    expect(await viaLink.handle('datasets.import', {})).toMatchObject({ ok: true, value: { dataset: { file: link } } });
    await symlink('/proc/self/environ', path.join(outside, 'environ.csv'));
    expect(refusal(await electronSession({ data: path.join(outside, 'environ.csv') }).handle('datasets.import', {}))).toMatch(/environ\.csv: it is in \/proc/);
  }, 60_000);
});
