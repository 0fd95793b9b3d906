// The project file's public face: the document type, reading and writing, templates.
export * from './types.js';
export { parseProject, parseProjectBytes, loadProjectFile, saveProjectFile, serializeProject, formatPath, type ParseResult } from './io.js';
export { migrate, MIGRATIONS, type Migration } from './migrate.js';
export { projectSchema } from './schema.js';
export { TRAINING_BOUNDS, inBound, boundText, type Bound, type TrainingSetting } from './bounds.js';
export { writeFileAtomic, sweepTempFiles } from './atomic.js';
export { listTemplates, loadTemplate, templateIds, TEMPLATES_DIR, type TemplateInfo } from './templates.js';
export { incomingEdges, outgoingEdges, topologicalOrder } from './graph.js';
export { flatProject, groupPorts, groupTree, blocksOf, representativeOf, linkedCounterparts, type GroupPorts } from './groups.js';
