// "Use dataset shape": the edit that gives the project's Input node (or the one named, as the
// inspector does) the dataset's example shape, or the reason it cannot.
import type { Project } from '../../engine/project/types.js';
import type { Edit } from '../state/edits.js';
import { isInputKind } from '../../engine/layers/registry.js';

export type ShapeEdit = { ok: true; edit: Edit; same: boolean } | { ok: false; reason: string };

export function inputShapeEdit(project: Project, shape: readonly number[], nodeId?: string): ShapeEdit {
  const inputs = project.graph.nodes.filter((n) => isInputKind(n.kind) && (nodeId === undefined || n.id === nodeId));
  if (inputs.length === 0) return { ok: false, reason: nodeId === undefined ? 'the network has no Input layer' : `${nodeId} is not an Input layer` };
  if (inputs.length > 1) return { ok: false, reason: `the network has ${inputs.length} Input layers; set each one in the inspector` };
  const node = inputs[0]!;
  const current = node.params.shape;
  const same = Array.isArray(current) && current.length === shape.length && current.every((d, i) => d === shape[i]);
  return { ok: true, same, edit: { type: 'setParam', nodeId: node.id, param: 'shape', value: [...shape] } };
}
