// Compiling a project: the model (compile), and what training needs around it — the head
// (targets and loss), the optimizer, and the feeder that turns dataset rows into tensors.
export { CompileError, compile, compileChecked, type CompileOptions, type Compiled } from './compile.js';
export { layerNames, nodeIdForTfName, sanitizeLayerName, type LayerNames } from './names.js';
export { makeHead, type Head, type ClassInfo } from './head.js';
export { LOSS_FUNCTIONS, lossFunction, type LossFn } from './losses.js';
export { getLearningRate, makeOptimizer, setLearningRate } from './optimizer.js';
export { Feeder, disposeBatch, range, type Batch } from './feed.js';
