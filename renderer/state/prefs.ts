// Small view preferences the page remembers between visits (localStorage), each read with a
// default when absent or unreadable (private mode, a value from another version).
const MINIMAP_KEY = 'layerlab.minimap';

type Storage = Pick<globalThis.Storage, 'getItem' | 'setItem'>;

export function readMinimap(storage: Storage): boolean {
  try {
    return storage.getItem(MINIMAP_KEY) !== 'hidden';
  } catch {
    return true;
  }
}

export function writeMinimap(storage: Storage, shown: boolean): void {
  try {
    storage.setItem(MINIMAP_KEY, shown ? 'shown' : 'hidden');
  } catch {
    // Not remembered; the view still toggles.
  }
}
