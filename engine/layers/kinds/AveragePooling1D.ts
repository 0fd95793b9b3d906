import { pooling1D } from '../pooling.js';

export const AveragePooling1D = pooling1D('AveragePooling1D', 'averagePooling1d', 'average');
