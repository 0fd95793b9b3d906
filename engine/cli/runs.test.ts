// Runs from the command line, as a user drives them: real `node bin/layerlab.mjs` processes
// on a copy of the XOR template in a temp folder (so nothing is recorded beside the
// templates), trained for a few epochs.
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readRun, runsDirFor } from '../runs/store.js';
import { run } from './main.js';
import { layerlabProcess as layerlab, REPO_ROOT as ROOT } from './testkit.js';

/** Commands that train nothing run in this process: the same code, without a process start. */
async function inProcess(...argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await run(argv, { out: (l) => out.push(`${l}\n`), err: (l) => err.push(`${l}\n`) });
  return { code, stdout: out.join(''), stderr: err.join('') };
}

let dir: string;
let xor: string;
let template: Record<string, any>;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'layerlab-cli-runs-'));
  template = JSON.parse(await readFile(join(ROOT, 'templates', 'xor.layerlab.json'), 'utf8'));
  template.training.epochs = 20;
  xor = join(dir, 'xor.layerlab.json');
  await writeFile(xor, JSON.stringify(template));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('train records runs; runs, export and evaluate use them', () => {
  let first = '';

  it('train records a run beside the project and every --json event carries its id', async () => {
    const r = await layerlab('train', xor, '--json', '--label', 'baseline');
    expect(r.code).toBe(0);
    const events = r.stdout.trim().split('\n').map((l) => JSON.parse(l));
    first = events[0].runId;
    expect(first).toMatch(/^[0-9a-z]{9}-[0-9a-z]{6}$/);
    expect(events.every((e) => e.runId === first)).toBe(true);
    expect(events.at(-1)).toMatchObject({ event: 'finished', epochs: 20, run: join(runsDirFor(xor), first) });
    expect(await readdir(runsDirFor(xor))).toEqual([first]);
    const run = await readRun(xor, first);
    expect(run).toMatchObject({ status: 'finished', label: 'baseline', model: { epoch: 20 } });
    expect(run.epochs).toHaveLength(20);
  });

  it('runs --json has exactly the documented shape; the text table says whether each run matches', async () => {
    const second = await layerlab('train', xor);
    expect(second.code).toBe(0);
    expect(second.stdout).toMatch(/^run [0-9a-z]{9}-[0-9a-z]{6} \(/m);
    expect(second.stdout).toMatch(/^recorded run [0-9a-z-]+ in /m);

    const r = await inProcess('runs', xor, '--json');
    expect(r.code).toBe(0);
    const { runs, ...rest } = JSON.parse(r.stdout);
    expect(rest).toEqual({});
    expect(runs).toHaveLength(2);
    for (const row of runs) {
      expect(Object.keys(row)).toEqual(['id', 'label', 'createdAt', 'epochs', 'backend', 'test', 'matchesProject']);
      expect(Object.keys(row.test)).toEqual(['loss', 'accuracy']);
      expect(row).toMatchObject({ epochs: 20, matchesProject: true, test: { loss: expect.any(Number), accuracy: expect.any(Number) } });
    }
    expect(runs[1]).toMatchObject({ id: first, label: 'baseline' });
    expect(runs[0].id > runs[1].id).toBe(true); // newest first

    const text = await inProcess('runs', xor);
    expect(text.stdout).toMatch(new RegExp(`^${first}\\s+baseline\\s+\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d\\s+20/20\\s+finished\\s+\\w+\\s+\\d\\.\\d{4}\\s+\\d\\.\\d{4}\\s+yes$`, 'm'));
  });

  it('export --run writes that run\'s weights; without --run, the newest matching run', async () => {
    const out = join(dir, 'exported');
    const r = await layerlab('export', xor, '--format', 'tfjs', '--out', out, '--run', first);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(`from run ${first} 'baseline' (20 epochs)`);
    const exported = await readFile(join(out, 'weights.bin'));
    expect(exported.equals(await readFile(join(runsDirFor(xor), first, 'model', 'weights.bin')))).toBe(true);

    const { runs } = JSON.parse((await inProcess('runs', xor, '--json')).stdout);
    const dflt = await layerlab('export', xor, '--format', 'tfjs', '--out', join(dir, 'exported2'));
    expect(dflt.code).toBe(0);
    expect(dflt.stdout).toContain(`from run ${runs[0].id}`);
  });

  it('after an edit, evaluate and export stop with an error that says no run matches and lists the runs; --run still works, with a note', async () => {
    const edited = structuredClone(template);
    edited.graph.nodes[1].params.units = 3;
    await writeFile(xor, JSON.stringify(edited));
    const ev = await layerlab('evaluate', xor);
    expect(ev.code).toBe(1);
    expect(ev.stdout).toBe('');
    expect(ev.stderr).toContain(`no run of ${xor} matches the project as it is now`);
    expect(ev.stderr).toMatch(new RegExp(`^ {2}${first}\\s+baseline\\s.*\\sno$`, 'm'));
    const ex = await layerlab('export', xor, '--format', 'tfjs', '--out', join(dir, 'stale'));
    expect(ex.code).toBe(1);
    await expect(readdir(join(dir, 'stale'))).rejects.toThrow(/ENOENT/);

    const byId = await layerlab('evaluate', xor, '--run', first, '--json');
    expect(byId.code).toBe(0);
    expect(JSON.parse(byId.stdout)).toMatchObject({ runId: first, split: 'test', examples: 4 });
    expect(byId.stderr).toContain(`note: run ${first} trained another version of this project`);
    await writeFile(xor, JSON.stringify(template));
  });

  it('a project never trained: a clear error, not a model', async () => {
    const fresh = join(dir, 'fresh.layerlab.json');
    await writeFile(fresh, JSON.stringify(template));
    const r = await layerlab('evaluate', fresh);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`${fresh} has no runs yet`);
  });

  it('runs --label and --delete', async () => {
    const lab = await inProcess('runs', xor, '--label', first, 'lr 0.1');
    expect(lab).toMatchObject({ code: 0, stdout: `run ${first} is labelled 'lr 0.1'\n` });
    expect((await readRun(xor, first)).label).toBe('lr 0.1');
    const del = await inProcess('runs', xor, '--delete', first);
    expect(del.code).toBe(0);
    expect(await readdir(runsDirFor(xor))).not.toContain(first);
    expect((await inProcess('runs', xor, '--delete', first)).stderr).toContain(`no run '${first}'`);
  });
});

describe('search', () => {
  it('runs a grid as recorded trials, ends --json with trials and best, and --apply writes the best values', async () => {
    const file = join(dir, 'search.layerlab.json');
    await writeFile(file, JSON.stringify(template));
    const r = await layerlab('search', file, '--grid', 'hidden.units=2,4', '--grid', 'training.optimizer.learningRate=0.01,0.1', '--epochs', '15', '--parallel', '2', '--json', '--apply');
    expect(r.code).toBe(0);
    const lines = r.stdout.trim().split('\n').map((l) => JSON.parse(l));
    const end = lines.at(-1);
    expect(Object.keys(end)).toEqual(['trials', 'best']);
    expect(end.trials).toHaveLength(4);
    expect(new Set(end.trials.map((t: { params: unknown }) => JSON.stringify(t.params))).size).toBe(4);
    const metrics = end.trials.map((t: { metric: number }) => t.metric);
    expect(metrics).toEqual([...metrics].sort((a, b) => a - b)); // sorted by loss, best first
    expect(end.best).toEqual({ runId: end.trials[0].runId, params: end.trials[0].params, metric: end.trials[0].metric });
    for (const t of end.trials) {
      const run = await readRun(file, t.runId);
      expect(run.search?.params).toEqual(t.params);
      expect(run.epochs).toHaveLength(15);
      expect(run.project.graph.nodes[1]!.params.units).toBe(t.params['hidden.units']);
    }
    const applied = JSON.parse(await readFile(file, 'utf8'));
    expect(applied.graph.nodes[1].params.units).toBe(end.best.params['hidden.units']);
    expect(applied.training.optimizer.learningRate).toBe(end.best.params['training.optimizer.learningRate']);
    expect(applied.training.epochs).toBe(20); // --epochs is for the trials only
  });

  it('--halving trains both trials half the epochs, then the better one all of them', async () => {
    const file = join(dir, 'halving.layerlab.json');
    await writeFile(file, JSON.stringify(template));
    const r = await layerlab('search', file, '--grid', 'training.optimizer.learningRate=0.001,0.1', '--epochs', '10', '--halving', '--json');
    expect(r.code).toBe(0);
    const lines = r.stdout.trim().split('\n').map((l) => JSON.parse(l));
    expect(lines.filter((l) => l.event === 'trial').map((l) => [l.rung, l.epochs])).toEqual([[0, 5], [0, 5], [1, 10]]);
    const end = lines.at(-1);
    expect(end.trials.map((t: { rung: number; epochs: number }) => [t.rung, t.epochs])).toEqual([[1, 10], [0, 5]]);
    expect(end.best.runId).toBe(end.trials[0].runId);
    const best = await readRun(file, end.best.runId);
    expect(best.search).toMatchObject({ params: end.best.params, rung: 1 });
    expect(best.epochs).toHaveLength(10);
  });

  it('an unknown node or parameter is an error naming it; a trial whose graph has errors is skipped with its error', async () => {
    const file = join(dir, 'search2.layerlab.json');
    await writeFile(file, JSON.stringify(template));
    const bad = await inProcess('search', file, '--grid', 'hiden.units=2,4');
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain("'hiden.units': no node 'hiden' in the graph (nodes: in, hidden, out");
    const r = await layerlab('search', file, '--grid', 'hidden.units=2,0', '--epochs', '3', '--json');
    expect(r.code).toBe(0);
    const end = JSON.parse(r.stdout.trim().split('\n').at(-1)!);
    expect(end.trials[1]).toMatchObject({ runId: null, params: { 'hidden.units': 0 }, metric: null, error: expect.stringContaining("'units' must be ≥ 1") });
    expect(r.stderr).toContain('trial 2 (hidden.units=0) skipped');
  });
});
