// Exports: the TensorFlow.js model folder, ONNX, PyTorch, and the project as Keras (Python) or TensorFlow.js code.
export { exportTfjs, loadTfjsModel, readTfjsArtifacts, MODEL_JSON, WEIGHTS_BIN, type ExportTfjsOptions } from './tfjs.js';
export { toKerasScript } from './keras.js';
export { toTfjsScript } from './tfjsCode.js';
export { CodeExportError } from './graphCode.js';
export { toOnnx, OnnxExportError, checkOnnxParity, OPSET as ONNX_OPSET, type OnnxExportOptions, type ParityResult } from './onnx/index.js';
export { toPytorch, PytorchExportError, type PytorchExportOptions } from './pytorch/index.js';
