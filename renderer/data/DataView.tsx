// The Data view: choose or import the project's dataset and look at it — size, shapes,
// classes and their balance, sample images or rows, and a scatter plot for 2-D sets.
// Choosing a dataset here is an undoable edit of the project, like the training form's.
import { useRef, useState, type ChangeEvent } from 'react';
import type { DatasetPreviewWire, DatasetSummaryWire } from '../../electron/contract.js';
import { plainShape } from '../../engine/layers/shape-text.js';
import type { DatasetRef } from '../../engine/project/types.js';
import { uploadTooLarge } from '../api/ws-bridge.js';
import { useApp } from '../app/context.js';
import { useEditorState } from '../state/store.js';
import { ClassBalance } from './ClassBalance.js';
import { ColumnTypes } from './ColumnTypes.js';
import { columnChoices, columnFixes, withColumnChoice, type ColumnChoice } from './columnTypes.js';
import { csvHeader, looksLikeHeader } from './csvHeader.js';
import { DatasetPicker } from './DatasetPicker.js';
import { useDatasetShape } from './datasetShape.js';
import { RowTable } from './RowTable.js';
import { SampleGrid } from './SampleGrid.js';
import { ScatterPlot } from './ScatterPlot.js';
import { SequencePlot } from './SequencePlot.js';
import { imageFolderUpload } from './imageFolder.js';
import { IMAGE_SIZES, imageRead, withImageRead } from './imageRead.js';
import { FEATURE_LABELS, ENGINEERED_NAMES, inputOptionEdits, inputOptions, SCALINGS, type InputOptions } from './inputOptions.js';
import { usePreview } from './usePreview.js';
import './data.css';

const shape = plainShape;
const NO_DATASET: DatasetRef = {};
const count = (n: number) => n.toLocaleString('en-US');

function Overview({ p, onUseShape, shapeNote }: { p: DatasetPreviewWire; onUseShape(): void; shapeNote: string | null }) {
  return (
    <div className="dash-card">
      <h3>
        <span data-dataset-name>{p.name}</span>
        <span className="tag">{p.task}</span>
      </h3>
      <p className="insp-doc">{p.description}</p>
      <div className="metric-tiles">
        <div className="tile" data-stat="train">
          <small>Train</small>
          <b>{count(p.counts.train)}</b>
        </div>
        <div className="tile" data-stat="test">
          <small>Test</small>
          <b>{count(p.counts.test)}</b>
        </div>
        <div className="tile" data-stat="input-shape">
          <small>Input shape</small>
          <b>{shape(p.inputShape)}</b>
        </div>
        <div className="tile" data-stat="target-shape">
          <small>Target</small>
          <b>{p.classNames ? `${p.classNames.length} classes` : shape(p.targetShape)}</b>
        </div>
      </div>
      <div className="data-actions">
        <button className="btn" onClick={onUseShape} disabled={shapeNote !== null} title={shapeNote ?? `Set the Input layer's shape to ${shape(p.inputShape)}`} data-action="use-dataset-shape">
          Use dataset shape
        </button>
        <span className="muted">{shapeNote ?? `Input layer ← ${shape(p.inputShape)}`}</span>
      </div>
      <div className="hint">Source: {p.source}</div>
    </div>
  );
}

type Upload = { name: string; text: string };
type Fix = ReturnType<typeof columnFixes>[number];

/** The fixes a loader error proposes, as buttons. */
function FixButtons({ fixes, onFix, again = false, onDismiss }: { fixes: Fix[]; onFix(f: Fix): void; again?: boolean; onDismiss?(): void }) {
  if (!fixes.length && !onDismiss) return null;
  const more = again ? '…' : '';
  return (
    <div className="fix-actions">
      {fixes.map((f) => (
        <button key={`${f.column}:${f.choice}`} className="btn" data-action="column-fix" data-column={f.column} data-choice={f.choice} onClick={() => onFix(f)}>
          {f.choice === 'ignore' ? `Leave “${f.column}” out${more}` : `Read “${f.column}” as ${f.choice}${more}`}
        </button>
      ))}
      {onDismiss && (
        <button className="btn" data-action="dismiss-refused" onClick={onDismiss}>
          Dismiss
        </button>
      )}
    </div>
  );
}

export function DataView({ datasets }: { datasets: DatasetSummaryWire[] }) {
  const { store, api, notify } = useApp();
  const project = useEditorState(store, (s) => s.history.present);
  // A project may name no dataset yet (a graph is checked without one; training asks for one).
  const ref: DatasetRef = project.dataset ?? NO_DATASET;
  const chosen = ref.id !== undefined || ref.file !== undefined;
  const { preview, error, loading, previewOf } = usePreview(api, chosen ? ref : null);
  const [importing, setImporting] = useState(false);
  // Column names per imported file, read from the upload's first line.
  const [columns, setColumns] = useState<Record<string, string[]>>({});
  const fileInput = useRef<HTMLInputElement>(null);

  const setDataset = (dataset: DatasetRef) => store.dispatch({ type: 'edit', edits: [{ type: 'setDataset', dataset }] });
  // A column's type is a dataset option: one undoable edit, and the preview reloads with it.
  const setColumn = (name: string, choice: ColumnChoice | null) => setDataset(withColumnChoice(ref, name, choice));
  const setLabel = (labelColumn: string) => {
    // The new label cannot stay "left out".
    const r = columnChoices(ref)[labelColumn] === 'ignore' ? withColumnChoice(ref, labelColumn, null) : ref;
    setDataset({ ...r, options: { ...r.options, labelColumn } });
  };

  // An import refused for a column's type (a word among numbers): the file, the choices made
  // so far and the loader's message with its fixes, offered as buttons that import again.
  const [refused, setRefused] = useState<{ upload?: Upload; columns: Record<string, ColumnChoice>; error: string } | null>(null);

  const importData = async (upload?: Upload, chosenColumns: Record<string, ColumnChoice> = {}) => {
    if (!api) return;
    setImporting(true);
    try {
      const header = upload ? csvHeader(upload.text) : [];
      const named = looksLikeHeader(header);
      const r = await api.invoke('datasets.import', {
        ...(upload ? { upload } : {}),
        ...(named ? { labelColumn: header.at(-1)! } : {}),
        ...(Object.keys(chosenColumns).length ? { columns: chosenColumns } : {}),
      });
      if (r.canceled) return;
      setRefused(null);
      if (named && r.dataset.file) setColumns((c) => ({ ...c, [r.dataset.file!]: header }));
      setDataset(r.dataset);
      notify({ kind: 'info', text: `Imported ${r.name}` });
    } catch (e) {
      const msg = (e as Error).message;
      if (columnFixes(msg).length) setRefused({ ...(upload ? { upload } : {}), columns: chosenColumns, error: msg });
      else {
        setRefused(null);
        notify({ kind: 'error', text: `Could not import ${upload?.name ?? 'the file'}: ${msg}` });
      }
    } finally {
      setImporting(false);
    }
  };

  const importImages = async (files?: FileList) => {
    if (!api) return;
    setImporting(true);
    try {
      let request: { folder: true } | { images: { name: string; files: { name: string; base64: string }[] } } = { folder: true };
      let skipped = 0;
      if (files) {
        const read = await imageFolderUpload(files);
        if ('error' in read) {
          notify({ kind: 'error', text: read.error });
          return;
        }
        request = { images: read.upload };
        skipped = read.skipped;
      }
      const r = await api.invoke('datasets.import', request);
      if (r.canceled) return;
      setRefused(null);
      setDataset(r.dataset);
      notify({ kind: 'info', text: `Imported the image folder ${r.name}${skipped ? ` (${skipped} file${skipped === 1 ? '' : 's'} left out: not images in a class folder)` : ''}` });
    } catch (e) {
      notify({ kind: 'error', text: `Could not import the image folder: ${(e as Error).message}` });
    } finally {
      setImporting(false);
    }
  };
  const folderInput = useRef<HTMLInputElement>(null);

  const onFile = async (e: ChangeEvent<HTMLInputElement>) => {
    const file = e.target.files?.[0];
    e.target.value = '';
    if (!file) return;
    // Before reading it: the host takes nothing larger, and the page need not hold it.
    const tooLarge = uploadTooLarge(file);
    if (tooLarge) notify({ kind: 'error', text: tooLarge });
    else await importData({ name: file.name, text: await file.text() });
  };

  const useShape = useDatasetShape(preview?.inputShape);
  // The preview on screen may still be the previous dataset's while the next one loads.
  const shown = preview && !error ? preview : null;
  // This file's columns as the loader read them (not the previous dataset's, while loading).
  const fileColumns = ref.file && shown?.id === ref.file ? shown.columns : undefined;
  const fixes = ref.file && error ? columnFixes(error) : [];
  const oneFeature = shown?.inputShape.join() === '1';
  const axes: [string, string] = oneFeature ? [shown?.table?.columns[0] ?? 'x', 'target'] : [shown?.table?.columns[0] ?? 'x1', shown?.table?.columns[1] ?? 'x2'];

  // How an image folder's images are read: under its overview, or alone when it does not load.
  const imageCard = ref.format === 'images' && (
    <div className="dash-card" data-card="image-read">
      <h3>
        Images <span className="muted">how each image of the folder is read: resized to a square, in gray or in colour</span>
      </h3>
      <div className="data-actions">
        <label>
          Size{' '}
          <select className="select" data-image-read="size" value={imageRead(ref).size} onChange={(e) => setDataset(withImageRead(ref, { ...imageRead(ref), size: Number(e.target.value) }))}>
            {IMAGE_SIZES.map((n) => (
              <option key={n} value={n}>
                {n}×{n}
              </option>
            ))}
          </select>
        </label>
        <label>
          Colour{' '}
          <select className="select" data-image-read="channels" value={imageRead(ref).channels} onChange={(e) => setDataset(withImageRead(ref, { ...imageRead(ref), channels: Number(e.target.value) === 3 ? 3 : 1 }))}>
            <option value={1}>grayscale</option>
            <option value={3}>RGB</option>
          </select>
        </label>
      </div>
    </div>
  );

  // Engineered inputs and scaling for tabular data: the dataset's own width is the preview's
  // less the features engineered for that preview (the one on screen may be the last one).
  const tabular = shown && (shown.view === 'points' || shown.view === 'table') && ref.format !== 'images';
  const rawWidth = shown && previewOf ? shown.inputShape.reduce((a, b) => a * b, 1) - inputOptions(previewOf).engineered.length : 0;
  const opts = inputOptions(ref);
  // One undoable edit: the option, and the Input's width with it when it was in step.
  const setInputs = (next: InputOptions) => store.dispatch({ type: 'edit', edits: inputOptionEdits(store.get().history.present, ref, next, rawWidth) });
  const scalingNote = SCALINGS.find((s) => s.id === opts.scaling)!.note;
  const inputsCard = tabular && (
    <div className="dash-card" data-card="inputs">
      <h3>
        Inputs <span className="muted">how the features are prepared before the network sees them</span>
      </h3>
      {rawWidth === 2 && (
        <div className="data-actions" data-inputs="engineered">
          <span>Engineered features</span>
          {ENGINEERED_NAMES.map((f) => (
            <label key={f}>
              <input
                type="checkbox"
                data-engineered={f}
                checked={opts.engineered.includes(f)}
                onChange={(e) => setInputs({ ...opts, engineered: e.target.checked ? [...opts.engineered, f] : opts.engineered.filter((g) => g !== f) })}
              />{' '}
              {FEATURE_LABELS[f]}
            </label>
          ))}
          <span className="muted">
            {opts.engineered.length
              ? `the Input takes ${2 + opts.engineered.length} values: x₁, x₂, ${opts.engineered.map((f) => FEATURE_LABELS[f]).join(', ')}; the boundary is still drawn over the (x₁, x₂) plane`
              : 'added to x₁, x₂, a single neuron can draw a curved boundary (polynomial logistic regression)'}
          </span>
        </div>
      )}
      <div className="data-actions">
        <label>
          Scaling{' '}
          <select className="select" data-inputs="scaling" value={opts.scaling} onChange={(e) => setInputs({ ...opts, scaling: e.target.value as InputOptions['scaling'] })}>
            {SCALINGS.map((s) => (
              <option key={s.id} value={s.id}>
                {s.label}
              </option>
            ))}
          </select>
        </label>
        <span className="muted">
          {scalingNote}
          {opts.scaling !== 'none' && '; fitted on the training split, applied to every split'}
        </span>
      </div>
      {!loading && useShape.note === null && (
        <div className="data-actions" data-inputs="shape">
          <span className="muted">The Input layer does not take {shown && shape(shown.inputShape)} values yet.</span>
          <button className="btn" onClick={useShape.apply} data-action="inputs-use-shape">
            Set the Input to {shown && shape(shown.inputShape)}
          </button>
        </div>
      )}
    </div>
  );

  return (
    <main className="dataview" data-view="data" data-loading={loading || undefined}>
      <DatasetPicker
        datasets={datasets}
        current={ref}
        onPick={(id) => {
          setRefused(null);
          setDataset({ id });
        }}
        onImport={() => (api?.mode === 'electron' ? void importData() : fileInput.current?.click())}
        onImportImages={() => (api?.mode === 'electron' ? void importImages() : folderInput.current?.click())}
        importing={importing}
        columns={ref.file ? (columns[ref.file] ?? fileColumns?.map((c) => c.name) ?? null) : null}
        onLabelColumn={setLabel}
      />
      <section className="dash data-main" data-dataset-id={loading ? undefined : (shown?.id ?? '')}>
        {refused && (
          <div className="fail-box" data-import-refused>
            <b>Not imported.</b> {refused.error}
            <FixButtons
              fixes={columnFixes(refused.error)}
              // Without an upload (Electron) importing again opens the file dialog again.
              again={!refused.upload}
              onFix={(f) => void importData(refused.upload, { ...refused.columns, [f.column]: f.choice })}
              onDismiss={() => setRefused(null)}
            />
          </div>
        )}
        {error && !loading && (
          <div className="fail-box" data-data-error>
            {error}
            <FixButtons fixes={fixes} onFix={(f) => setColumn(f.column, f.choice)} />
          </div>
        )}
        {!shown && imageCard}
        {!shown && !error && chosen && <div className="muted">Loading the dataset…</div>}
        {!chosen && (
          <div className="muted" data-no-dataset>
            No dataset yet: choose one on the left, or import a CSV file or an image folder. The network can be drawn and checked without one; training needs one.
          </div>
        )}
        {shown && (
          <>
            <Overview p={shown} shapeNote={useShape.note} onUseShape={useShape.apply} />
            {imageCard}
            {inputsCard}
            {fileColumns && (
              <div className="dash-card" data-card="columns">
                <h3>
                  Columns <span className="muted">how each column of the file is read; change one to read it differently</span>
                </h3>
                <ColumnTypes columns={fileColumns} choices={columnChoices(ref)} {...(shown.warnings ? { warnings: shown.warnings } : {})} onChoose={setColumn} />
              </div>
            )}
            {shown.classNames && shown.classCounts && (
              <div className="dash-card">
                <h3>
                  Classes <span className="muted">{shown.classNames.length} · examples per class, all splits</span>
                </h3>
                <ClassBalance names={shown.classNames} counts={shown.classCounts} />
              </div>
            )}
            {shown.points && (
              <div className="dash-card">
                <h3>
                  Scatter <span className="muted">{count(shown.points.length)} training points</span>
                </h3>
                <ScatterPlot points={shown.points} classNames={shown.classNames} axes={axes} />
              </div>
            )}
            {shown.images && (
              <div className="dash-card">
                <h3>
                  Samples <span className="muted">the first {shown.images.length} training examples</span>
                </h3>
                <SampleGrid images={shown.images} />
              </div>
            )}
            {shown.view === 'sequence' && shown.table && shown.table.labels.every((l) => !l.includes(',')) && (
              <div className="dash-card">
                <h3>
                  Sequences <span className="muted">the first input windows; the last step is the value to predict</span>
                </h3>
                <SequencePlot rows={shown.table.rows} targets={shown.table.labels} />
              </div>
            )}
            {shown.table && !shown.images && (
              <div className="dash-card">
                <h3>
                  Rows <span className="muted">the first {shown.table.rows.length} training examples, as the network sees them</span>
                </h3>
                <RowTable table={shown.table} labelName={shown.task === 'classification' ? 'label' : 'target'} />
              </div>
            )}
          </>
        )}
      </section>
      <input ref={fileInput} type="file" accept=".csv,.tsv,.txt,text/csv" hidden data-testid="import-data-file" onChange={(e) => void onFile(e)} />
      <input
        ref={(el) => {
          folderInput.current = el;
          // Not in React's typings: the browser's folder picker.
          if (el) el.webkitdirectory = true;
        }}
        type="file"
        multiple
        hidden
        data-testid="import-image-folder"
        onChange={(e) => {
          const files = e.target.files;
          void importImages(files ?? undefined).finally(() => (e.target.value = ''));
        }}
      />
    </main>
  );
}
