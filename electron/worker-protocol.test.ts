// The worker protocol is validated on both ends: the pure parsers, then the real training
// worker (a child process through tsx) answering messages that break it.
import { describe, expect, it } from 'vitest';
import { PROJECT_LIMITS } from '../engine/project/limits.js';
import { tinyProject } from './fixtures.js';
import type { JobWorker } from './job-process.js';
import { startWorker, tsxWorker } from './worker-pool.js';
import { parseFromWorker, parseReply, parseToWorker, workerCommands, workerRequests } from './worker-protocol.js';

function nested(levels: number): unknown {
  let v: unknown = 1;
  for (let i = 0; i < levels; i++) v = { a: v };
  return v;
}

describe('worker protocol: the parsers', () => {
  it('takes every command and request the host sends', () => {
    expect(parseToWorker({ type: 'train', project: tinyProject(), batchEvery: 5 })).toMatchObject({ type: 'train', batchEvery: 5 });
    expect(parseToWorker({ type: 'stop' })).toEqual({ type: 'stop' });
    expect(parseToWorker({ type: 'datasetPreview', requestId: 3, dataset: { id: 'xor' }, samples: 4 })).toEqual({ type: 'datasetPreview', requestId: 3, dataset: { id: 'xor' }, samples: 4 });
    expect(parseToWorker({ type: 'ping', requestId: 0 })).toEqual({ type: 'ping', requestId: 0 });
    // Each table entry is what its type is checked against: one without its fields is refused.
    expect(Object.keys(workerRequests)).toEqual(['evaluate', 'exportTfjs', 'exportOnnx', 'exportPytorch', 'exportKeras', 'inspect', 'ping', 'backends', 'datasetInfo', 'datasetPreview', 'importModel']);
    expect(() => parseToWorker({ type: 'importModel', requestId: 5, file: '/tmp/m/model.json', from: 'model.json' })).toThrowError(/bad 'importModel' request to the training worker: runsDir/);
    expect(parseToWorker({ type: 'exportOnnx', requestId: 4, file: '/tmp/x.onnx' })).toEqual({ type: 'exportOnnx', requestId: 4, file: '/tmp/x.onnx' });
    expect(() => parseToWorker({ type: 'exportOnnx', requestId: 4 })).toThrowError(/bad 'exportOnnx' request to the training worker: file/);
    const parity = { checked: true, ok: true, maxAbsDiff: 6e-8, samples: 4, sameClass: 4, source: 'test split', message: 'predictions match: max |Δ| = 6.0e-8 over 4 samples, same class on 4/4' };
    expect(parseReply('exportOnnx', { bytes: 812, parity })).toEqual({ bytes: 812, parity });
    expect(() => parseReply('exportOnnx', { bytes: 812, parity: { ...parity, ok: 'yes' } })).toThrowError(/bad reply from the training worker to 'exportOnnx': parity\.ok/);
    expect(Object.keys(workerCommands)).toEqual(['train', 'loadRun', 'build', 'stop', 'pause', 'resume', 'step']);
    expect(parseToWorker({ type: 'step' })).toEqual({ type: 'step' });
    expect(parseToWorker({ type: 'train', project: tinyProject(), paused: true })).toMatchObject({ type: 'train', paused: true });
    expect(() => parseToWorker({ type: 'train', project: tinyProject(), paused: 'yes' })).toThrowError(/bad 'train' message to the training worker: paused/);
    expect(parseFromWorker({ type: 'control', paused: true, step: 3, epoch: 1, batch: 3 })).toEqual({ type: 'control', paused: true, step: 3, epoch: 1, batch: 3 });
    expect(() => parseFromWorker({ type: 'control', paused: true, step: -1, epoch: 1, batch: 3 })).toThrowError(/step/);
    expect(() => parseFromWorker({ type: 'view', step: 1, epoch: 1, batch: 1, view: { kind: 'plane' } })).toThrowError(/view\.res/);
    expect(() => parseToWorker({ type: 'exportTfjs', requestId: 1 })).toThrowError(/bad 'exportTfjs' request to the training worker: dir/);
    expect(() => parseToWorker({ type: 'loadRun', runsDir: '/tmp/runs' })).toThrowError(/bad 'loadRun' message to the training worker: runId/);
  });

  it('refuses what breaks it, naming the message and the field', () => {
    expect(() => parseToWorker({ type: 'rm', requestId: 1 })).toThrowError(/unknown message to the training worker: 'rm'/);
    expect(() => parseToWorker(null)).toThrowError(/it has no type/);
    expect(() => parseToWorker({ type: 'evaluate', requestId: 1, split: 'validation' })).toThrowError(/bad 'evaluate' request to the training worker: split/);
    expect(() => parseToWorker({ type: 'datasetInfo', dataset: { id: 'xor' } })).toThrowError(/requestId/);
    const deep = tinyProject();
    deep.graph.nodes[0]!.params.x = nested(PROJECT_LIMITS.paramsDepth + 2);
    expect(() => parseToWorker({ type: 'train', project: deep })).toThrowError(/bad 'train' message to the training worker: project\.graph\.nodes\[0\]\.params\.x(\.a)+: nested more than/);
  });

  it('the host checks each message from the worker, and a reply against what its request answers', () => {
    expect(parseFromWorker({ type: 'reply', requestId: 2, ok: true, value: 'pong' })).toEqual({ type: 'reply', requestId: 2, ok: true, value: 'pong' });
    expect(() => parseFromWorker({ type: 'done', status: 'exploded', hasModel: true })).toThrowError(/bad message from the training worker: status/);
    expect(() => parseFromWorker({ type: 'event', event: { event: 'batch', jobId: 'j' } })).toThrowError(/event\./);
    const parity = { checked: false, ok: false, maxAbsDiff: null, samples: 0, sameClass: null, message: 'not checked' };
    expect(parseReply('exportTfjs', { files: ['model.json'], parity })).toEqual({ files: ['model.json'], parity });
    expect(() => parseReply('exportTfjs', 'model.json')).toThrowError(/bad reply from the training worker to 'exportTfjs'/);
    expect(() => parseReply('datasetInfo', { id: 'xor' })).toThrowError(/to 'datasetInfo': name/);
    expect(() => parseReply('ping', 'pang')).toThrowError(/to 'ping'/);
  });
});

/** The next message from the worker that `pick` accepts. */
function next(w: JobWorker, pick: (m: Record<string, unknown>) => boolean): Promise<Record<string, unknown>> {
  return new Promise((resolve, reject) => {
    w.on('message', (m) => {
      if (pick(m as Record<string, unknown>)) resolve(m as Record<string, unknown>);
    });
    w.on('exit', (code) => reject(new Error(`the worker exited (code ${code}) before answering`)));
  });
}

describe('worker protocol: the training worker validates what it gets', () => {
  it('answers a bad request with an error reply, fails a bad start, and still answers a good request', async () => {
    const w = startWorker(tsxWorker());
    try {
      const bad = next(w, (m) => m.requestId === 7);
      w.postMessage({ type: 'datasetPreview', requestId: 7, dataset: { id: 'xor', options: { x: nested(40) } } });
      const r = await bad;
      expect(r).toMatchObject({ type: 'reply', requestId: 7, ok: false });
      expect(r.message).toMatch(/bad 'datasetPreview' request to the training worker: dataset\.options\.x(\.a)+: nested more than 32 levels/);

      const failed = next(w, (m) => m.type === 'startFailed');
      w.postMessage({ type: 'build', project: { ...tinyProject(), training: { ...tinyProject().training, validationSplit: 1 } } });
      expect((await failed).message).toMatch(/bad 'build' message to the training worker: project\.training\.validationSplit/);

      const pong = next(w, (m) => m.requestId === 8);
      w.postMessage({ type: 'ping', requestId: 8 });
      expect(await pong).toEqual({ type: 'reply', requestId: 8, ok: true, value: 'pong' });
    } finally {
      await w.terminate();
    }
  }, 120_000);
});

describe('the inspect request', () => {
  it("checks a view's params against that view's own schema, by field", () => {
    expect(parseToWorker({ type: 'inspect', requestId: 1, inspect: { view: 'samples', params: { indices: [2] } } })).toMatchObject({ inspect: { view: 'samples', params: { indices: [2], split: 'test', limit: 16 } } });
    expect(() => parseToWorker({ type: 'inspect', requestId: 1, inspect: { view: 'samples', params: { limit: 0 } } })).toThrow(/inspect\.params\.limit/);
    expect(() => parseToWorker({ type: 'inspect', requestId: 1, inspect: { view: 'samples', params: { extra: 1 } } })).toThrow(/extra/);
    expect(() => parseToWorker({ type: 'inspect', requestId: 1, inspect: { view: 'nope', params: {} } })).toThrow(/inspect\.view/);
  });
});
