// What the checker reports about a project: per-node shapes and parameter counts, and
// diagnostics that name the node, what was expected, what was found and how to fix it.
import type { Dim, Params, ShapeFix } from '../layers/types.js';
import type { DiagnosticCode } from './codes.js';

export type Severity = 'error' | 'warning';

export interface Diagnostic {
  severity: Severity;
  /** Stable machine-readable code, one of codes.ts (which also gives its severity). */
  code: DiagnosticCode;
  /** The node the mistake is made on (shown as its badge); absent for whole-graph issues. */
  nodeId?: string;
  /** Every node involved when there are several (a cycle, several outputs); includes nodeId. */
  nodeIds?: string[];
  edgeId?: string;
  param?: string;
  message: string;
  /** Set on warnings that training would fail on (the Input cannot take the examples, the
   *  output cannot match the classes or targets): the graph is sound, but Train must wait. */
  blocksTraining?: true;
  /** An edit that fixes it, as data the editor can apply (a shape error's insert, setParam,
   *  or the Input's shape to take the dataset's examples); the message words the same fix. */
  fix?: ShapeFix;
}

export interface NodeReport {
  id: string;
  kind: string;
  /** Output shape with the batch dimension first as null, or null when it cannot be inferred. */
  outputShape: Dim[] | null;
  /** Total parameters (trainable + non-trainable). */
  params: number;
  trainableParams: number;
}

/** One node as the compiler builds it. */
export interface BuildStep {
  id: string;
  kind: string;
  /** Parameters with defaults filled in and every value validated. */
  params: Params;
  /** The nodes its inputs come from, in targetPort order. */
  inputs: string[];
  /** The node is frozen (trainable: false): its weights do not train. */
  frozen?: true;
}

/** What a graph without errors compiles to: everything `compile` needs, already proved. */
export interface BuildPlan {
  /** Every node in a topological order. */
  steps: BuildStep[];
  /** Input node ids in the order of the model's inputs. */
  inputs: string[];
  /** Output node ids in the order of the model's outputs. */
  outputs: string[];
}

export interface CheckReport {
  ok: boolean;
  totalParams: number;
  trainableParams: number;
  nodes: NodeReport[];
  errors: Diagnostic[];
  warnings: Diagnostic[];
  /** Node ids in a topological order (only when the graph has no cycle). */
  order: string[];
  inputs: string[];
  outputs: string[];
  /** The build order and resolved parameters; present only when the graph has no error. */
  plan?: BuildPlan;
}
