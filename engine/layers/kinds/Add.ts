import { elementwiseMerge } from '../merge.js';

export const Add = elementwiseMerge('Add', 'add', 'Adds its inputs element by element (e.g. a residual connection); all must have the same shape.');
