import { elementwiseMerge } from '../merge.js';

export const Average = elementwiseMerge('Average', 'average', 'Averages its inputs element by element (e.g. an ensemble); all must have the same shape.');
