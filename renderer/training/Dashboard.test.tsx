// The dashboard rendered to markup (react-dom/server, no browser): a run's warnings are
// shown to the user as they come, beside the progress.
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { applyEvent, createRun } from '../charts/run.js';
import { Dashboard } from './Dashboard.js';
import type { Training } from './useTraining.js';

const training = (run: ReturnType<typeof createRun>): Training => ({
  run,
  version: run.version,
  evaluation: null,
  evaluationError: null,
  start: async () => undefined,
  stop: async () => undefined,
});

describe('Dashboard', () => {
  it('shows each training warning', () => {
    const run = applyEvent(createRun(), { event: 'started', jobId: 'j', backend: 'cpu', epochs: 30, batchesPerEpoch: 1, trainCount: 4, validationCount: 0, totalParams: 9 }, 0);
    applyEvent(run, { event: 'warning', jobId: 'j', code: 'batch-size', message: 'batch size 64 is larger than the 4 training examples' }, 1);
    applyEvent(run, { event: 'warning', jobId: 'j', code: 'loss-stuck', message: 'the loss has not changed for 5 epochs (7.9712) at learning rate 1e6', epoch: 7 }, 2);
    const html = renderToStaticMarkup(<Dashboard training={training(run)} backendLabel="cpu" trainBlocked={null} />);
    const shown = [...html.matchAll(/<div class="diag warning"[^>]*data-training-warning="true"[^>]*>([^<]*)<\/div>/g)].map((m) => m[1]);
    expect(shown).toEqual(['batch size 64 is larger than the 4 training examples', 'the loss has not changed for 5 epochs (7.9712) at learning rate 1e6']);
  });

  it('shows none for a run without warnings', () => {
    const html = renderToStaticMarkup(<Dashboard training={training(createRun())} backendLabel="cpu" trainBlocked={null} />);
    expect(html).not.toContain('data-training-warning');
  });
});
