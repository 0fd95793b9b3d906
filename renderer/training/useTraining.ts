// The one training run the app shows: starts and stops jobs through the API, folds the
// event stream into a RunView and fetches the evaluation when the run ends. On connecting it
// asks the host for the session's latest job (training.replay), so a reloaded page shows the
// run it left, running or ended, and follows it on.
import { useCallback, useEffect, useRef, useState } from 'react';
import type { Evaluation } from '../../electron/contract.js';
import type { Project } from '../../engine/project/types.js';
import type { TrainingEvent } from '../../engine/train/events.js';
import type { LayerLabApi } from '../api/client.js';
import { applyEvent, createRun, type RunView } from '../charts/run.js';
import { isNewer, runFromReplay } from './replay.js';
import type { EventPayload } from '../../electron/contract.js';
import type { ViewWire } from '../../engine/views/wire.js';
import { planeFromWire, type PlaneWire } from '../../engine/views/wire.js';
import { setPlaneShown } from '../views/planeStore.js';

/** The live job's latest view snapshot and where training was when it was taken. */
export interface LiveView {
  jobId: string;
  view: ViewWire;
  step: number;
  epoch: number;
  batch: number;
}

/** Whether the live job waits (Pause, Step) and after how many batches. */
export type ControlView = Omit<EventPayload<'training.control'>, 'jobId'> & { jobId: string };

/** How a start begins: paused (waiting before its first batch), and then one Step at once. */
export interface StartOptions {
  paused?: boolean;
  step?: boolean;
  /** false: the job sends no live views. */
  views?: boolean;
}

const REDRAW_MS = 150;

export interface Training {
  run: RunView;
  /** Changes whenever `run` does (it is mutated in place). */
  version: number;
  evaluation: Evaluation | null;
  evaluationError: string | null;
  /** `initFrom`: a run of the document whose weights the training starts from. */
  start(project: Project, backend?: string, initFrom?: { runId: string; documentId?: string } | null, how?: StartOptions): Promise<void>;
  stop(): Promise<void>;
  /** The live job's latest view (decision boundary, curve and cost surface), when it sends any. */
  view?: LiveView | null;
  /** The live job's pause state, once it paused. */
  control?: ControlView | null;
  pause?(): Promise<void>;
  resume?(): Promise<void>;
  /** Trains exactly one batch of the paused job. */
  step?(): Promise<void>;
}

export interface TrainingOptions {
  /** Called when the page came back to a session whose job still runs (a reload mid-run). */
  onResumed?(run: RunView): void;
}

export function useTraining(api: LayerLabApi | null, opts: TrainingOptions = {}): Training {
  const runRef = useRef<RunView>(createRun());
  /** Counts start() calls, so a replay answered after a new start does not overwrite it. */
  const starts = useRef(0);
  const onResumed = useRef(opts.onResumed);
  onResumed.current = opts.onResumed;
  const [version, setVersion] = useState(0);
  const [evaluation, setEvaluation] = useState<Evaluation | null>(null);
  const [evaluationError, setEvaluationError] = useState<string | null>(null);
  const frame = useRef<number | null>(null);
  const [view, setView] = useState<LiveView | null>(null);
  const [control, setControl] = useState<ControlView | null>(null);

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
    const evaluate = (jobId: string) =>
      api
        .invoke('evaluate', { jobId })
        .then((ev) => setEvaluation(ev))
        .catch((err: Error) => setEvaluationError(err.message));
    const fold = (e: TrainingEvent) => {
      const run = applyEvent(runRef.current, e, performance.now());
      // The first batch is drawn at once (the wait for it is what a person watches); later
      // ones wait for the next redraw.
      if (e.event === 'batch' && run.batches.step.length === 1 && run.jobId === e.jobId) setVersion(run.version);
      else redraw();
      if ((e.event === 'finished' || e.event === 'stopped') && run.jobId === e.jobId) void evaluate(e.jobId);
    };
    // Until the replay answers, events wait: most are in the replay already, and those that
    // are not (they crossed the answer on the wire) are told apart after it.
    let waiting: TrainingEvent[] | null = [];
    let live = true;
    // A view or pause state of another job than the one drawn (an older one) is dropped.
    const mine = (jobId: string) => {
      const run = runRef.current;
      return run.jobId === jobId || (run.jobId === null && run.state === 'running');
    };
    const showView = (v: LiveView) => {
      setView(v);
      if (v.view.kind === 'plane') setPlaneShown({ snapshot: planeFromWire(v.view as PlaneWire), source: v.jobId, step: v.step, epoch: v.epoch });
    };
    const offView = api.on('training.view', (e) => {
      if (mine(e.jobId)) showView(e);
    });
    const offControl = api.on('training.control', (e) => {
      if (mine(e.jobId)) setControl(e);
    });
    const off = api.on('training.event', (e) => {
      if (waiting) waiting.push(e);
      else fold(e);
    });
    const startsBefore = starts.current;
    api
      .invoke('training.replay', {})
      .then((replay) => {
        if (!live || starts.current !== startsBefore) return;
        const run = runFromReplay(replay, performance.now());
        if (!run) return;
        run.version += runRef.current.version + 1;
        runRef.current = run;
        setEvaluation(null);
        setEvaluationError(null);
        redraw();
        if ((run.state === 'finished' || run.state === 'stopped') && run.jobId) void evaluate(run.jobId);
        if (run.state === 'running') onResumed.current?.(run);
        if (replay.jobId && replay.view) showView({ jobId: replay.jobId, ...replay.view });
        if (replay.jobId && replay.control) setControl({ jobId: replay.jobId, ...replay.control });
        waiting = waiting?.filter((e) => isNewer(runRef.current, e)) ?? null;
      })
      .catch(() => undefined)
      .finally(() => {
        const early = waiting ?? [];
        waiting = null;
        if (live) for (const e of early) fold(e);
      });
    return () => {
      live = false;
      off();
      offView();
      offControl();
      if (frame.current !== null) clearTimeout(frame.current);
      frame.current = null;
    };
  }, [api, redraw]);

  const start = useCallback(
    async (project: Project, backend?: string, initFrom?: { runId: string; documentId?: string } | null, how: StartOptions = {}) => {
      if (!api) return;
      starts.current++;
      setView(null);
      setControl(null);
      setPlaneShown(null);
      runRef.current = createRun();
      runRef.current.state = 'running';
      runRef.current.version = version + 1;
      setEvaluation(null);
      setEvaluationError(null);
      redraw();
      try {
        const paused = how.paused || how.step;
        const { jobId } = await api.invoke('training.start', { project, ...(backend && backend !== 'auto' ? { backend } : {}), ...(initFrom ? { initFrom } : {}), ...(paused ? { paused: true } : {}), ...(how.views === false ? { views: false } : {}) });
        // Events may have arrived before the answer; either way this run is this job's.
        if (runRef.current.jobId === null) runRef.current.jobId = jobId;
        // The worker keeps a step that comes while the data still loads.
        if (how.step) await api.invoke('training.step', { jobId });
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

  const control_ = useCallback(
    async (what: 'training.pause' | 'training.resume' | 'training.step') => {
      const jobId = runRef.current.jobId;
      if (!api || !jobId) return;
      await api.invoke(what, { jobId });
    },
    [api],
  );
  const pause = useCallback(() => control_('training.pause'), [control_]);
  const resume = useCallback(() => control_('training.resume'), [control_]);
  const step = useCallback(() => control_('training.step'), [control_]);

  return { run: runRef.current, version, evaluation, evaluationError, start, stop, view, control, pause, resume, step };
}
