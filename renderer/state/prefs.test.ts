import { describe, expect, it } from 'vitest';
import { readLiveViews, readMinimap, readSidePanel, writeLiveViews, writeMinimap, writeSidePanel } from './prefs.js';

function memory() {
  const m = new Map<string, string>();
  return { getItem: (k: string) => m.get(k) ?? null, setItem: (k: string, v: string) => void m.set(k, v) };
}

describe('minimap preference', () => {
  it('is shown by default and remembers being hidden and shown again', () => {
    const s = memory();
    expect(readMinimap(s)).toBe(true);
    writeMinimap(s, false);
    expect(readMinimap(s)).toBe(false);
    writeMinimap(s, true);
    expect(readMinimap(s)).toBe(true);
  });

  it('falls back to shown when storage throws', () => {
    const broken = { getItem: () => { throw new Error('denied'); }, setItem: () => { throw new Error('denied'); } };
    expect(readMinimap(broken)).toBe(true);
    expect(() => writeMinimap(broken, false)).not.toThrow();
  });
});

describe('side panel preference', () => {
  it('is shown by default on a wide window and hidden on a narrow one, until toggled', () => {
    const s = memory();
    expect(readSidePanel(s, 1440)).toBe(true);
    expect(readSidePanel(s, 1024)).toBe(false);
    writeSidePanel(s, true);
    expect(readSidePanel(s, 1024)).toBe(true);
    writeSidePanel(s, false);
    expect(readSidePanel(s, 1920)).toBe(false);
  });
});

describe('the live views preference', () => {
  it('is on until turned off, and remembers either choice', () => {
    const m = new Map<string, string>();
    const s = { getItem: (k: string) => m.get(k) ?? null, setItem: (k: string, v: string) => void m.set(k, v) };
    expect(readLiveViews(s)).toBe(true);
    writeLiveViews(s, false);
    expect(readLiveViews(s)).toBe(false);
    writeLiveViews(s, true);
    expect(readLiveViews(s)).toBe(true);
    m.set('layerlab.liveViews', 'garbage');
    expect(readLiveViews(s)).toBe(true);
    const broken = { getItem: () => { throw new Error('denied'); }, setItem: () => { throw new Error('denied'); } };
    expect(readLiveViews(broken)).toBe(true);
    expect(() => writeLiveViews(broken, false)).not.toThrow();
  });
});
