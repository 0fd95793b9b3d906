export { check, datasetInfoOf, type CheckOptions, type DatasetInfo } from './check.js';
export type { BuildPlan, BuildStep, CheckReport, Diagnostic, NodeReport, Severity } from './types.js';
export { DIAGNOSTIC_CODES, severityOf, type DiagnosticCode } from './codes.js';
