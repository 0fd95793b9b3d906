// The bar across the top: document name and dirty mark, view switch, edit and file
// actions, Train/Stop/Export, the active backend and the theme.
import type { Response } from '../../electron/contract.js';
import { actionTitle } from '../../electron/actions.js';
import type { MenuAction } from '../../electron/contract.js';
import { useApp } from './context.js';
import { isDirty } from '../state/editor.js';
import { useEditorState } from '../state/store.js';
import { isHidden } from '../../engine/project/lesson.js';

export type View = 'editor' | 'data' | 'training' | 'search';
type BackendInfo = Response<'backend.info'>;

export interface TopBarProps {
  view: View;
  setView(v: View): void;
  perform(a: MenuAction): void;
  onTrain(): void;
  onStop(): void;
  running: boolean;
  /** Why Train is off (see trainBlock), or null. */
  trainBlocked: string | null;
  backend: BackendInfo | null;
  backendChoice: string;
  setBackendChoice(b: string): void;
  theme: 'light' | 'dark';
}

export function TopBar(p: TopBarProps) {
  const { store } = useApp();
  const name = useEditorState(store, (s) => s.history.present.name);
  const dirty = useEditorState(store, isDirty);
  // A lesson may hide the Data and Search views and Export from the class.
  const lesson = useEditorState(store, (s) => (s.lessonEditing ? undefined : s.history.present.lesson));

  return (
    <header className="topbar">
      <div className="brand">
        <span className="brand-mark">◆</span>LayerLab
      </div>
      <div className="doc-name">
        <input aria-label="Project name" value={name} onChange={(e) => store.dispatch({ type: 'edit', edits: [{ type: 'rename', name: e.target.value }], capture: 'eventually' })} onBlur={() => store.dispatch({ type: 'commit' })} />
        {dirty && <span className="dirty-dot" title="Unsaved changes" data-dirty="true" aria-label="Unsaved changes" />}
      </div>
      <div className="tabs" role="tablist">
        <button className="tab" role="tab" aria-selected={p.view === 'editor'} onClick={() => p.setView('editor')}>
          Editor
        </button>
        {!isHidden(lesson, 'data') && (
          <button className="tab" role="tab" aria-selected={p.view === 'data'} onClick={() => p.setView('data')}>
            Data
          </button>
        )}
        <button className="tab" role="tab" aria-selected={p.view === 'training'} onClick={() => p.setView('training')}>
          Dashboard
        </button>
        {!isHidden(lesson, 'search') && (
          <button className="tab" role="tab" aria-selected={p.view === 'search'} onClick={() => p.setView('search')}>
            Search
          </button>
        )}
      </div>
      <span className="spacer" />
      <div className="toolbar-group">
        <button className="btn" onClick={() => p.perform('file.new')}>
          New
        </button>
        <button className="btn" onClick={() => p.perform('file.open')}>
          Open
        </button>
        <button className="btn" onClick={() => p.perform('file.openTemplate')}>
          Templates
        </button>
        <button className="btn" onClick={() => p.perform('file.save')} title={actionTitle('file.save')}>
          Save
        </button>
        {!isHidden(lesson, 'export') && (
          <button className="btn" onClick={() => p.perform('file.export')}>
            Export
          </button>
        )}
      </div>
      <span className="sep" />
      <div className="toolbar-group">
        <button className="btn primary" disabled={p.running || p.trainBlocked !== null} title={p.trainBlocked ?? 'Train on the dataset'} data-train-blocked={p.trainBlocked ?? undefined} onClick={p.onTrain}>
          <span aria-hidden="true">▶</span>Train
        </button>
        <button className="btn" disabled={!p.running} onClick={p.onStop}>
          <span aria-hidden="true">■</span>Stop
        </button>
      </div>
      <span className="chip" title={p.backend?.backends.map((b) => `${b.name}: ${b.available ? b.device ?? 'available' : b.reason ?? 'unavailable'}`).join('\n')} data-backend={p.backend?.active?.name ?? ''}>
        <span className="dot" style={{ background: p.backend?.active ? 'var(--ok)' : 'var(--text-3)' }} />
        <select aria-label="Backend" value={p.backendChoice} onChange={(e) => p.setBackendChoice(e.target.value)}>
          <option value="auto">auto{p.backend?.active ? ` (${p.backend.active.name})` : ''}</option>
          {p.backend?.backends.map((b) => (
            <option key={b.name} value={b.name} disabled={!b.available}>
              {b.name}
            </option>
          ))}
        </select>
        {/* Cut short on narrow windows (the chip's tooltip has it in full), so the bar keeps room for the view tabs. */}
        <span style={{ maxWidth: 150, overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap' }}>{p.backend?.active?.device ?? 'starts with training'}</span>
      </span>
      <button className="btn icon ghost" aria-label="Switch theme" title="Light / dark" onClick={() => p.perform('view.toggleTheme')}>
        {p.theme === 'dark' ? '☀' : '☾'}
      </button>
    </header>
  );
}
