// `layerlab adversarial` as a user runs it: the simplified MNIST template trained for one epoch
// by a real process, then its test accuracy on clean digits and on their FGSM versions.
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { layerlabInProcess as layerlab, layerlabProcess, REPO_ROOT } from './testkit.js';

let dir: string;
let mnist: string;
let runId: string;

async function template(name: string, edit: (t: Record<string, any>) => void): Promise<string> {
  const t = JSON.parse(await readFile(join(REPO_ROOT, 'templates', `${name}.layerlab.json`), 'utf8'));
  edit(t);
  const file = join(dir, `${name}.layerlab.json`);
  await writeFile(file, JSON.stringify(t));
  return file;
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'layerlab-adversarial-'));
  mnist = await template('mnist-simplified', (t) => (t.training.epochs = 1));
  const trained = await layerlabProcess('train', mnist, '--json');
  expect(trained.code, trained.stderr).toBe(0);
  runId = JSON.parse(trained.stdout.trim().split('\n')[0]!).runId;
}, 120_000);
afterAll(() => rm(dir, { recursive: true, force: true }));

describe('layerlab adversarial', () => {
  it('prints the clean and the adversarial test accuracy; the clean one is what evaluate measures', async () => {
    const r = await layerlab('adversarial', mnist, '--run', runId, '--epsilon', '0.1', '--json');
    expect(r.code, r.err.join('\n')).toBe(0);
    const got = JSON.parse(r.out[0]!);
    expect(Object.keys(got)).toEqual(['epsilon', 'clean', 'adversarial']);
    expect(got.epsilon).toBe(0.1);
    const ev = await layerlab('evaluate', mnist, '--run', runId, '--json');
    const want = JSON.parse(ev.out[0]!);
    expect(got.clean).toEqual({ accuracy: want.accuracy, samples: want.examples });
    expect(got.clean.accuracy).toBeGreaterThan(0.7);
    // The lecture's point: a step of a tenth of the pixel range, invisible to us, and the
    // network is far worse than it was.
    expect(got.adversarial.accuracy).toBeLessThan(got.clean.accuracy - 0.3);
    expect(got.adversarial.samples).toBe(want.examples);
  });

  it('--limit attacks only the first test images; ε = 0 leaves the accuracy as it was; text output', async () => {
    const z = await layerlab('adversarial', mnist, '--epsilon', '0', '--limit', '200', '--json');
    expect(z.code, z.err.join('\n')).toBe(0);
    const zero = JSON.parse(z.out[0]!);
    expect(zero.clean.samples).toBe(200);
    expect(zero.adversarial.accuracy).toBe(zero.clean.accuracy);

    const t = await layerlab('adversarial', mnist, '--epsilon', '0.05', '--limit', '200');
    expect(t.code, t.err.join('\n')).toBe(0);
    expect(t.out[0]).toBe(`run ${runId}: FGSM at ε = 0.05 on 200 test images of MNIST digits (10,000 real digits)`);
    const pct = (line: string) => Number(/(\d+\.\d\d) %/.exec(line)![1]);
    expect(t.out[1]).toMatch(/^clean accuracy {8}\d+\.\d\d % {2}\(\d+\/200\)$/);
    expect(pct(t.out[1]!)).toBeCloseTo(zero.clean.accuracy * 100, 2);
    expect(pct(t.out[2]!)).toBeLessThanOrEqual(pct(t.out[1]!));
  });

  it('refuses a bad ε, and says why a run on points is not attacked', async () => {
    const none = await layerlab('adversarial', mnist);
    expect(none.code).toBe(2);
    expect(none.err[0]).toContain('missing --epsilon E');
    const neg = await layerlab('adversarial', mnist, '--epsilon', '-0.1');
    expect(neg.code).toBe(2);
    expect(neg.err[0]).toContain("--epsilon must be a number ≥ 0, got '-0.1'");

    const xor = await template('xor', (t) => (t.training.epochs = 2));
    expect((await layerlabProcess('train', xor)).code).toBe(0);
    const r = await layerlab('adversarial', xor, '--epsilon', '0.1');
    expect(r.code).toBe(1);
    expect(r.err[0]).toMatch(/FGSM perturbs pixels: it needs images .*this run's examples are 2 float32 values/);
  });
});
