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

const SIDE_PANEL_KEY = 'layerlab.sidePanel';

/** Whether the editor's right panel (inspector, summary) is shown: as the person left it, or,
 *  never toggled, shown on windows wide enough to leave the canvas room beside it. */
export function readSidePanel(storage: Storage, windowWidth: number): boolean {
  try {
    const v = storage.getItem(SIDE_PANEL_KEY);
    if (v === 'shown' || v === 'hidden') return v === 'shown';
  } catch {
    // Unreadable: the default below.
  }
  return windowWidth >= SIDE_PANEL_MIN_WINDOW;
}

/** Narrower than this, the canvas (452 px at 1024) cannot show a deep network legibly beside the panel. */
export const SIDE_PANEL_MIN_WINDOW = 1200;

export function writeSidePanel(storage: Storage, shown: boolean): void {
  try {
    storage.setItem(SIDE_PANEL_KEY, shown ? 'shown' : 'hidden');
  } catch {
    // Not remembered; the panel still toggles.
  }
}

const LIVE_VIEWS_KEY = 'layerlab.liveViews';

/** Whether a job draws its live views (decision boundary, curve): on unless turned off. */
export function readLiveViews(storage: Storage): boolean {
  try {
    return storage.getItem(LIVE_VIEWS_KEY) !== 'off';
  } catch {
    return true;
  }
}

export function writeLiveViews(storage: Storage, on: boolean): void {
  try {
    storage.setItem(LIVE_VIEWS_KEY, on ? 'on' : 'off');
  } catch {
    // Not remembered; this page still follows the box.
  }
}
