// The palette's "My blocks": the blocks saved to the library. Drag one onto the canvas, or
// click it to drop it in the middle; × deletes it from the library.
import { useApp } from '../app/context.js';
import { writeBlockDrag, type LibraryBlock } from './libraryDrop.js';
import { libraryChanged, useLibrary } from './useLibrary.js';
import './blocks.css';

export function MyBlocks({ onAdd }: { onAdd(b: LibraryBlock): void }) {
  const { api, notify } = useApp();
  const { blocks, error } = useLibrary(api);
  if (!api) return null;
  const remove = async (b: LibraryBlock) => {
    try {
      await api.invoke('blocks.delete', { id: b.id });
      libraryChanged();
    } catch (e) {
      notify({ kind: 'error', text: `Could not delete the block: ${(e as Error).message}` });
    }
  };
  return (
    <section data-section="my-blocks" aria-label="My blocks" className="pal-my-blocks">
      <div className="pal-cat">
        <i style={{ background: 'var(--accent)' }} />
        My blocks
      </div>
      {error && <div className="pal-empty">{error}</div>}
      {!error && blocks.length === 0 && <div className="pal-empty">Group layers (Ctrl+G), then “Save to My blocks” in the inspector.</div>}
      {blocks.map((b) => (
        <div
          key={b.id}
          className="pal-item pal-block"
          role="button"
          tabIndex={0}
          draggable
          data-block={b.id}
          title={`${b.block.name}: ${b.block.nodes.map((n) => n.kind).join(' → ')}. Click or drag to add it.`}
          onDragStart={(e) => writeBlockDrag(e.dataTransfer, b)}
          onClick={() => onAdd(b)}
          onKeyDown={(e) => {
            if (e.key === 'Enter') {
              e.preventDefault();
              onAdd(b);
            }
          }}
        >
          <span className="swatch" style={{ background: 'var(--accent)' }} />
          <span style={{ minWidth: 0, flex: 1 }}>
            <div className="name">{b.block.name}</div>
            <div className="doc">{b.block.nodes.map((n) => n.kind).join(' → ')}</div>
          </span>
          <button
            type="button"
            className="btn ghost icon"
            data-action="delete-block"
            aria-label={`Delete ${b.block.name} from My blocks`}
            title="Delete from My blocks"
            onClick={(e) => {
              e.stopPropagation();
              void remove(b);
            }}
          >
            ×
          </button>
        </div>
      ))}
    </section>
  );
}
