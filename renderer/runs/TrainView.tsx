// The dashboard view of the open project: the training form, the runs panel, and in the
// middle the live job (when it is this project's), the run ticked in the panel, or the
// comparison of the runs ticked. A job of another project is never drawn here: it goes on,
// and is shown again in the project it was started from.
import { useEffect, useMemo, useState } from 'react';
import type { Evaluation } from '../../electron/contract.js';
import type { LayerLabApi } from '../api/client.js';
import { createRun } from '../charts/run.js';
import { Dashboard } from '../training/Dashboard.js';
import { TrainingForm, type InitChoice } from '../training/TrainingForm.js';
import type { Training } from '../training/useTraining.js';
import { RunCompare } from './RunCompare.js';
import { RunsPanel } from './RunsPanel.js';
import { InspectPanel } from '../views/InspectPanel.js';
import { runName, runViewFromRecord } from './runView.js';
import type { Runs } from './useRuns.js';

const noop = async () => {};

export function TrainView(props: {
  api: LayerLabApi | null;
  training: Training;
  runs: Runs;
  jobHere: boolean;
  /** The name of the project the job was started from (when started from this page). */
  jobProject: string;
  /** The job is this project's, and the graph was edited since it started. */
  staleJob: boolean;
  running: boolean;
  backendLabel: string;
  trainBlocked: string | null;
  /** The run the next training starts from (null: fresh weights). */
  initFrom: InitChoice | null;
  setInitFrom(choice: InitChoice | null): void;
}) {
  const { training, runs, jobHere } = props;
  const list = runs.list;
  const selected = runs.selected;
  const one = selected.length === 1 ? (list?.runs.find((r) => r.id === selected[0]) ?? null) : null;
  // The job's own run ticked: draw it live.
  const oneIsJob = one !== null && jobHere && list?.job?.runId === one.id;
  const record = one && !oneIsJob ? runs.records[one.id] : undefined;

  // A ticked run's evaluation: stored for a finished run, computed from its weights otherwise.
  const [evaluation, setEvaluation] = useState<{ id: string; value: Evaluation | null; error: string | null } | null>(null);
  useEffect(() => {
    if (!props.api || !one || oneIsJob || !one.hasModel || one.status === 'running') return;
    if (evaluation?.id === one.id) return;
    setEvaluation({ id: one.id, value: null, error: null });
    props.api.invoke('evaluate', { runId: one.id }).then(
      (v) => setEvaluation({ id: one.id, value: v, error: null }),
      (e: Error) => setEvaluation({ id: one.id, value: null, error: e.message }),
    );
  }, [props.api, one, oneIsJob, evaluation]);

  const idle = useMemo<Training>(() => ({ run: createRun(), version: 0, evaluation: null, evaluationError: null, start: noop, stop: noop }), []);
  const shown = useMemo<Training>(() => {
    if (one && !oneIsJob) {
      if (!record) return idle;
      const ev = evaluation?.id === one.id ? evaluation : null;
      return { run: runViewFromRecord(record, one.status), version: 1, evaluation: ev?.value ?? null, evaluationError: one.hasModel ? (ev?.error ?? null) : 'this run saved no weights (it ended before its first epoch)', start: noop, stop: noop };
    }
    return jobHere ? training : idle;
  }, [one, oneIsJob, record, evaluation, jobHere, training, idle]);

  // The run to look inside: the one ticked (with weights, not training), else this
  // project's latest job once it has ended with its run recorded.
  const jobRun = jobHere && list?.job && !list.job.running && list.job.runId ? (list.runs.find((r) => r.id === list.job!.runId) ?? null) : null;
  const inspectable = one ? (one.hasModel && one.status !== 'running' ? one : null) : jobRun?.hasModel ? jobRun : null;

  const elsewhere = !jobHere && props.running;
  const live = jobHere && list?.job?.running ? { runId: list.job.runId, epoch: training.run.epoch, epochs: training.run.epochs } : null;

  return (
    <main className="trainview with-runs">
      <TrainingForm disabled={props.running} startFrom={{ runs: list?.runs ?? [], elsewhere: list?.elsewhere ?? [], value: props.initFrom, onChange: props.setInitFrom }} />
      <div className="trainview-center">
        {elsewhere && (
          <div className="diag warning run-banner" role="status" data-job-elsewhere>
            {props.jobProject ? <>A job of another project, <b>{props.jobProject}</b>,</> : 'A job of another project'} is training (epoch {training.run.epoch} of {training.run.epochs || '—'}). It goes on; open that project to see it, or stop it with Stop.
          </div>
        )}
        {props.staleJob && (
          <div className="diag warning run-banner" role="status" data-stale-job>
            This job trains the graph as it was when you pressed Train; your edits since apply to the next run.
          </div>
        )}
        {one && (
          <div className="diag run-banner" data-showing-run={one.id} style={{ background: 'var(--surface-2)' }}>
            Showing run <b>{runName(one)}</b> ({one.status}, {one.epochs} of {one.plannedEpochs} epochs){one.matchesProject ? '' : ' — it trained an older version of this graph'}.
            <button className="btn small" onClick={() => runs.setSelected([])}>
              {jobHere ? 'Back to the latest job' : 'Close'}
            </button>
          </div>
        )}
        {selected.length > 1 && list ? (
          <RunCompare summaries={selected.map((id) => list.runs.find((r) => r.id === id)).filter((r) => r !== undefined)} records={runs.records} />
        ) : (
          <Dashboard training={shown} backendLabel={props.backendLabel} trainBlocked={props.trainBlocked} inspect={props.api && inspectable ? { api: props.api, runId: inspectable.id } : null}>
            {props.api && inspectable && <InspectPanel api={props.api} runId={inspectable.id} runName={runName(inspectable)} hide={!one && training.view && training.view.jobId === training.run.jobId ? ['boundary'] : []} />}
          </Dashboard>
        )}
      </div>
      <RunsPanel runs={runs} live={live} />
    </main>
  );
}
