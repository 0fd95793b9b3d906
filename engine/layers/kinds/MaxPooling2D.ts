import { pooling2D } from '../pooling.js';

export const MaxPooling2D = pooling2D('MaxPooling2D', 'maxPooling2d', 'maximum');
