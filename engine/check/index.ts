export { check, datasetInfoOf, type CheckOptions, type DatasetInfo } from './check.js';
export type { CheckReport, Diagnostic, NodeReport, Severity } from './types.js';
export { DIAGNOSTIC_CODES, type DiagnosticCode } from './codes.js';
