import { globalPooling2D } from '../pooling.js';

export const GlobalMaxPooling2D = globalPooling2D('GlobalMaxPooling2D', 'globalMaxPooling2d', 'maximum');
