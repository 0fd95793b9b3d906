import { globalPooling2D } from '../pooling.js';

export const GlobalAveragePooling2D = globalPooling2D('GlobalAveragePooling2D', 'globalAveragePooling2d', 'average');
