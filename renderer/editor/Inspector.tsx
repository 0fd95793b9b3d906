// The inspector, generated from the selected layer's parameter schema: basic parameters
// first, advanced ones folded away, the checker's messages for this node on top. An Input
// node also chooses the project's dataset and offers the Data view's "Use dataset shape".
import { getKind, isInputKind } from '../../engine/layers/registry.js';
import { formatShape } from '../../engine/layers/shape.js';
import { useApp } from '../app/context.js';
import { useDatasetInfo } from '../app/datasetInfo.js';
import { DatasetSelect } from '../data/DatasetSelect.js';
import { shapeText, useDatasetShape } from '../data/datasetShape.js';
import { useEditorState } from '../state/store.js';
import { formatCount } from '../state/summary.js';
import { categoryColor } from '../styles/categories.js';
import { diagnosticsByNode } from './diagnostics.js';
import { ParamField } from './ParamField.js';
import { BlockInspector } from './BlockInspector.js';
import { FixButton } from './Problems.js';
import { announce, requestConnect } from './a11y.js';
import { focusNode } from './CanvasA11y.js';
import { plainShape } from '../../engine/layers/shape-text.js';

export function Inspector() {
  const { store, report } = useApp();
  const project = useEditorState(store, (s) => s.history.present);
  const selection = useEditorState(store, (s) => s.selection);

  const block = selection.nodes.length === 1 ? project.groups?.find((g) => g.id === selection.nodes[0]) : undefined;
  if (block) return <BlockInspector group={block} />;
  if (selection.nodes.length !== 1) {
    return (
      <div className="muted" style={{ paddingTop: 8 }}>
        {selection.nodes.length > 1 ? `${selection.nodes.length} layers selected.` : 'Select a layer to edit its parameters.'}
        <GraphDiagnostics />
      </div>
    );
  }
  const node = project.graph.nodes.find((n) => n.id === selection.nodes[0]);
  if (!node) return null;
  const kind = getKind(node.kind);
  const diag = diagnosticsByNode(report)(node.id);
  const nodeReport = report.nodes.find((n) => n.id === node.id);
  const issuesFor = (param: string) => diag.errors.filter((d) => d.param === param).map((d) => d.message);
  const general = [...diag.errors.filter((d) => !d.param || !kind?.params[d.param]), ...diag.warnings];

  const field = (name: string) => {
    const spec = kind!.params[name]!;
    return (
      <ParamField
        key={`${node.id}.${name}`}
        name={name}
        spec={spec}
        value={node.params[name]}
        issues={issuesFor(name)}
        onChange={(value, transient) =>
          store.dispatch({ type: 'edit', edits: [{ type: 'setParam', nodeId: node.id, param: name, value }], capture: transient ? 'eventually' : 'immediately' })
        }
        onCommit={() => store.dispatch({ type: 'commit' })}
      />
    );
  };

  const names = kind ? Object.keys(kind.params) : [];
  const basic = names.filter((n) => !kind!.params[n]!.advanced);
  const advanced = names.filter((n) => kind!.params[n]!.advanced);

  return (
    <div data-inspector={node.id}>
      <div className="insp-title">
        <span style={{ width: 10, height: 10, borderRadius: 3, background: categoryColor(kind?.category) }} />
        <span className="kind">{node.kind}</span>
        <span className="muted" style={{ fontFamily: 'var(--mono)' }}>
          {node.id}
        </span>
      </div>
      <p className="insp-doc">{kind?.doc ?? `Unknown layer kind '${node.kind}'.`}</p>
      {nodeReport && (
        <div className="row2" style={{ marginBottom: 12 }}>
          <div className="tile">
            <small>Output</small>
            <b style={{ fontSize: 13, fontFamily: 'var(--mono)' }}>{nodeReport.outputShape ? formatShape(nodeReport.outputShape.slice(1)) : '—'}</b>
          </div>
          <div className="tile">
            <small>Params</small>
            <b style={{ fontSize: 13 }}>{formatCount(nodeReport.params)}</b>
          </div>
        </div>
      )}
      <NodeEdges nodeId={node.id} />
      {general.map((d, i) => (
        <div key={i} className={`diag ${d.severity}`} role={d.severity === 'error' ? 'alert' : undefined}>
          <span className="diag-text">{d.message}</span>
          <FixButton d={d} />
        </div>
      ))}
      {basic.map(field)}
      {(nodeReport?.params ?? 0) > 0 && <TrainableField nodeId={node.id} frozen={node.trainable === false} />}
      {isInputKind(node.kind) && (
        <div className="input-data" data-input-dataset>
          <DatasetSelect id={`dataset-${node.id}`} hint={false} />
          <UseDatasetShape nodeId={node.id} />
        </div>
      )}
      {advanced.length > 0 && (
        <details className="advanced">
          <summary>Advanced ({advanced.length})</summary>
          {advanced.map(field)}
        </details>
      )}
    </div>
  );
}

/** The node's connections, each removable, and "Connect to…": edges without a mouse. */
function NodeEdges({ nodeId }: { nodeId: string }) {
  const { store } = useApp();
  const edges = useEditorState(store, (s) => s.history.present.graph.edges);
  const incoming = edges.filter((e) => e.target === nodeId);
  const outgoing = edges.filter((e) => e.source === nodeId);
  const remove = (id: string, source: string, target: string) => {
    store.dispatch({ type: 'edit', edits: [{ type: 'remove', nodeIds: [], edgeIds: [id] }] });
    announce(`Removed the connection from ${source} to ${target}`);
  };
  const row = (id: string, source: string, target: string, other: string, dir: string) => (
    <li key={id} data-edge={`${source}->${target}`}>
      <span>
        {dir} {other}
      </span>
      <button className="btn ghost icon" aria-label={`Remove the connection from ${source} to ${target}`} title="Remove this connection" onClick={() => remove(id, source, target)}>
        ×
      </button>
    </li>
  );
  return (
    <div className="insp-edges" data-inspector-edges>
      <small className="insp-edges-head">Connections</small>
      {(incoming.length > 0 || outgoing.length > 0) && (
        <ul aria-label={`Connections of ${nodeId}`}>
          {incoming.map((e) => row(e.id, e.source, e.target, e.source, 'from'))}
          {outgoing.map((e) => row(e.id, e.source, e.target, e.target, 'to'))}
        </ul>
      )}
      <button
        className="btn"
        data-action="connect-to"
        title="Connect this layer's output to another layer (key: C on the node)"
        onClick={() => {
          focusNode(nodeId);
          requestConnect(nodeId);
        }}
      >
        Connect to…
      </button>
    </div>
  );
}

/** Freezes the layer's weights (transfer learning: a body kept, a new head trained). */
function TrainableField({ nodeId, frozen }: { nodeId: string; frozen: boolean }) {
  const { store } = useApp();
  const id = `trainable-${nodeId}`;
  return (
    <div className="field" data-trainable-field>
      <label className="check" htmlFor={id}>
        <input id={id} type="checkbox" data-param="trainable" checked={!frozen} onChange={(e) => store.dispatch({ type: 'edit', edits: [{ type: 'setTrainable', nodeId, trainable: e.target.checked }] })} />
        Trainable
      </label>
      {frozen && <div className="hint">Frozen: training leaves this layer's weights as they are (imported or from the run it starts from).</div>}
    </div>
  );
}

/** "Use dataset shape (28×28×1)" for an Input node, or the reason it cannot apply. */
function UseDatasetShape({ nodeId }: { nodeId: string }) {
  const { store, api } = useApp();
  const dataset = useEditorState(store, (s) => s.history.present.dataset);
  const shape = useDatasetInfo(api, dataset)?.inputShape;
  const { note, apply } = useDatasetShape(shape, nodeId);
  return (
    <div className="field" data-dataset-shape>
      <button className="btn" onClick={apply} disabled={note !== null} data-action="use-dataset-shape" title={shape ? `Set this layer's shape to ${plainShape(shape)}` : undefined}>
        Use dataset shape{shape ? ` (${shapeText(shape)})` : ''}
      </button>
      {note && <div className="hint">{note}</div>}
    </div>
  );
}

/** Whole-graph problems (no inputs, a cycle, loss vs. output) shown when nothing is selected. */
function GraphDiagnostics() {
  const { report, store } = useApp();
  const empty = useEditorState(store, (s) => s.history.present.graph.nodes.length === 0);
  // An empty canvas explains itself; "the network is empty" would only shout.
  const list = empty ? [] : [...report.errors, ...report.warnings];
  if (!list.length) return null;
  return (
    <div style={{ marginTop: 12 }}>
      {list.map((d, i) => (
        <div key={i} className={`diag ${d.severity}`}>
          <span className="diag-text">
            {d.nodeId ? (
              <button onClick={() => store.dispatch({ type: 'select', selection: { nodes: [d.nodeId!], edges: [] } })}>{d.nodeId}</button>
            ) : null}
            {d.nodeId ? ': ' : ''}
            {d.message}
          </span>
          <FixButton d={d} />
        </div>
      ))}
    </div>
  );
}
