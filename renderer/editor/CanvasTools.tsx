// The floating toolbar over the canvas: undo, redo, auto-layout, zoom to fit, the minimap, shortcuts. Names
// and keys come from the action table; only the glyphs are the toolbar's own.
import { actionById, actionTitle, type ActionId } from '../../electron/actions.js';
import { useApp } from '../app/context.js';
import { canRedo, canUndo } from '../state/history.js';
import { useEditorState } from '../state/store.js';

const TOOLS: readonly { id: ActionId; glyph: string; hook?: string }[] = [
  { id: 'edit.undo', glyph: '↶' },
  { id: 'edit.redo', glyph: '↷' },
  // Blocks: group the selected layers (Ctrl+G), ungroup the selected block (Ctrl+Shift+G).
  { id: 'edit.group', glyph: '⊞', hook: 'group' },
  { id: 'edit.ungroup', glyph: '⊟', hook: 'ungroup' },
  { id: 'view.autoLayout', glyph: '⇣' },
  { id: 'view.zoomToFit', glyph: '⤢' },
  { id: 'view.toggleMinimap', glyph: '▣' },
  { id: 'help.shortcuts', glyph: '⌨' },
];

export function CanvasTools({ perform, minimap }: { perform(a: ActionId): void; minimap: boolean }) {
  const { store } = useApp();
  const undoable = useEditorState(store, (s) => canUndo(s.history));
  const redoable = useEditorState(store, (s) => canRedo(s.history));
  const selected = useEditorState(store, (s) => s.selection.nodes.length);
  const inBlock = useEditorState(store, (s) => s.selection.nodes.some((id) => (s.history.present.groups ?? []).some((g) => g.id === id || g.nodes.includes(id))));
  const disabled = (id: ActionId) =>
    id === 'edit.undo' ? !undoable : id === 'edit.redo' ? !redoable : id === 'edit.group' ? selected === 0 : id === 'edit.ungroup' ? !inBlock : false;
  return (
    <div className="canvas-tools" role="toolbar" aria-label="Canvas">
      {TOOLS.map(({ id, glyph, hook }) => (
        <button key={id} data-action={hook} className="btn icon" aria-label={actionById(id).label} title={actionTitle(id)} disabled={disabled(id)} aria-pressed={id === 'view.toggleMinimap' ? minimap : undefined} onClick={() => perform(id)}>
          {glyph}
        </button>
      ))}
    </div>
  );
}
