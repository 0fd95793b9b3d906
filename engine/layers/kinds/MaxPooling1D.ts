import { pooling1D } from '../pooling.js';

export const MaxPooling1D = pooling1D('MaxPooling1D', 'maxPooling1d', 'maximum');
