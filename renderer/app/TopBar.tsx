// The bar across the top: document name and dirty mark, view switch, edit and file
// actions, Train/Stop/Export, the active backend and the theme.
import type { Response } from '../../electron/contract.js';
import { actionById, actionTitle, keysLabel } from '../../electron/actions.js';
import type { MenuAction } from '../../electron/contract.js';
import { useApp } from './context.js';
import { isDirty } from '../state/editor.js';
import { useEditorState } from '../state/store.js';
import { isHidden } from '../../engine/project/lesson.js';
import { useState } from 'react';
import { PopupMenu } from './PopupMenu.js';

export type View = 'editor' | 'data' | 'training' | 'search';
type BackendInfo = Response<'backend.info'>;

export interface TopBarProps {
  view: View;
  setView(v: View): void;
  perform(a: MenuAction): void;
  onTrain(): void;
  onStop(): void;
  /** Pause or Resume the running job; Step trains one batch (before training: starts one paused). */
  onPause(): void;
  onResume(): void;
  onStep(): void;
  paused: boolean;
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
  const [fileMenu, setFileMenu] = useState<{ x: number; y: number } | null>(null);
  const fileAction = (id: MenuAction, label: string) => ({ id, label, hint: keysLabel(actionById(id)) || undefined, run: () => p.perform(id) });

  return (
    <header className="topbar">
      <div className="brand">
        <span className="brand-mark" aria-hidden="true">◆</span>
        <span className="brand-name">LayerLab</span>
      </div>
      <div className="doc-name">
        {/* As wide as the name (within limits), so a short name is never cut to its first letters. */}
        <input aria-label="Project name" title={name} value={name} style={{ width: `${Math.max(10, Math.min(name.length + 2, 36))}ch` }} onChange={(e) => store.dispatch({ type: 'edit', edits: [{ type: 'rename', name: e.target.value }], capture: 'eventually' })} onBlur={() => store.dispatch({ type: 'commit' })} />
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
      {/* On a narrow window New, Open, Save and Export fold into one File menu (CSS shows one of the two). */}
      <div className="toolbar-group file-narrow">
        <button className="btn" aria-haspopup="menu" aria-expanded={fileMenu !== null} onClick={(e) => {
          const r = e.currentTarget.getBoundingClientRect();
          setFileMenu(fileMenu ? null : { x: r.left, y: r.bottom + 4 });
        }}>
          File <span aria-hidden="true">▾</span>
        </button>
        <button className="btn" onClick={() => p.perform('file.openTemplate')}>
          Templates
        </button>
        {fileMenu && (
          <PopupMenu
            label="File"
            at={fileMenu}
            onClose={() => setFileMenu(null)}
            items={[fileAction('file.new', 'New'), fileAction('file.open', 'Open…'), fileAction('file.save', 'Save'), fileAction('file.saveAs', 'Save As…'), ...(isHidden(lesson, 'export') ? [] : [fileAction('file.export', 'Export…')])]}
          />
        )}
      </div>
      <div className="toolbar-group file-wide">
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
        {p.running && p.paused ? (
          <button className="btn" onClick={p.onResume} title="Go on training" aria-label="Resume">
            <span aria-hidden="true">▶</span>
            <span className="btn-label">Resume</span>
          </button>
        ) : (
          <button className="btn" disabled={!p.running} onClick={p.onPause} title="Wait after the batch in progress" aria-label="Pause">
            <span aria-hidden="true">❚❚</span>
            <span className="btn-label">Pause</span>
          </button>
        )}
        <button
          className="btn"
          disabled={p.running ? !p.paused : p.trainBlocked !== null}
          onClick={p.onStep}
          title={p.running ? 'Train exactly one batch, then wait' : 'Start training paused and train one batch'}
          aria-label="Step"
        >
          <span aria-hidden="true">▶❚</span>
          <span className="btn-label">Step</span>
        </button>
        <button className="btn" disabled={!p.running} onClick={p.onStop} title="Stop training" aria-label="Stop">
          <span aria-hidden="true">■</span>
          <span className="btn-label">Stop</span>
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
        {/* Cut short, and left out on narrow windows (the chip's tooltip has it in full), so the bar keeps room for the view tabs. */}
        <span className="chip-device">{p.backend?.active?.device ?? 'starts with training'}</span>
      </span>
      <button className="btn icon ghost" aria-label="Switch theme" title="Light / dark" onClick={() => p.perform('view.toggleTheme')}>
        {p.theme === 'dark' ? '☀' : '☾'}
      </button>
    </header>
  );
}
