// The floating toolbar over the canvas: undo, redo, auto-layout, zoom to fit.
import type { MenuAction } from '../../electron/contract.js';
import { useApp } from '../app/context.js';
import { canRedo, canUndo } from '../state/history.js';
import { useEditorState } from '../state/store.js';

export function CanvasTools({ perform }: { perform(a: MenuAction): void }) {
  const { store } = useApp();
  const undoable = useEditorState(store, (s) => canUndo(s.history));
  const redoable = useEditorState(store, (s) => canRedo(s.history));
  return (
    <div className="canvas-tools" role="toolbar" aria-label="Canvas">
      <button className="btn icon" aria-label="Undo" title="Undo (Ctrl+Z)" disabled={!undoable} onClick={() => perform('edit.undo')}>
        ↶
      </button>
      <button className="btn icon" aria-label="Redo" title="Redo (Ctrl+Shift+Z)" disabled={!redoable} onClick={() => perform('edit.redo')}>
        ↷
      </button>
      <button className="btn icon" aria-label="Auto-layout" title="Auto-layout (Ctrl+L)" onClick={() => perform('view.autoLayout')}>
        ⇣
      </button>
      <button className="btn icon" aria-label="Zoom to fit" title="Zoom to fit (Shift+1)" onClick={() => perform('view.zoomToFit')}>
        ⤢
      </button>
      <button className="btn icon" aria-label="Keyboard shortcuts" title="Keyboard shortcuts" onClick={() => perform('help.shortcuts')}>
        ⌨
      </button>
    </div>
  );
}
