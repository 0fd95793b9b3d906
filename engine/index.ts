// The engine's public surface: everything the CLI, the Electron main process, the
// browser-mode host and the renderer use. Pure TypeScript; no React, no Electron.
export * from './layers/types.js';
export { CATALOG, getKind, kindNames } from './layers/registry.js';
export { resolveParams, ACTIVATIONS, INITIALIZERS } from './layers/params.js';
export { formatShape } from './layers/shape.js';
export * from './project/types.js';
export { parseProject, loadProjectFile, saveProjectFile, serializeProject } from './project/io.js';
export * from './check/index.js';
export { CompileError, compile, type CompileOptions, type Compiled, layerNames, sanitizeLayerName } from './compile/index.js';
export * from './train/index.js';
export * from './evaluate/index.js';
export * from './data/index.js';
export { useBackend, listBackends, BACKEND_NAMES, type BackendInfo, type BackendEntry } from './backend/index.js';
