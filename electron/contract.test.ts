import { describe, expect, it } from 'vitest';
import { ApiError, CHANNELS, channels, events, parseEvent, parseRequest, parseResponse } from './contract.js';
import { tinyProject } from './fixtures.js';

describe('contract', () => {
  it('every channel validates its request and its response, naming the channel', () => {
    expect(CHANNELS).toEqual(
      expect.arrayContaining(['project.new', 'project.open', 'project.save', 'project.saveAs', 'templates.list', 'templates.load',
        'datasets.list', 'training.start', 'training.stop', 'training.pause', 'training.resume', 'training.step', 'training.replay', 'evaluate', 'export', 'backend.info']),
    );
    for (const c of CHANNELS) {
      const name = c.replace('.', '\\.');
      expect(() => parseRequest(c, 42), c).toThrowError(new RegExp(`^bad request on '${name}': \\(root\\)`));
      expect(() => parseResponse(c, 42), c).toThrowError(new RegExp(`^bad response on '${name}': \\(root\\)`));
    }
    expect(Object.keys(events)).toEqual(expect.arrayContaining(['training.event', 'training.view', 'training.control']));
  });

  it('takes a start paused and the job controls, and refuses a control without a job', () => {
    expect(parseRequest('training.start', { project: tinyProject(), paused: true }).paused).toBe(true);
    expect(parseRequest('training.step', { jobId: 'j' })).toEqual({ jobId: 'j' });
    expect(() => parseRequest('training.pause', {})).toThrowError(/jobId/);
    expect(parseEvent('training.control', { jobId: 'j', paused: true, step: 2, epoch: 1, batch: 2 })).toMatchObject({ paused: true, step: 2 });
    expect(() => parseEvent('training.control', { jobId: 'j', paused: true, step: 2.5, epoch: 1, batch: 2 })).toThrowError(/step/);
  });

  it('accepts a valid training.start request', () => {
    const r = parseRequest('training.start', { project: tinyProject() });
    expect(r.project.graph.nodes).toHaveLength(2);
  });

  it('rejects a bad payload with the channel and the JSON path in the message', () => {
    const bad = tinyProject() as unknown as { graph: { nodes: { position: unknown }[] } };
    bad.graph.nodes[1]!.position = { x: 'left', y: 0 };
    expect(() => parseRequest('training.start', { project: bad })).toThrowError(
      /bad request on 'training.start': project.graph.nodes\[1\].position.x/,
    );
    try {
      parseRequest('export', { format: 'caffe', project: tinyProject() });
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(ApiError);
      expect((e as ApiError).code).toBe('invalid');
      expect((e as ApiError).message).toMatch(/format/);
    }
  });

  it('takes an onnx export and carries its parity result back', () => {
    expect(parseRequest('export', { format: 'onnx', project: tinyProject(), runId: '0mifx3k2a-4q9zt1' }).format).toBe('onnx');
    const parity = { checked: true, ok: true, maxAbsDiff: 3.1e-7, samples: 4, sameClass: 4, source: 'test split', message: 'predictions match: max |Δ| = 3.1e-7 over 4 samples, same class on 4/4' };
    const written = { canceled: false, location: '/w/xor.onnx', files: ['xor.onnx'], parity };
    expect(parseResponse('export', written)).toEqual(written);
    expect(() => parseResponse('export', { ...written, parity: { ...parity, samples: 'many' } })).toThrowError(/parity\.samples/);
  });

  it('refuses names that could be paths', () => {
    expect(() => parseRequest('templates.load', { id: '../../etc/passwd' })).toThrowError(/id: .*no path separators/);
    expect(() => parseRequest('project.saveAs', { project: tinyProject(), suggestedName: 'a/b' })).toThrowError(/suggestedName/);
    expect(parseRequest('templates.load', { id: 'xor' }).id).toBe('xor');
  });

  it('validates responses and events on the receiving side', () => {
    expect(parseResponse('training.start', { jobId: 'j1' })).toEqual({ jobId: 'j1' });
    expect(() => parseResponse('training.start', { job: 'j1' })).toThrowError(/jobId/);
    const batch = { event: 'batch', jobId: 'j', epoch: 1, batch: 2, step: 2, metrics: { loss: 0.5 }, imagesPerSec: 100 };
    expect(parseEvent('training.event', batch)).toEqual(batch);
    expect(() => parseEvent('training.event', { ...batch, event: 'exploded' })).toThrowError(/bad event 'training.event'/);
    expect(() => parseEvent('menu.action', { action: 'rm -rf' })).toThrowError(/action/);
  });

  it('validates a training replay: the job, its events with times, nothing else', () => {
    const started = { event: 'started', jobId: 'j', backend: 'cpu', epochs: 1, batchesPerEpoch: 1, trainCount: 4, validationCount: 0, totalParams: 9 };
    const replay = { jobId: 'j', running: true, nowMs: 20, thinned: false, events: [{ atMs: 3, event: started }] };
    expect(parseResponse('training.replay', replay)).toEqual(replay);
    expect(() => parseResponse('training.replay', { ...replay, events: [{ atMs: 3, event: { ...started, event: 'exploded' } }] })).toThrowError(/events\[0\]\.event/);
    expect(() => parseResponse('training.replay', { ...replay, events: [started] })).toThrowError(/atMs/);
    expect(parseRequest('training.replay', {})).toEqual({});
  });
});
