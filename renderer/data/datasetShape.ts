// "Use dataset shape", shared by the Data view and the Input layer's inspector: whether the
// dataset's example shape can be given to the Input node, why not when it cannot (the note
// beside the disabled button), and the one undoable edit that does it.
import { compactShape } from '../../engine/layers/shape-text.js';
import type { Project } from '../../engine/project/types.js';
import { useApp } from '../app/context.js';
import type { Edit } from '../state/edits.js';
import { useEditorState } from '../state/store.js';
import { inputShapeEdit } from './inputShape.js';

export interface DatasetShapeAction {
  /** Why the action cannot apply now, or null when it can. */
  note: string | null;
  /** The edit, when the action can apply. */
  edit: Edit | null;
}

/** A shape as the inspector's button shows it: 28×28×1. */
export const shapeText: (shape: readonly number[]) => string = compactShape;

/**
 * The action for the project's one Input node, or for `nodeId` (the inspector's node).
 * `shape` is the dataset's example shape, null or undefined while it is not known.
 */
export function datasetShapeAction(project: Project, shape: readonly number[] | null | undefined, nodeId?: string): DatasetShapeAction {
  if (project.dataset?.id === undefined && project.dataset?.file === undefined) return { note: 'the project has no dataset', edit: null };
  if (!shape) return { note: "the dataset's input shape is not known (it has not loaded)", edit: null };
  const r = inputShapeEdit(project, shape, nodeId);
  if (!r.ok) return { note: r.reason, edit: null };
  if (r.same) return { note: 'the Input layer already has this shape', edit: null };
  return { note: null, edit: r.edit };
}

/** The action on the project being edited, with `apply()`: one undoable edit. */
export function useDatasetShape(shape: readonly number[] | null | undefined, nodeId?: string): DatasetShapeAction & { apply(): void } {
  const { store } = useApp();
  const project = useEditorState(store, (s) => s.history.present);
  return {
    ...datasetShapeAction(project, shape, nodeId),
    apply() {
      // Asked again of the store's project, so a click never applies an edit from an older render.
      const { edit } = datasetShapeAction(store.get().history.present, shape, nodeId);
      if (edit) store.dispatch({ type: 'edit', edits: [edit] });
    },
  };
}
