// The editor's whole state and its reducer: the project's undo history, the selection,
// the saved baseline (for the dirty mark) and view preferences. Pure; the React binding is
// in store.ts.
import type { Project } from '../../engine/project/types.js';
import { applyEdits, type Edit } from './edits.js';
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
}

export type EditorAction =
  | { type: 'edit'; edits: Edit[]; capture?: Capture }
  | { type: 'commit' }
  | { type: 'undo' }
  | { type: 'redo' }
  | { type: 'select'; selection: Selection }
  | { type: 'load'; project: Project; documentName: string | null; saved: boolean }
  | { type: 'saved'; project: Project; documentName: string };

export const EMPTY_SELECTION: Selection = { nodes: [], edges: [] };

export function createEditor(project: Project, documentName: string | null = null, saved = true): EditorState {
  return { history: createHistory(project), selection: EMPTY_SELECTION, saved: saved ? project : null, documentName };
}

/** Drops selected ids that no longer exist (after undo, delete, load). */
function pruneSelection(sel: Selection, p: Project): Selection {
  const nodeIds = new Set(p.graph.nodes.map((n) => n.id));
  const edgeIds = new Set(p.graph.edges.map((e) => e.id));
  const nodes = sel.nodes.filter((id) => nodeIds.has(id));
  const edges = sel.edges.filter((id) => edgeIds.has(id));
  return nodes.length === sel.nodes.length && edges.length === sel.edges.length ? sel : { nodes, edges };
}

export function editorReducer(s: EditorState, a: EditorAction): EditorState {
  switch (a.type) {
    case 'edit': {
      const next = applyEdits(s.history.present, a.edits);
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
      return createEditor(a.project, a.documentName, a.saved);
    case 'saved':
      return { ...s, saved: a.project, documentName: a.documentName };
  }
}

export function isDirty(s: EditorState): boolean {
  return s.saved !== s.history.present;
}

export function present(s: EditorState): Project {
  return s.history.present;
}

