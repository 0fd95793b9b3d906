// The one training run the app shows: starts and stops jobs through the API, folds the
// event stream into a RunView and fetches the evaluation when the run ends.
import { useCallback, useEffect, useRef, useState } from 'react';
import type { Evaluation } from '../../electron/contract.js';
import type { Project } from '../../engine/project/types.js';
import type { TrainingEvent } from '../../engine/train/events.js';
import type { LayerLabApi } from '../api/client.js';
import { applyEvent, createRun, type RunView } from '../charts/run.js';

const REDRAW_MS = 150;

export interface Training {
  run: RunView;
  /** Changes whenever `run` does (it is mutated in place). */
  version: number;
  evaluation: Evaluation | null;
  evaluationError: string | null;
  start(project: Project, backend?: string): Promise<void>;
  stop(): Promise<void>;
}

export function useTraining(api: LayerLabApi | null): Training {
  const runRef = useRef<RunView>(createRun());
  const [version, setVersion] = useState(0);
  const [evaluation, setEvaluation] = useState<Evaluation | null>(null);
  const [evaluationError, setEvaluationError] = useState<string | null>(null);
  const frame = useRef<number | null>(null);

  // At most one redraw per REDRAW_MS: batches can arrive by the thousand per second and
  // the charts only need to look live, not to repaint for each one.
  const redraw = useCallback(() => {
    if (frame.current !== null) return;
    frame.current = window.setTimeout(() => {
      frame.current = null;
      setVersion(runRef.current.version);
    }, REDRAW_MS);
  }, []);

  useEffect(() => {
    if (!api) return;
    const off = api.on('training.event', (e) => {
      const run = applyEvent(runRef.current, e as TrainingEvent, performance.now());
      redraw();
      if ((e.event === 'finished' || e.event === 'stopped') && run.jobId === e.jobId) {
        api
          .invoke('evaluate', { jobId: e.jobId })
          .then((ev) => setEvaluation(ev))
          .catch((err: Error) => setEvaluationError(err.message));
      }
    });
    return () => {
      off();
      if (frame.current !== null) clearTimeout(frame.current);
      frame.current = null;
    };
  }, [api, redraw]);

  const start = useCallback(
    async (project: Project, backend?: string) => {
      if (!api) return;
      runRef.current = createRun();
      runRef.current.state = 'running';
      runRef.current.version = version + 1;
      setEvaluation(null);
      setEvaluationError(null);
      redraw();
      try {
        const { jobId } = await api.invoke('training.start', { project, ...(backend && backend !== 'auto' ? { backend } : {}) });
        // Events may have arrived before the answer; either way this run is this job's.
        if (runRef.current.jobId === null) runRef.current.jobId = jobId;
      } catch (err) {
        const run = runRef.current;
        run.state = 'failed';
        run.message = (err as Error).message;
        run.version++;
        redraw();
      }
    },
    [api, redraw, version],
  );

  const stop = useCallback(async () => {
    const jobId = runRef.current.jobId;
    if (!api || !jobId) return;
    await api.invoke('training.stop', { jobId, reason: 'stopped by the user' });
  }, [api]);

  return { run: runRef.current, version, evaluation, evaluationError, start, stop };
}
