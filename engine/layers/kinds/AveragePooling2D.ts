import { pooling2D } from '../pooling.js';

export const AveragePooling2D = pooling2D('AveragePooling2D', 'averagePooling2d', 'average');
