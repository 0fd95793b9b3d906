// PyTorch export: the folder writer (model.py, weights.npz, metadata.json) and its parity check.
export { toPytorch, PytorchExportError, type PytorchExport, type PytorchExportOptions } from './export.js';
export { writePytorchFolder, checkPytorchParity, findTorchPython, MODEL_PY, WEIGHTS_NPZ, METADATA_JSON } from './run.js';
export { npyBytes, npzBytes, readNpy, readNpz } from '../npy.js';
