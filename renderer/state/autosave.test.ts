import { describe, expect, it } from 'vitest';
import { AUTOSAVE_KEY, clearAutosave, readRecovery, writeAutosave, type KeyValueStore } from './autosave.js';
import { mlp } from './fixtures.js';

function memoryStore(): KeyValueStore & { map: Map<string, string> } {
  const map = new Map<string, string>();
  return { map, getItem: (k) => map.get(k) ?? null, setItem: (k, v) => void map.set(k, v), removeItem: (k) => void map.delete(k) };
}

describe('autosave', () => {
  it('offers recovery only for unsaved changes', () => {
    const s = memoryStore();
    writeAutosave(s, mlp(), false, 'a.layerlab.json');
    expect(readRecovery(s)).toBeNull();
    writeAutosave(s, mlp(), true, null, new Date('2026-01-01T00:00:00Z'));
    const rec = readRecovery(s);
    expect(rec?.project.graph.nodes).toHaveLength(3);
    expect(rec?.savedAt).toBe('2026-01-01T00:00:00.000Z');
    clearAutosave(s);
    expect(readRecovery(s)).toBeNull();
  });

  it('ignores corrupt records and survives a full storage', () => {
    const s = memoryStore();
    s.map.set(AUTOSAVE_KEY, '{not json');
    expect(readRecovery(s)).toBeNull();
    s.map.set(AUTOSAVE_KEY, JSON.stringify({ dirty: true, project: { format: 'other' } }));
    expect(readRecovery(s)).toBeNull();
    const full: KeyValueStore = { ...s, setItem: () => { throw new Error('QuotaExceededError'); } };
    expect(() => writeAutosave(full, mlp(), true, null)).not.toThrow();
  });
});
