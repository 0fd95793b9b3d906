// The editor's whole state and its reducer: the project's undo history, the selection,
// the saved baseline (for the dirty mark) and view preferences. Pure; the React binding is
// in store.ts.
import type { Project } from '../../engine/project/types.js';
import { applyEdits, type Edit } from './edits.js';
import { allowedEdit } from './lessonGuard.js';
import { canRedo, canUndo, commit, createHistory, record, redo, undo, type Capture, type History } from './history.js';

export interface Selection {
  nodes: readonly string[];
  edges: readonly string[];
}

export interface EditorState {
  history: History<Project>;
  selection: Selection;
  /** The project as last saved or opened; the document is dirty when it differs. */
  saved: Project | null;
  documentName: string | null;
  /** The project as it was opened (New, a file, a template): replacing it unchanged loses
   *  nothing, even when it was never saved. Null for recovered work, which is all unsaved. */
  opened: Project | null;
  /** The teacher is preparing the project's lesson: its locks do not hold them. */
  lessonEditing: boolean;
}

export type EditorAction =
  | { type: 'edit'; edits: Edit[]; capture?: Capture }
  | { type: 'commit' }
  | { type: 'undo' }
  | { type: 'redo' }
  | { type: 'select'; selection: Selection }
  /** `recovered`: the autosaved work of an earlier session, unsaved as a whole. */
  | { type: 'load'; project: Project; documentName: string | null; saved: boolean; recovered?: boolean }
  | { type: 'saved'; project: Project; documentName: string }
  | { type: 'lessonEditing'; on: boolean };

export const EMPTY_SELECTION: Selection = { nodes: [], edges: [] };

export function createEditor(project: Project, documentName: string | null = null, saved = true, recovered = false): EditorState {
  return { history: createHistory(project), selection: EMPTY_SELECTION, saved: saved ? project : null, documentName, opened: recovered ? null : project, lessonEditing: false };
}

/** Drops selected ids that no longer exist (after undo, delete, load). */
function pruneSelection(sel: Selection, p: Project): Selection {
  // A collapsed block is selected by its id, like a node.
  const nodeIds = new Set([...p.graph.nodes.map((n) => n.id), ...(p.groups ?? []).map((g) => g.id)]);
  const edgeIds = new Set(p.graph.edges.map((e) => e.id));
  const nodes = sel.nodes.filter((id) => nodeIds.has(id));
  const edges = sel.edges.filter((id) => edgeIds.has(id));
  return nodes.length === sel.nodes.length && edges.length === sel.edges.length ? sel : { nodes, edges };
}

export function editorReducer(s: EditorState, a: EditorAction): EditorState {
  switch (a.type) {
    case 'edit': {
      // A student's edits pass the lesson's locks first (the teacher preparing it is not held).
      const edits = s.lessonEditing ? a.edits : a.edits.map((e) => allowedEdit(s.history.present, e)).filter((e): e is Edit => e !== null);
      const next = applyEdits(s.history.present, edits);
      if (next === s.history.present) return s;
      const history = record(s.history, next, a.capture ?? 'immediately');
      return { ...s, history, selection: pruneSelection(s.selection, next) };
    }
    case 'commit': {
      const history = commit(s.history);
      return history === s.history ? s : { ...s, history };
    }
    case 'undo':
    case 'redo': {
      if (a.type === 'undo' ? !canUndo(s.history) : !canRedo(s.history)) return s;
      const history = a.type === 'undo' ? undo(s.history) : redo(s.history);
      return { ...s, history, selection: pruneSelection(s.selection, history.present) };
    }
    case 'select':
      return { ...s, selection: a.selection };
    case 'load':
      return createEditor(a.project, a.documentName, a.saved, a.recovered);
    case 'saved':
      return { ...s, saved: a.project, documentName: a.documentName };
    case 'lessonEditing':
      return a.on === s.lessonEditing ? s : { ...s, lessonEditing: a.on };
  }
}

export function isDirty(s: EditorState): boolean {
  return s.saved !== s.history.present;
}

/** Whether replacing the document (New, Open, a template) would lose work: it has changes
 *  that are neither saved nor just as it was opened (a template opened and left alone). */
export function hasUnsavedWork(s: EditorState): boolean {
  return isDirty(s) && s.history.present !== s.opened;
}

export function present(s: EditorState): Project {
  return s.history.present;
}

