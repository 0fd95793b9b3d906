import { elementwiseMerge } from '../merge.js';

export const Multiply = elementwiseMerge('Multiply', 'multiply', 'Multiplies its inputs element by element (e.g. a gate); all must have the same shape.');
