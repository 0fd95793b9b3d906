// One colour per layer category, used by the palette, the nodes and the minimap.
import type { Category } from '../../engine/layers/types.js';

export const CATEGORY_COLORS: Record<Category, string> = {
  Input: '#0ea5e9',
  Core: '#6366f1',
  Convolution: '#f59e0b',
  Pooling: '#10b981',
  Recurrent: '#ec4899',
  Normalization: '#8b5cf6',
  Regularization: '#64748b',
  Reshaping: '#14b8a6',
  Merge: '#ef4444',
  Embedding: '#84cc16',
};

export const CATEGORY_ORDER: readonly Category[] = Object.keys(CATEGORY_COLORS) as Category[];

export function categoryColor(c: string | undefined): string {
  return (c && CATEGORY_COLORS[c as Category]) || '#94a3b8';
}
