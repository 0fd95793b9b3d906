import { describe, expect, it } from 'vitest';
import { layerNames, nodeIdForTfName, sanitizeLayerName } from './names.js';

describe('layer names from node ids', () => {
  it('keeps valid ids and sanitises the rest', () => {
    expect(sanitizeLayerName('dense_1')).toBe('dense_1');
    expect(sanitizeLayerName('my layer!')).toBe('my_layer_');
    expect(sanitizeLayerName('_x')).toBe('n_x');
    expect(sanitizeLayerName('a/b')).toBe('a_b');
    expect(sanitizeLayerName('Ünïcode')).toMatch(/^[A-Za-z0-9][-A-Za-z0-9._]*$/);
  });

  it('makes clashing names unique and maps both ways', () => {
    const n = layerNames(['a b', 'a_b', 'a?b', 'c']);
    expect([...n.layerNameOf.values()]).toEqual(['a_b', 'a_b_2', 'a_b_3', 'c']);
    for (const [id, name] of n.layerNameOf) expect(n.nodeIdOf.get(name)).toBe(id);
    expect(nodeIdForTfName(n, 'a_b_2/kernel')).toBe('a_b');
    expect(nodeIdForTfName(n, 'c/bias')).toBe('c');
    expect(nodeIdForTfName(n, 'nope/bias')).toBeUndefined();
  });
});
