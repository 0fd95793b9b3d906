// ONNX export: the writer, the per-kind converters and the parity check.
export { toOnnx, OnnxExportError, OPSET, IR_VERSION, type OnnxExportOptions } from './export.js';
export { checkOnnxParity, loadOrt, unscale, PARITY_SAMPLES, PARITY_TOLERANCE, type ParityInput, type ParityResult } from './parity.js';
export { decodeModel } from './graph.js';
