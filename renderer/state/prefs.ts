// Small view preferences the page remembers between visits (localStorage), each read with a
// default when absent or unreadable (private mode, a value from another version).

type Storage = Pick<globalThis.Storage, 'getItem' | 'setItem'>;

/** A remembered on/off choice, stored as one of two words: null when never set (or unreadable). */
function readFlag(storage: Storage, key: string, on: string, off: string): boolean | null {
  try {
    const v = storage.getItem(key);
    return v === on ? true : v === off ? false : null;
  } catch {
    return null;
  }
}

function writeFlag(storage: Storage, key: string, value: boolean, on: string, off: string): void {
  try {
    storage.setItem(key, value ? on : off);
  } catch {
    // Not remembered; the page still follows the choice.
  }
}

const MINIMAP_KEY = 'layerlab.minimap';

export function readMinimap(storage: Storage): boolean {
  return readFlag(storage, MINIMAP_KEY, 'shown', 'hidden') ?? true;
}

export function writeMinimap(storage: Storage, shown: boolean): void {
  writeFlag(storage, MINIMAP_KEY, shown, 'shown', 'hidden');
}

const SIDE_PANEL_KEY = 'layerlab.sidePanel';

/** Whether the editor's right panel (inspector, summary) is shown: as the person left it, or,
 *  never toggled, shown on windows wide enough to leave the canvas room beside it. */
export function readSidePanel(storage: Storage, windowWidth: number): boolean {
  return readFlag(storage, SIDE_PANEL_KEY, 'shown', 'hidden') ?? windowWidth >= SIDE_PANEL_MIN_WINDOW;
}

/** Narrower than this, the canvas (452 px at 1024) cannot show a deep network legibly beside the panel. */
export const SIDE_PANEL_MIN_WINDOW = 1200;

export function writeSidePanel(storage: Storage, shown: boolean): void {
  writeFlag(storage, SIDE_PANEL_KEY, shown, 'shown', 'hidden');
}

const LIVE_VIEWS_KEY = 'layerlab.liveViews';

/** Whether a job draws its live views (decision boundary, curve): on unless turned off. */
export function readLiveViews(storage: Storage): boolean {
  return readFlag(storage, LIVE_VIEWS_KEY, 'on', 'off') ?? true;
}

export function writeLiveViews(storage: Storage, on: boolean): void {
  writeFlag(storage, LIVE_VIEWS_KEY, on, 'on', 'off');
}
