// Dropping a block of "My blocks" into the project: from a drag (the palette puts the block's
// file in the drag, checked again here since any page can start a drag) or a click.
import { z } from 'zod';
import { blockFileSchema, blockIdSchema, type BlockFile } from '../../engine/project/blockFile.js';
import type { XY } from '../state/edits.js';
import { linkFor, placeBlock } from '../state/library.js';
import type { EditorStore } from '../state/store.js';
import { BLOCK_MIME } from './dnd.js';

export interface LibraryBlock {
  id: string;
  block: BlockFile;
}

const dragSchema = z.object({ id: blockIdSchema, block: blockFileSchema });

export function writeBlockDrag(dt: DataTransfer, b: LibraryBlock): void {
  dt.setData(BLOCK_MIME, JSON.stringify(b));
  dt.effectAllowed = 'copy';
}

export function readBlockDrag(dt: DataTransfer): LibraryBlock | null {
  const text = dt.getData(BLOCK_MIME);
  if (!text) return null;
  try {
    const r = dragSchema.safeParse(JSON.parse(text));
    return r.success ? r.data : null;
  } catch {
    return null;
  }
}

/** Places the block (one undo step), collapsed and linked to the other drops of it, and selects it. */
export function dropLibraryBlock(store: EditorStore, b: LibraryBlock, at: XY): void {
  const placed = placeBlock(store.get().history.present, b.block, at, { link: linkFor(b.id) });
  store.dispatch({ type: 'edit', edits: placed.edits });
  store.dispatch({ type: 'select', selection: { nodes: [placed.groupId], edges: [] } });
}
