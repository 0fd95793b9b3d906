// Exports: the TensorFlow.js model folder, and the project as Keras (Python) or TensorFlow.js code.
export { exportTfjs, loadTfjsModel, readTfjsArtifacts, MODEL_JSON, WEIGHTS_BIN, type ExportTfjsOptions } from './tfjs.js';
export { toKerasScript } from './keras.js';
export { toTfjsScript } from './tfjsCode.js';
export { CodeExportError } from './graphCode.js';
