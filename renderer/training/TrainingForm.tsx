// The project's training section as a form: every change is an undoable edit.
import { useState } from 'react';
import { inBound, TRAINING_BOUNDS as B, type Bound } from '../../engine/project/bounds.js';
import { LOSSES, OPTIMIZERS, type EarlyStoppingConfig, type TrainingConfig } from '../../engine/project/types.js';
import { useApp } from '../app/context.js';
import { Locked } from '../lesson/Locked.js';
import { readLiveViews, writeLiveViews } from '../state/prefs.js';
import { DatasetSelect } from '../data/DatasetSelect.js';
import { useEditorState } from '../state/store.js';
import type { RunSummary } from '../../electron/contract.js';
import { runName } from '../runs/runView.js';

const MONITORS: EarlyStoppingConfig['monitor'][] = ['val_loss', 'loss', 'val_accuracy', 'accuracy'];

/** A number field held to its setting's bound (engine/project/bounds.ts, the one the schema
 *  checks): a value outside it is not taken. `round` makes a whole number of what is typed. */
function NumberField(props: { label: string; name: string; value: number; bound: Bound; round?: boolean; step?: number | 'any'; onChange(v: number): void }) {
  const b = props.bound;
  return (
    <div className="field">
      <label htmlFor={`train-${props.name}`}>{props.label}</label>
      <input
        id={`train-${props.name}`}
        className="input"
        type="number"
        data-training={props.name}
        min={b.min}
        max={b.max}
        step={props.step ?? 'any'}
        value={Number.isFinite(props.value) ? props.value : ''}
        onChange={(e) => {
          const typed = e.target.valueAsNumber;
          const v = props.round ? Math.round(typed) : typed;
          if (inBound(b, v)) props.onChange(v);
        }}
      />
    </div>
  );
}

/** Where a training's start weights come from: a run of this document, or (`documentId`) of
 *  another document this session had open. */
export interface InitChoice {
  runId: string;
  documentId?: string;
}

type Elsewhere = RunSummary & { documentId: string; project: string };

/** The training's start weights: fresh, or a run with weights of this document (or of one
 *  open before in this session). */
export interface StartFrom {
  runs: readonly RunSummary[];
  elsewhere: readonly Elsewhere[];
  value: InitChoice | null;
  onChange(choice: InitChoice | null): void;
}

/** The runs a training may start from: those with saved weights, newest first. */
export function startableRuns(runs: readonly RunSummary[]): RunSummary[] {
  return runs.filter((r) => r.hasModel && r.status !== 'running');
}

/** The choice while it is still offered, else null (fresh weights). */
export function offeredChoice(choice: InitChoice | null, runs: readonly RunSummary[], elsewhere: readonly Elsewhere[]): InitChoice | null {
  if (!choice) return null;
  const ok = choice.documentId ? elsewhere.some((r) => r.id === choice.runId && r.documentId === choice.documentId) : startableRuns(runs).some((r) => r.id === choice.runId);
  return ok ? choice : null;
}

const optionText = (r: RunSummary) =>
  `${runName(r)}${r.test?.accuracy != null ? ` · ${(r.test.accuracy * 100).toFixed(1)} %` : ''}${r.status === 'finished' ? '' : ` (${r.status})`}`;

function StartFromSelect({ startFrom }: { startFrom: StartFrom }) {
  const runs = startableRuns(startFrom.runs);
  const chosen = offeredChoice(startFrom.value, startFrom.runs, startFrom.elsewhere);
  // An option's value: the run id, after its document's id when it is another document's.
  const value = chosen ? (chosen.documentId ? `${chosen.documentId}/${chosen.runId}` : chosen.runId) : '';
  const byProject = new Map<string, Elsewhere[]>();
  for (const r of startFrom.elsewhere) byProject.set(`${r.project}\u0000${r.documentId}`, [...(byProject.get(`${r.project}\u0000${r.documentId}`) ?? []), r]);
  return (
    <div className="field">
      <label htmlFor="train-init-from">Start from</label>
      <select
        id="train-init-from"
        className="select"
        data-field="initFrom"
        value={value}
        onChange={(e) => {
          const [a, b] = e.target.value.split('/');
          startFrom.onChange(!a ? null : b ? { documentId: a, runId: b } : { runId: a });
        }}
      >
        <option value="">Fresh weights</option>
        {runs.length > 0 && (
          <optgroup label="Runs of this project">
            {runs.map((r) => (
              <option key={r.id} value={r.id}>
                {optionText(r)}
              </option>
            ))}
          </optgroup>
        )}
        {[...byProject.values()].map((rs) => (
          <optgroup key={`${rs[0]!.documentId}`} label={`Runs of ${rs[0]!.project} (opened before)`}>
            {rs.map((r) => (
              <option key={r.id} value={`${r.documentId}/${r.id}`}>
                {optionText(r)}
              </option>
            ))}
          </optgroup>
        ))}
      </select>
      {value && <div className="hint">Nodes with the same id and weight shapes take this run's weights; the others start fresh.</div>}
    </div>
  );
}

/** Live views on or off for the next jobs (a page preference, not part of the project). */
function LiveViewsBox() {
  const [on, setOn] = useState(() => readLiveViews(localStorage));
  return (
    <div className="field">
      <label className="check" title="The decision boundary or fitted curve drawn as the job trains, for 2-feature and 1-feature data; off saves some training time">
        <input
          type="checkbox"
          data-field="liveViews"
          checked={on}
          onChange={(e) => {
            writeLiveViews(localStorage, e.target.checked);
            setOn(e.target.checked);
          }}
        />
        Live views while training
      </label>
    </div>
  );
}

export function TrainingForm({ disabled, startFrom }: { disabled: boolean; startFrom?: StartFrom }) {
  const { store } = useApp();
  const project = useEditorState(store, (s) => s.history.present);
  const t = project.training;
  const set = (patch: Partial<TrainingConfig>) => store.dispatch({ type: 'edit', edits: [{ type: 'setTraining', patch }] });
  const es = t.earlyStopping ?? null;

  return (
    <aside className="panel left" aria-label="Training settings">
      <div className="panel-head">Training</div>
      <fieldset className="panel-body" disabled={disabled} style={{ border: 0, margin: 0 }}>
        <Locked control="dataset">
          <DatasetSelect id="train-dataset" />
        </Locked>
        {startFrom && (
          <Locked control="startFrom">
            <StartFromSelect startFrom={startFrom} />
          </Locked>
        )}
        <div className="row2">
          <Locked control="optimizer">
          <div className="field">
            <label htmlFor="train-optimizer">Optimizer</label>
            <select id="train-optimizer" className="select" value={t.optimizer.kind} onChange={(e) => set({ optimizer: { ...t.optimizer, kind: e.target.value as TrainingConfig['optimizer']['kind'] } })}>
              {OPTIMIZERS.map((o) => (
                <option key={o}>{o}</option>
              ))}
            </select>
          </div>
          </Locked>
          <Locked control="learningRate">
            <NumberField label="Learning rate" name="learningRate" value={t.optimizer.learningRate} bound={B.learningRate} onChange={(v) => set({ optimizer: { ...t.optimizer, learningRate: v } })} />
          </Locked>
        </div>
        <Locked control="loss">
        <div className="field">
          <label htmlFor="train-loss">Loss</label>
          <select id="train-loss" className="select" value={t.loss} onChange={(e) => set({ loss: e.target.value as TrainingConfig['loss'] })}>
            {LOSSES.map((l) => (
              <option key={l}>{l}</option>
            ))}
          </select>
        </div>
        </Locked>
        <div className="row2">
          <Locked control="epochs">
            <NumberField label="Epochs" name="epochs" value={t.epochs} bound={B.epochs} round step={1} onChange={(v) => set({ epochs: v })} />
          </Locked>
          <Locked control="batchSize">
            <NumberField label="Batch size" name="batchSize" value={t.batchSize} bound={B.batchSize} round step={1} onChange={(v) => set({ batchSize: v })} />
          </Locked>
        </div>
        <Locked control="validationSplit">
          <NumberField label="Validation split" name="validationSplit" value={t.validationSplit} bound={B.validationSplit} step={0.05} onChange={(v) => set({ validationSplit: v })} />
        </Locked>
        <Locked control="earlyStopping">
        <div className="field">
          <label className="check">
            <input type="checkbox" checked={es !== null} onChange={(e) => set({ earlyStopping: e.target.checked ? { monitor: t.validationSplit > 0 ? 'val_loss' : 'loss', patience: 5, restoreBestWeights: true } : null })} />
            Early stopping
          </label>
        </div>
        {es && (
          <div className="row2">
            <div className="field">
              <label htmlFor="train-monitor">Monitor</label>
              <select id="train-monitor" className="select" value={es.monitor} onChange={(e) => set({ earlyStopping: { ...es, monitor: e.target.value as EarlyStoppingConfig['monitor'] } })}>
                {MONITORS.map((m) => (
                  <option key={m}>{m}</option>
                ))}
              </select>
            </div>
            <NumberField label="Patience" name="patience" value={es.patience} bound={B.patience} round step={1} onChange={(v) => set({ earlyStopping: { ...es, patience: v } })} />
          </div>
        )}
        </Locked>
        <LiveViewsBox />
      </fieldset>
    </aside>
  );
}
