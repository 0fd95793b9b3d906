// Dropping a block of "My blocks" into the project: from a drag (the palette puts the block's
// file in the drag, checked again here since any page can start a drag) or a click.
import { z } from 'zod';
import { blockFileSchema, blockIdSchema, type BlockFile } from '../../engine/project/blockFile.js';
import type { XY } from '../state/edits.js';
import { linkFor, placeBlock } from '../state/library.js';
import type { EditorStore } from '../state/store.js';
import type { Project } from '../../engine/project/types.js';
import { BLOCK_MIME, NODE_SIZE } from './dnd.js';

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

/** Beside the network when `at` would put the block's layers over layers already there (a
 *  click in the palette drops at the canvas's middle, often on the network itself). */
export function freeSpot(p: Project, b: BlockFile, at: XY): XY {
  const h = Math.max(...b.nodes.map((n) => n.position.y)) - Math.min(...b.nodes.map((n) => n.position.y)) + NODE_SIZE.height;
  const w = Math.max(...b.nodes.map((n) => n.position.x)) - Math.min(...b.nodes.map((n) => n.position.x)) + NODE_SIZE.width;
  const hit = (q: XY) => p.graph.nodes.some((n) => n.position.x < q.x + w && n.position.x + NODE_SIZE.width > q.x && n.position.y < q.y + h && n.position.y + NODE_SIZE.height > q.y);
  if (!hit(at)) return at;
  return { x: Math.max(...p.graph.nodes.map((n) => n.position.x)) + NODE_SIZE.width + 80, y: at.y };
}

/** Places the block (one undo step), collapsed and linked to the other drops of it, and selects it. */
export function dropLibraryBlock(store: EditorStore, b: LibraryBlock, at: XY, opts: { avoid?: boolean } = {}): void {
  const p = store.get().history.present;
  const placed = placeBlock(p, b.block, opts.avoid ? freeSpot(p, b.block, at) : at, { link: linkFor(b.id) });
  store.dispatch({ type: 'edit', edits: placed.edits });
  store.dispatch({ type: 'select', selection: { nodes: [placed.groupId], edges: [] } });
}
