// Every layer kind of the catalog, grouped by category, with search. Drag one onto the
// canvas, or select it and press Enter (or double-click) to add it at the centre.
import { useMemo, useState, type KeyboardEvent } from 'react';
import { categoryColor } from '../styles/categories.js';
import { filterCatalog, groupByCategory } from './catalog.js';
import { KIND_MIME } from './dnd.js';
import type { LibraryBlock } from './libraryDrop.js';
import { MyBlocks } from './MyBlocks.js';
import { canChange, isHidden } from '../../engine/project/lesson.js';
import { useApp } from '../app/context.js';
import { useEditorState } from '../state/store.js';

export function Palette({ onAdd, onAddBlock }: { onAdd(kind: string): void; onAddBlock?(b: LibraryBlock): void }) {
  const [query, setQuery] = useState('');
  const [chosen, setChosen] = useState<string | null>(null);
  // A lesson may narrow the palette to some kinds, lock it, or hide it.
  const { store } = useApp();
  const lesson = useEditorState(store, (s) => (s.lessonEditing ? undefined : s.history.present.lesson));
  const offered = lesson?.palette;
  const kinds = useMemo(() => filterCatalog(query).filter((k) => !offered || offered.includes(k.kind)), [query, offered]);
  const groups = useMemo(() => groupByCategory(kinds), [kinds]);

  const onSearchKey = (e: KeyboardEvent) => {
    // Enter in the search box adds the first match: type "dense", Enter.
    if (e.key === 'Enter' && kinds[0]) onAdd(kinds[0].kind);
  };

  if (isHidden(lesson, 'palette')) return null;
  const locked = !canChange(lesson, 'palette') || !canChange(lesson, 'graph');
  return (
    <aside className="panel left" aria-label="Layer palette" data-locked={locked ? 'true' : undefined}>
      <div className="panel-head">Layers</div>
      <div className="panel-body" style={locked ? { opacity: 0.5, pointerEvents: 'none' } : undefined}>
        {offered && <div className="muted" style={{ fontSize: 11, marginBottom: 6 }}>This lesson offers {offered.length} kind{offered.length === 1 ? '' : 's'} of layer.</div>}
        <input className="search" type="search" placeholder="Search layers…" aria-label="Search layers" value={query} onChange={(e) => setQuery(e.target.value)} onKeyDown={onSearchKey} />
        {!offered && onAddBlock && <MyBlocks onAdd={onAddBlock} />}
        {groups.length === 0 && <div className="pal-empty">No layer matches “{query}”.</div>}
        <div role="listbox" aria-label="Layer kinds">
        {groups.map((g) => (
          <section key={g.category} role="group" aria-label={g.category}>
            <div className="pal-cat">
              <i style={{ background: categoryColor(g.category) }} />
              {g.category}
            </div>
            {g.kinds.map((k) => (
              <div
                key={k.kind}
                className="pal-item"
                role="option"
                aria-selected={chosen === k.kind}
                tabIndex={0}
                draggable
                data-kind={k.kind}
                title={k.doc}
                onDragStart={(e) => {
                  e.dataTransfer.setData(KIND_MIME, k.kind);
                  e.dataTransfer.effectAllowed = 'copy';
                }}
                onClick={() => setChosen(k.kind)}
                onFocus={() => setChosen(k.kind)}
                onDoubleClick={() => onAdd(k.kind)}
                onKeyDown={(e) => {
                  if (e.key === 'Enter') {
                    e.preventDefault();
                    onAdd(k.kind);
                  }
                }}
              >
                <span className="swatch" style={{ background: categoryColor(k.category) }} />
                <span style={{ minWidth: 0 }}>
                  <div className="name">{k.kind}</div>
                  <div className="doc">{k.doc}</div>
                </span>
              </div>
            ))}
          </section>
        ))}
        </div>
      </div>
    </aside>
  );
}
