// The palette's view of the catalog: search and grouping, derived from the registry so a
// new layer kind appears without touching the renderer.
import { CATALOG } from '../../engine/layers/registry.js';
import type { LayerKind } from '../../engine/layers/types.js';
import { CATEGORY_ORDER } from '../styles/categories.js';

/** Kinds whose name, category or description contains the query (case-insensitive). */
export function filterCatalog(query: string, catalog: readonly LayerKind[] = CATALOG): LayerKind[] {
  const q = query.trim().toLowerCase();
  if (!q) return [...catalog];
  return catalog.filter((k) => k.kind.toLowerCase().includes(q) || k.category.toLowerCase().includes(q) || k.doc.toLowerCase().includes(q));
}

/** Groups in the palette's category order; a category the order does not know goes last. */
export function groupByCategory(kinds: readonly LayerKind[]): { category: string; kinds: LayerKind[] }[] {
  const cats = [...new Set<string>([...CATEGORY_ORDER, ...kinds.map((k) => k.category)])];
  return cats.map((c) => ({ category: c, kinds: kinds.filter((k) => k.category === c) })).filter((g) => g.kinds.length > 0);
}
