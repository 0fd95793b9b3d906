// Runs: every training of a project, kept beside it (./store.ts has the layout and the API),
// and hyper-parameter search over them (./search.ts).
export * from './schema.js';
export * from './store.js';
export { canonicalJson, modelIdentity, projectHash } from './hash.js';
export { migrateRun, RUN_MIGRATIONS, type RunMigration } from './migrate.js';
export { captureArtifacts, modelFilesHandler } from './model-files.js';
export * from './search.js';
