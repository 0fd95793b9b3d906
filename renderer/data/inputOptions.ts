// How a tabular dataset's inputs are prepared (the loader's options `engineered` and
// `preprocess`, engine/data/load.ts): engineered features appended to a 2-feature set, and
// feature scaling. Chosen in the Data view's "Inputs" card; each change is one undoable edit
// that also keeps the Input layer's width in step when it was in step before.
import type { DatasetRef, Project } from '../../engine/project/types.js';
import { ENGINEERED_NAMES, type EngineeredFeature } from '../../engine/views/engineered.js';
import type { Edit } from '../state/edits.js';
import { inputShapeEdit } from './inputShape.js';

export { ENGINEERED_NAMES };

/** The scalings a tabular set may take ('pixels' is for images), with what each does; the
 *  statistics come from the training split. */
export const SCALINGS = [
  { id: 'none', label: 'none', note: 'the raw values, as the dataset stores them' },
  // The engine's 'scale' divides by the range without shifting (engine/data/preprocess.ts).
  { id: 'scale', label: 'feature scaling (÷ range)', note: 'x / (max − min): every feature spans a range of 1' },
  { id: 'meanNorm', label: 'mean normalisation', note: '(x − mean) / (max − min): centred on 0, range about 1' },
  { id: 'standardize', label: 'standardise', note: '(x − mean) / standard deviation: mean 0, spread 1' },
] as const;
export type Scaling = (typeof SCALINGS)[number]['id'];

export const FEATURE_LABELS: Record<EngineeredFeature, string> = {
  'x1^2': 'x₁²',
  'x2^2': 'x₂²',
  'x1*x2': 'x₁·x₂',
  'sin(x1)': 'sin(x₁)',
  'sin(x2)': 'sin(x₂)',
};

export interface InputOptions {
  engineered: EngineeredFeature[];
  scaling: Scaling;
}

/** The options `ref` asks for; the loader's defaults (none engineered, no scaling) where it names none. */
export function inputOptions(ref: DatasetRef): InputOptions {
  const o = ref.options ?? {};
  const engineered = Array.isArray(o.engineered) ? ENGINEERED_NAMES.filter((n) => (o.engineered as unknown[]).includes(n)) : [];
  const scaling = SCALINGS.find((s) => s.id === o.preprocess)?.id ?? 'none';
  return { engineered, scaling };
}

/** `ref` with `opts`; the defaults are left unsaid, engineered features kept in a fixed order. */
export function withInputOptions(ref: DatasetRef, opts: InputOptions): DatasetRef {
  const { engineered: _e, preprocess: _p, ...rest } = ref.options ?? {};
  const engineered = ENGINEERED_NAMES.filter((n) => opts.engineered.includes(n));
  const options = { ...rest, ...(engineered.length ? { engineered } : {}), ...(opts.scaling !== 'none' ? { preprocess: opts.scaling } : {}) };
  const { options: _o, ...bare } = ref;
  return Object.keys(options).length ? { ...bare, options } : bare;
}

/**
 * The edits for choosing `opts`: the dataset, and — when the project's one Input had the
 * width of the inputs before (2 + the features then engineered) — the Input's new width, so
 * that adding x₁² does not leave the network checked wrong. `rawWidth`: the dataset's own
 * feature count, before engineering.
 */
export function inputOptionEdits(project: Project, ref: DatasetRef, opts: InputOptions, rawWidth: number): Edit[] {
  const next = withInputOptions(ref, opts);
  const edits: Edit[] = [{ type: 'setDataset', dataset: next }];
  const before = rawWidth + inputOptions(ref).engineered.length;
  const after = rawWidth + inputOptions(next).engineered.length;
  if (before === after) return edits;
  const was = inputShapeEdit(project, [before]);
  if (!was.ok || !was.same) return edits;
  const r = inputShapeEdit(project, [after]);
  if (r.ok) edits.push(r.edit);
  return edits;
}
