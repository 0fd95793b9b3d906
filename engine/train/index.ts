export { startTraining, type TrainOptions, type TrainResult, type TrainingJob } from './train.js';
export type * from './events.js';
export { learningRateAt } from './schedule.js';
export { EarlyStopping } from './earlyStopping.js';
export { NonFiniteLossError } from './explain.js';
