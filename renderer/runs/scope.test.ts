import { describe, expect, it } from 'vitest';
import type { Response, RunSummary } from '../../electron/contract.js';
import { jobIsHere, staleJobRun, targetRun } from './scope.js';

const summary = (id: string, over: Partial<RunSummary> = {}): RunSummary => ({
  id, label: '', createdAt: '2026-12-03T17:00:00.000Z', status: 'finished', epochs: 5, plannedEpochs: 5,
  backend: { name: 'cpu', device: 'CPU' }, test: { loss: 0.1, accuracy: 1 }, matchesProject: true, hasModel: true, ...over,
});
const list = (documentId: string, runs: RunSummary[], job: Response<'runs.list'>['job'] = null): Response<'runs.list'> => ({ documentId, runs, warnings: [], job });

describe('run scope', () => {
  it('shows a job only in the document it belongs to', () => {
    const running = { state: 'running' as const, jobId: 'j1' };
    expect(jobIsHere(running, list('dA', [], { jobId: 'j1', runId: null, running: true }), null)).toBe(true);
    // Another template open: the host lists no job, and it was not started here.
    expect(jobIsHere(running, list('dB', []), 'dA')).toBe(false);
    // Just started here, before the host's next answer names the job.
    expect(jobIsHere({ state: 'running', jobId: null }, list('dA', []), 'dA')).toBe(true);
    expect(jobIsHere({ state: 'idle', jobId: null }, list('dA', []), 'dA')).toBe(false);
  });

  it('acts on the ticked run, else the ended job of this project', () => {
    const l = list('dA', [summary('r2'), summary('r1')], { jobId: 'j', runId: 'r2', running: false });
    expect(targetRun(l, ['r1'], true)?.id).toBe('r1');
    expect(targetRun(l, [], true)?.id).toBe('r2');
    expect(targetRun(l, [], false)).toBeNull();
    expect(targetRun(l, ['r1', 'r2'], true)).toBeNull();
    expect(targetRun({ ...l, job: { jobId: 'j', runId: 'r2', running: true } }, [], true)).toBeNull();
  });

  it('flags a running job whose project was edited since', () => {
    const l = list('dA', [summary('r2', { status: 'running', matchesProject: false })], { jobId: 'j', runId: 'r2', running: true });
    expect(staleJobRun(l, true)?.id).toBe('r2');
    expect(staleJobRun(l, false)).toBeNull();
    expect(staleJobRun({ ...l, runs: [summary('r2', { status: 'running' })] }, true)).toBeNull();
  });
});
