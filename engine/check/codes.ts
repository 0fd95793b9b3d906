// Every diagnostic the checker can give, with its severity: one list for the CLI's docs, the
// canvas (which may style codes differently) and the tests (which check nothing else appears).
//
// Severity policy: an error is what stops the network from compiling or training at all;
// a warning is a network that trains but likely not as meant. A node no Input reaches is an
// error: the compiler builds through the functional API from the Input tensors, so such a
// node cannot be part of the model. It is reported once, where reachability breaks (a layer
// with nothing on its input: 'unconnected'; a cycle: 'cycle'); the nodes behind it get no
// shape and no message of their own.
import type { Severity } from './types.js';

export const DIAGNOSTIC_CODES = {
  // The document
  'invalid-graph': { severity: 'error', doc: 'graph, graph.nodes or graph.edges is not what the file format says' },
  'invalid-node': { severity: 'error', doc: 'a node is not an object or has no string id' },
  'duplicate-id': { severity: 'error', doc: 'two nodes share an id (the second is ignored)' },
  'invalid-edge': { severity: 'error', doc: 'an edge is not an object or lacks string source/target' },
  'duplicate-edge-id': { severity: 'error', doc: 'two edges share an id' },
  'missing-node': { severity: 'error', doc: 'an edge comes from or goes to a node that does not exist' },
  // Kinds and parameters
  'unknown-kind': { severity: 'error', doc: 'a node has no kind or one the catalog does not know (closest suggested)' },
  'unknown-param': { severity: 'error', doc: 'a parameter the kind does not have (closest suggested)' },
  'invalid-param': { severity: 'error', doc: 'a parameter value of the wrong type or out of range' },
  // Structure
  'no-input': { severity: 'error', doc: 'the graph has no Input node' },
  'unused-input': { severity: 'error', doc: 'an Input is connected to nothing' },
  unconnected: { severity: 'error', doc: 'a layer has nothing on its input, so no Input reaches it' },
  arity: { severity: 'error', doc: 'too few or too many inputs for the kind' },
  'invalid-port': { severity: 'error', doc: 'an edge goes to a port the node does not have' },
  'duplicate-port': { severity: 'error', doc: 'two edges go to the same port of a merge' },
  'unconnected-port': { severity: 'warning', doc: 'a merge has a gap between its connected ports' },
  cycle: { severity: 'error', doc: 'edges form a cycle (its nodes are named)' },
  unreachable: { severity: 'error', doc: 'safety net: a node got no shape and no other error explains why' },
  // Shapes
  shape: { severity: 'error', doc: "the kind's shape inference refused its input shapes" },
  'merge-mismatch': { severity: 'error', doc: 'the inputs of a merge do not agree' },
  // Training configuration
  'loss-activation': { severity: 'warning', doc: 'the loss does not fit the activation that ends the network' },
  'loss-output': { severity: 'warning', doc: 'a categorical loss on a 1-unit output' },
  'loss-task': { severity: 'warning', doc: "a classification loss on a dataset that is not classification" },
  'multiple-outputs': { severity: 'warning', doc: 'a layer leads nowhere and becomes a second output' },
  'input-shape': { severity: 'warning', doc: "the Input cannot take the dataset's examples" },
  'dataset-inputs': { severity: 'warning', doc: 'several Inputs for a dataset with one tensor per example' },
  'output-classes': { severity: 'warning', doc: "the output units do not fit the dataset's classes" },
  'output-shape': { severity: 'warning', doc: 'a classifier whose output is not [batch, classes]' },
  'output-target': { severity: 'warning', doc: "the output does not fit the dataset's targets" },
  // The checker itself
  internal: { severity: 'error', doc: 'a bug in the checker, caught so that check() never throws' },
} as const satisfies Record<string, { severity: Severity; doc: string }>;

export type DiagnosticCode = keyof typeof DIAGNOSTIC_CODES;
type CodesOf<S extends Severity> = { [C in DiagnosticCode]: (typeof DIAGNOSTIC_CODES)[C]['severity'] extends S ? C : never }[DiagnosticCode];
/** The codes whose severity is 'error' (a code cannot be reported with the other severity). */
export type ErrorCode = CodesOf<'error'>;
export type WarningCode = CodesOf<'warning'>;

/** The severity of a code, from the table. */
export function severityOf(code: DiagnosticCode): Severity {
  return DIAGNOSTIC_CODES[code].severity;
}
