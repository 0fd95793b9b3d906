// The canvas's context menu (right click, the Menu key or Shift+F10): on a node, an edge or the
// empty canvas. Its items run the same actions as the menus and keys (useCommands) and the
// same edits (edits.ts); "Add a layer here" opens a small kind picker and places the layer at
// the click.
import { useEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { actionById, keysLabel, type ActionId } from '../../electron/actions.js';
import type { Diagnostic } from '../../engine/check/types.js';
import { PopupMenu, type MenuItem } from '../app/PopupMenu.js';
import type { XY } from '../state/edits.js';
import { filterCatalog } from './catalog.js';
import { fixText } from './fixText.js';

export type CanvasMenuTarget =
  | { on: 'node'; id: string }
  | { on: 'edge'; id: string }
  | { on: 'pane' };

export interface CanvasMenuState {
  target: CanvasMenuTarget;
  /** Where it opens, in window pixels. */
  screen: XY;
  /** The same point on the canvas, in flow coordinates: where "Add a layer here" puts it. */
  flow: XY;
}

export interface CanvasMenuProps {
  state: CanvasMenuState;
  /** Nodes selected (the menu's node is among them). */
  selectedNodes: number;
  canPaste: boolean;
  /** The node's first diagnostic that carries a fix, if any. */
  fixable?: Diagnostic;
  /** The node is a block or inside one (Ungroup applies). */
  inBlock?: boolean;
  perform(a: ActionId): void;
  applyFix(d: Diagnostic): void;
  addLayer(kind: string, at: XY): void;
  /** Pastes with the copied nodes' top-left corner at a canvas point. */
  pasteAt(at: XY): void;
  onClose(): void;
}

function action(id: ActionId, perform: (a: ActionId) => void, extra: Partial<MenuItem> = {}): MenuItem {
  const a = actionById(id);
  return { id, label: a.label, hint: keysLabel(a) || undefined, run: () => perform(id), ...extra };
}

export function CanvasMenu(p: CanvasMenuProps) {
  const [picking, setPicking] = useState(false);
  const { target } = p.state;
  const items: MenuItem[] = [];
  if (target.on === 'node') {
    items.push(action('edit.cut', p.perform), action('edit.copy', p.perform), action('edit.paste', p.perform, { disabled: !p.canPaste }), action('edit.duplicate', p.perform));
    if (p.fixable?.fix) {
      const d = p.fixable;
      items.push({ id: 'fix', label: `Fix: ${fixText(d.fix!)}`, separated: true, run: () => p.applyFix(d) });
    }
    items.push(action('edit.group', p.perform, { separated: true }));
    if (p.inBlock) items.push(action('edit.ungroup', p.perform));
    items.push(action('edit.delete', p.perform, { separated: true, label: p.selectedNodes > 1 ? `Delete ${p.selectedNodes} layers` : 'Delete' }));
  } else if (target.on === 'edge') {
    items.push(action('edit.paste', p.perform, { disabled: !p.canPaste }), action('edit.delete', p.perform, { separated: true, label: 'Delete connection' }));
  } else {
    items.push(
      { id: 'add-layer', label: 'Add a layer here…', keepOpen: true, run: () => setPicking(true) },
      action('edit.paste', p.perform, { disabled: !p.canPaste, label: 'Paste here', run: () => p.pasteAt(p.state.flow) }),
      action('edit.selectAll', p.perform, { separated: true }),
      action('view.zoomToFit', p.perform),
      action('view.autoLayout', p.perform),
    );
  }
  if (picking) return <KindPicker at={p.state.screen} onPick={(kind) => p.addLayer(kind, p.state.flow)} onClose={p.onClose} />;
  return <PopupMenu label={target.on === 'node' ? 'Layer' : target.on === 'edge' ? 'Connection' : 'Canvas'} at={p.state.screen} items={items} onClose={p.onClose} />;
}

/** A search box over the layer kinds; Enter (or a click) adds the highlighted one. */
function KindPicker({ at, onPick, onClose }: { at: XY; onPick(kind: string): void; onClose(): void }) {
  const [query, setQuery] = useState('');
  const [active, setActive] = useState(0);
  const ref = useRef<HTMLDivElement>(null);
  const kinds = useMemo(() => {
    const q = query.trim().toLowerCase();
    // Names that start with the query first, then the rest that match.
    return filterCatalog(query).sort((a, b) => Number(!a.kind.toLowerCase().startsWith(q)) - Number(!b.kind.toLowerCase().startsWith(q)));
  }, [query]);
  useEffect(() => setActive(0), [query]);
  useEffect(() => {
    const away = (e: MouseEvent) => {
      if (!ref.current?.contains(e.target as Node)) onClose();
    };
    window.addEventListener('mousedown', away, true);
    return () => window.removeEventListener('mousedown', away, true);
  }, [onClose]);
  useEffect(() => {
    ref.current?.querySelector<HTMLElement>(`[data-pick-index="${active}"]`)?.scrollIntoView({ block: 'nearest' });
  }, [active]);
  const pick = (kind: string | undefined) => {
    if (!kind) return;
    onClose();
    onPick(kind);
  };
  const onKeyDown = (e: KeyboardEvent) => {
    e.stopPropagation();
    if (e.key === 'Escape') {
      e.preventDefault();
      onClose();
    } else if (e.key === 'ArrowDown') {
      e.preventDefault();
      setActive((a) => Math.min(kinds.length - 1, a + 1));
    } else if (e.key === 'ArrowUp') {
      e.preventDefault();
      setActive((a) => Math.max(0, a - 1));
    } else if (e.key === 'Enter') {
      e.preventDefault();
      pick(kinds[active]?.kind);
    }
  };
  const left = Math.max(4, Math.min(at.x, window.innerWidth - 264));
  const top = Math.max(4, Math.min(at.y, window.innerHeight - 320));
  return (
    <div ref={ref} className="popup-menu kind-picker" role="dialog" aria-label="Add a layer here" style={{ left, top }} onKeyDown={onKeyDown} onContextMenu={(e) => e.preventDefault()}>
      <input
        className="search"
        autoFocus
        placeholder="Layer kind…"
        aria-label="Layer kind"
        role="combobox"
        aria-expanded="true"
        aria-controls="kind-picker-list"
        aria-activedescendant={kinds[active] ? `kind-pick-${kinds[active]!.kind}` : undefined}
        value={query}
        onChange={(e) => setQuery(e.target.value)}
      />
      <div className="kind-picker-list" id="kind-picker-list" role="listbox" aria-label="Layer kinds">
        {kinds.map((k, i) => (
          <div
            key={k.kind}
            id={`kind-pick-${k.kind}`}
            role="option"
            aria-selected={i === active}
            data-pick-index={i}
            data-pick-kind={k.kind}
            className="popup-item"
            onMouseEnter={() => setActive(i)}
            onClick={() => pick(k.kind)}
          >
            <span>{k.kind}</span>
            <span className="popup-hint">{k.category}</span>
          </div>
        ))}
        {!kinds.length && <div className="pal-empty">No layer matches.</div>}
      </div>
    </div>
  );
}
