import { describe, expect, it } from 'vitest';
import { CATALOG } from '../../engine/layers/registry.js';
import { CATEGORY_COLORS } from '../styles/categories.js';
import { filterCatalog, groupByCategory } from './catalog.js';

describe('palette catalog', () => {
  it('lists every kind of the registry exactly once, grouped by category', () => {
    const groups = groupByCategory(filterCatalog(''));
    const listed = groups.flatMap((g) => g.kinds.map((k) => k.kind));
    expect(listed.sort()).toEqual(CATALOG.map((k) => k.kind).sort());
    for (const g of groups) for (const k of g.kinds) expect(k.category).toBe(g.category);
  });

  it('has a colour for every category the catalog uses', () => {
    for (const k of CATALOG) expect(CATEGORY_COLORS).toHaveProperty(k.category);
  });

  it('searches names, categories and descriptions', () => {
    expect(filterCatalog('dense').map((k) => k.kind)).toContain('Dense');
    expect(filterCatalog('CONVOLUTION').every((k) => k.category === 'Convolution' || /convolution/i.test(k.doc) || /convolution/i.test(k.kind))).toBe(true);
    expect(filterCatalog('no such layer at all')).toEqual([]);
  });
});
