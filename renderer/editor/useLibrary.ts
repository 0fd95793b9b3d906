// "My blocks" in the page: the host's list, read when the palette mounts and again after a
// save or a delete anywhere in the page.
import { useEffect, useState } from 'react';
import type { LayerLabApi } from '../api/client.js';
import type { LibraryBlock } from './libraryDrop.js';

const listeners = new Set<() => void>();
/** Tells every list to read the library again. */
export const libraryChanged = () => listeners.forEach((f) => f());

export function useLibrary(api: LayerLabApi | null): { blocks: LibraryBlock[]; error: string | null } {
  const [blocks, setBlocks] = useState<LibraryBlock[]>([]);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    if (!api) return;
    let live = true;
    const load = () =>
      api.invoke('blocks.list', {}).then(
        (r) => live && (setBlocks(r.blocks), setError(null)),
        (e: Error) => live && setError(e.message),
      );
    void load();
    listeners.add(load);
    return () => {
      live = false;
      listeners.delete(load);
    };
  }, [api]);
  return { blocks, error };
}
