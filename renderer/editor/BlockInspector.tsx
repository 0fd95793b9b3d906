// The inspector of a selected block: its name (editable), output shape and parameters, its
// layers (each selects itself), the errors inside it, and what can be done with it: collapse
// or expand, ungroup, save to "My blocks", detach from its linked instances.
import { formatShape } from '../../engine/layers/shape.js';
import type { Group } from '../../engine/project/types.js';
import { useApp } from '../app/context.js';
import { blockFileOf } from '../state/library.js';
import { useEditorState } from '../state/store.js';
import { formatCount } from '../state/summary.js';
import { summarizeBlock } from './blockView.js';
import { libraryChanged } from './useLibrary.js';

export function BlockInspector({ group }: { group: Group }) {
  const { store, report, api, notify } = useApp();
  const project = useEditorState(store, (s) => s.history.present);
  const b = summarizeBlock(project.graph, group, report, project.groups ?? []);
  const kindOf = new Map(project.graph.nodes.map((n) => [n.id, n.kind]));
  const instances = group.link ? (project.groups ?? []).filter((g) => g.link === group.link).length : 0;
  const edit = (patch: Parameters<typeof setPatch>[0], transient = false) => setPatch(patch, transient);
  function setPatch(patch: { name?: string; collapsed?: boolean; link?: null }, transient: boolean) {
    store.dispatch({ type: 'edit', edits: [{ type: 'setGroup', groupId: group.id, patch }], capture: transient ? 'eventually' : 'immediately' });
  }
  const save = async () => {
    const file = blockFileOf(project, group.id);
    if (!file || !api) return notify({ kind: 'error', text: 'Not connected to the LayerLab host: the block cannot be saved.' });
    try {
      const r = await api.invoke('blocks.save', { block: file });
      libraryChanged();
      notify({ kind: 'info', text: `Saved “${file.name}” to My blocks (${r.id}).` });
    } catch (e) {
      notify({ kind: 'error', text: `Could not save the block: ${(e as Error).message}` });
    }
  };
  return (
    <div data-inspector={group.id} data-block-inspector>
      <div className="insp-title">
        <span style={{ width: 10, height: 10, borderRadius: 3, background: 'var(--accent)' }} />
        <span className="kind">Block</span>
        <span className="muted" style={{ fontFamily: 'var(--mono)' }}>
          {group.id}
        </span>
      </div>
      <div className="field">
        <label htmlFor="block-name">Name</label>
        <input
          id="block-name"
          key={group.id}
          className="input"
          data-field="block-name"
          defaultValue={group.name}
          onChange={(e) => e.target.value.trim() && edit({ name: e.target.value }, true)}
          onBlur={() => store.dispatch({ type: 'commit' })}
        />
      </div>
      <div className="row2" style={{ marginBottom: 12 }}>
        <div className="tile">
          <small>Output</small>
          <b style={{ fontSize: 13, fontFamily: 'var(--mono)' }}>{b.outputs.map((o) => (o.shape ? formatShape(o.shape.slice(1)) : '—')).join(' · ') || '—'}</b>
        </div>
        <div className="tile">
          <small>Params</small>
          <b style={{ fontSize: 13 }}>{formatCount(b.params)}</b>
        </div>
      </div>
      <div className="block-actions" style={{ display: 'flex', flexWrap: 'wrap', gap: 6, marginBottom: 12 }}>
        <button className="btn" data-action={group.collapsed ? 'expand' : 'collapse'} onClick={() => edit({ collapsed: !group.collapsed })}>
          {group.collapsed ? 'Expand' : 'Collapse'}
        </button>
        <button className="btn" onClick={() => store.dispatch({ type: 'edit', edits: [{ type: 'ungroup', groupId: group.id }] })}>
          Ungroup
        </button>
        <button className="btn primary" data-action="save-block" onClick={() => void save()} title="Keep this block in My blocks, to drop into any project">
          Save to My blocks
        </button>
        {b.linked && (
          <button className="btn" data-action="detach" onClick={() => edit({ link: null })} title="Edits to this block stop reaching its other copies">
            Detach
          </button>
        )}
      </div>
      {b.linked && (
        <p className="muted" data-linked-note>
          Linked with {instances - 1} other {instances - 1 === 1 ? 'copy' : 'copies'}: a parameter changed here changes in every copy.
        </p>
      )}
      {b.errors.length > 0 && (
        <div className="err-text" style={{ margin: '0 0 12px' }}>
          {b.errors.map((e, i) => (
            <div key={i}>{e.message}</div>
          ))}
        </div>
      )}
      <div className="pal-cat">Layers</div>
      <ul className="block-members" style={{ listStyle: 'none', padding: 0, margin: 0 }}>
        {group.nodes.map((id) => (
          <li key={id}>
            <button
              className="btn ghost"
              style={{ width: '100%', justifyContent: 'flex-start', fontFamily: 'var(--mono)' }}
              onClick={() => {
                // A layer hidden in a collapsed block shows again to be edited.
                if (group.collapsed) edit({ collapsed: false });
                store.dispatch({ type: 'select', selection: { nodes: [id], edges: [] } });
              }}
            >
              {kindOf.get(id)} {id}
            </button>
          </li>
        ))}
      </ul>
    </div>
  );
}
