// The one place that performs each action of the action table (electron/actions.ts): the
// menu, the key handler and the toolbars only name the action, so all routes run this code.
import { useReactFlow } from '@xyflow/react';
import { useCallback, useMemo, useRef } from 'react';
import type { MenuAction } from '../../electron/contract.js';
import type { Project } from '../../engine/project/types.js';
import type { LayerLabApi } from '../api/client.js';
import { openedAs } from './open-files.js';
import { announce } from '../editor/a11y.js';
import { NODE_SIZE } from '../editor/dnd.js';
import { LEGIBLE_ZOOM, READABLE_ZOOM, bestArea, frameViewport, type Rect, type Size } from '../editor/framing.js';
import { blankProject } from '../../engine/project/blank.js';
import { fileStem } from '../../engine/project/file-name.js';
import { expandSelection } from '../state/blockEdits.js';
import { CLIPBOARD_FORMAT, copySelection, freeOffset, pasteClip, type Clip } from '../state/clipboard.js';
import type { UnsavedChoice } from '../dialogs/UnsavedDialog.js';
import { hasUnsavedWork } from '../state/editor.js';
import type { EditorStore } from '../state/store.js';
import { fitLayout, layeredLayout, overlaps, withLayout } from '../state/layout.js';
import type { Notice } from './context.js';

/** The nodes' bounds with room above them for an edge that wraps to the top of a column
 *  (ShapeEdge) and its label, when the graph has one (`wraps`). */
function withEdgeRoom(b: { x: number; y: number; width: number; height: number }, wraps = true) {
  return wraps ? { x: b.x, y: b.y - 36, width: b.width, height: b.height + 36 } : b;
}

/** Whether some edge climbs: its target drawn above its source (a layout wrapped into columns). */
function climbs(graph: Project['graph']): boolean {
  const y = new Map(graph.nodes.map((n) => [n.id, n.position.y]));
  return graph.edges.some((e) => (y.get(e.target) ?? 0) < (y.get(e.source) ?? 0));
}

/** Where a command came from: the application menu, or the page (keys, buttons). */
export type CommandSource = 'menu' | 'ui';

export interface CommandDeps {
  store: EditorStore;
  api: LayerLabApi | null;
  notify(n: Notice | null): void;
  openTemplates(): void;
  openExport(): void;
  openShortcuts(): void;
  toggleTheme(): void;
  toggleMinimap(): void;
  /** Browser mode: the hidden file input used for Open. */
  pickFile(): void;
  /** Asks what to do with unsaved changes before `action` ("opening a template") replaces them. */
  askUnsaved(action: string): Promise<UnsavedChoice>;
}

export function useCommands(deps: CommandDeps) {
  const flow = useReactFlow();
  const clipboard = useRef<Clip | null>(null);
  const last = useRef<{ action: string; at: number; source: CommandSource }>({ action: '', at: 0, source: 'ui' });
  const d = useRef(deps);
  d.current = deps;

  /** The canvas's size and the overlays over it (toolbar, zoom buttons, minimap), relative to it. */
  const canvasEnv = useCallback((): { size: Size; overlays: Rect[] } | null => {
    const el = document.querySelector('.canvas');
    if (!el) return null;
    const r = el.getBoundingClientRect();
    if (r.width < 1 || r.height < 1) return null;
    const overlays = [...el.querySelectorAll('.canvas-tools, .react-flow__controls, .react-flow__minimap')].map((o) => {
      const b = o.getBoundingClientRect();
      return { x: b.left - r.left, y: b.top - r.top, width: b.width, height: b.height };
    });
    return { size: { width: r.width, height: r.height }, overlays };
  }, []);

  /** The sizes React Flow measured, by node id. */
  const measuredSizes = useCallback(
    () => new Map(flow.getNodes().flatMap((n) => (n.measured?.width && n.measured.height ? [[n.id, { width: n.measured.width, height: n.measured.height }] as const] : []))),
    [flow],
  );

  /** Positions that show the graph largest on this canvas: one column, or its layers wrapped into several. */
  const fittedPositions = useCallback((project: Project) => {
    const env = canvasEnv();
    if (!env) return null;
    // A zoom over 0.9 counts as 0.9: past it, fewer columns read better than a bigger picture.
    return fitLayout(project.graph, measuredSizes(), (b) => bestArea(withEdgeRoom(b), env.size, env.overlays).zoom, { enough: 0.9, legible: LEGIBLE_ZOOM });
  }, [canvasEnv, measuredSizes]);

  /** Frames the network: all of it (`whole`), or down to a legible zoom from its top (opening a document). */
  const frame = useCallback((whole: boolean) => {
    const nodes = flow.getNodes();
    const env = canvasEnv();
    if (!nodes.length || !env) return;
    const wraps = climbs(d.current.store.get().history.present.graph);
    void flow.setViewport(frameViewport(withEdgeRoom(flow.getNodesBounds(nodes), wraps), env.size, whole, env.overlays), { duration: 200 });
  }, [flow, canvasEnv]);

  /**
   * After a document opens and its nodes are measured: a network that the canvas cannot show
   * comfortably whole and whose layout is the automatic one (a template, a file laid out on
   * opening or by the importer) is laid out again to fit, its layers wrapped into columns;
   * one arranged by hand keeps its arrangement. Then the view frames it.
   */
  const settle = useCallback((loaded: Project, automatic: boolean, tries = 0): void => {
    const { store } = d.current;
    const s = store.get();
    const nodes = flow.getNodes();
    const env = canvasEnv();
    // Something happened since (an edit, another document): leave it be.
    if (s.history.present !== loaded || !nodes.length || !env) return frame(false);
    // A busy machine may not have measured every node yet: the bounds would be wrong.
    const unmeasured = nodes.some((n) => !n.measured?.width);
    if (unmeasured && tries < 20) {
      setTimeout(() => settle(loaded, automatic, tries + 1), 50);
      return;
    }
    if (automatic && bestArea(flow.getNodesBounds(nodes), env.size, env.overlays).zoom < READABLE_ZOOM) {
      const fitted = fittedPositions(loaded);
      const moved = fitted && loaded.graph.nodes.some((n) => {
        const p = fitted.positions.get(n.id);
        return p && (p.x !== n.position.x || p.y !== n.position.y);
      });
      if (fitted && moved) {
        const project = { ...loaded, graph: { ...loaded.graph, nodes: loaded.graph.nodes.map((n) => ({ ...n, position: fitted.positions.get(n.id) ?? n.position })) } };
        // Opened this way, not edited: the layout is no undo step and leaves the document as clean as it was.
        store.dispatch({ type: 'load', project, documentName: s.documentName, saved: s.saved === s.history.present, recovered: s.opened === null });
        // A layer chosen meanwhile stays chosen.
        if (s.selection.nodes.length || s.selection.edges.length) store.dispatch({ type: 'select', selection: s.selection });
        setTimeout(() => frame(false), 40);
        return;
      }
    }
    frame(false);
  }, [flow, canvasEnv, fittedPositions, frame]);

  const load = useCallback((project: Project, documentName: string | null, saved: boolean, warnings: string[] = [], recovered = false) => {
    const { store, notify } = d.current;
    // Files drawn with tighter spacing than our nodes need are laid out again on opening.
    const crowded = overlaps(project.graph);
    if (crowded) project = { ...project, graph: withLayout(project.graph) };
    const layered = layeredLayout(project.graph);
    const automatic = crowded || project.graph.nodes.every((n) => layered.get(n.id)?.x === n.position.x && layered.get(n.id)?.y === n.position.y);
    store.dispatch({ type: 'load', project, documentName, saved, recovered });
    notify(warnings.length ? { kind: 'info', text: warnings.join('\n') } : null);
    // Let React Flow measure the new nodes before laying them out and framing them.
    const loaded = store.get().history.present;
    setTimeout(() => settle(loaded, automatic), 60);
  }, [settle]);

  const failed = useCallback((what: string, e: unknown) => d.current.notify({ kind: 'error', text: `${what}: ${(e as Error).message}` }), []);

  /** Saves the document; true once it is saved (false when canceled or it failed). */
  const save = useCallback(async (as: boolean): Promise<boolean> => {
    const { api, store, notify } = d.current;
    if (!api) {
      notify({ kind: 'error', text: 'Not connected to the LayerLab host; the project is kept in autosave.' });
      return false;
    }
    const project = store.get().history.present;
    try {
      const r = as
        ? await api.invoke('project.saveAs', { project, suggestedName: fileStem(project.name) })
        : await api.invoke('project.save', { project });
      if (r.canceled) return false;
      store.dispatch({ type: 'saved', project, documentName: r.document.name });
      notify({ kind: 'info', text: `Saved to ${r.location}` });
      return true;
    } catch (e) {
      failed('Could not save', e);
      return false;
    }
  }, [failed]);

  /** Before a document replaces this one: true to go on (nothing to lose, saved, or
   *  discarded), false to leave everything as it is. Asked before the host is told anything. */
  const mayReplace = useCallback(async (action: string): Promise<boolean> => {
    const { store, askUnsaved } = d.current;
    if (!hasUnsavedWork(store.get())) return true;
    const choice = await askUnsaved(action);
    if (choice === 'cancel') return false;
    if (choice === 'discard') return true;
    return save(false);
  }, [save]);

  const paste = useCallback((clip: Clip, offset?: { x: number; y: number }) => {
    const { store } = d.current;
    const graph = store.get().history.present.graph;
    // Stepped past the original and any earlier copies, so a paste is never hidden under one.
    const { nodes, edges } = pasteClip(graph, clip, offset ?? freeOffset(graph, clip));
    store.dispatch({ type: 'edit', edits: [{ type: 'addElements', nodes, edges }] });
    store.dispatch({ type: 'select', selection: { nodes: nodes.map((n) => n.id), edges: edges.map((e) => e.id) } });
  }, []);

  const perform = useCallback(async (action: MenuAction, source: CommandSource = 'ui') => {
    // The Electron menu's accelerator and the page's key handler may both report one press;
    // only a report from the other route is dropped, so quick repeats (Ctrl+Z held) all count.
    const now = performance.now();
    const prev = last.current;
    last.current = { action, at: now, source };
    if (prev.action === action && prev.source !== source && (prev.source === 'menu' || source === 'menu') && now - prev.at < 80) return;
    const { store, api } = d.current;
    const s = store.get();
    const sel = s.selection;
    switch (action) {
      case 'file.new':
        if (!(await mayReplace('starting a new project'))) return;
        try {
          load(api ? (await api.invoke('project.new', {})).project : blankProject(), null, true);
        } catch (e) {
          failed('Could not create a project', e);
        }
        return;
      case 'file.open':
        if (!(await mayReplace('opening another project'))) return;
        if (api?.mode === 'electron') {
          try {
            const r = await api.invoke('project.open', {});
            if (!r.canceled) {
              const as = openedAs(r, null);
              load(r.project, as.name, as.saved, as.warnings);
            }
          } catch (e) {
            failed('Could not open the project', e);
          }
        } else d.current.pickFile();
        return;
      case 'file.openTemplate':
        return d.current.openTemplates();
      case 'file.save':
        await save(false);
        return;
      case 'file.saveAs':
        await save(true);
        return;
      case 'file.export':
        return d.current.openExport();
      case 'edit.undo':
        return store.dispatch({ type: 'undo' });
      case 'edit.redo':
        return store.dispatch({ type: 'redo' });
      case 'edit.copy':
      case 'edit.cut': {
        if (!sel.nodes.length) return;
        clipboard.current = copySelection(s.history.present.graph, expandSelection(s.history.present, sel.nodes));
        // The system clipboard is a bonus (other windows); the internal one always works.
        void navigator.clipboard?.writeText(JSON.stringify(clipboard.current)).catch(() => undefined);
        if (action === 'edit.cut') store.dispatch({ type: 'edit', edits: [{ type: 'remove', nodeIds: [...sel.nodes], edgeIds: [...sel.edges] }] });
        return;
      }
      case 'edit.paste':
        if (clipboard.current?.format === CLIPBOARD_FORMAT) paste(clipboard.current);
        return;
      case 'edit.duplicate':
        if (!sel.nodes.length) return;
        return paste(copySelection(s.history.present.graph, expandSelection(s.history.present, sel.nodes)));
      case 'edit.delete':
        if (!sel.nodes.length && !sel.edges.length) return;
        store.dispatch({ type: 'edit', edits: [{ type: 'remove', nodeIds: [...sel.nodes], edgeIds: [...sel.edges] }] });
        return announce(sel.nodes.length ? `Removed ${sel.nodes.length === 1 ? sel.nodes[0] : `${sel.nodes.length} layers`}` : 'Removed the connection');
      case 'edit.group': {
        if (!sel.nodes.length) return;
        const before = s.history.present;
        store.dispatch({ type: 'edit', edits: [{ type: 'group', nodeIds: [...sel.nodes] }] });
        const after = store.get().history.present;
        if (after === before) {
          d.current.notify({ kind: 'error', text: 'Cannot group these layers: they are already one block, or the selection cuts through a block.' });
          return;
        }
        // The new block is selected, so the inspector shows its name to edit.
        const made = after.groups?.find((g) => !before.groups?.some((b) => b.id === g.id));
        if (made) store.dispatch({ type: 'select', selection: { nodes: [made.id], edges: [] } });
        return;
      }
      case 'edit.ungroup': {
        const groups = s.history.present.groups ?? [];
        // The selected block, or else the innermost block holding a selected layer.
        const direct = sel.nodes.find((id) => groups.some((g) => g.id === id));
        const holder = direct ?? [...groups].sort((a, b) => a.nodes.length - b.nodes.length).find((g) => sel.nodes.some((n) => g.nodes.includes(n)))?.id;
        if (!holder) return;
        const members = groups.find((g) => g.id === holder)!.nodes;
        store.dispatch({ type: 'edit', edits: [{ type: 'ungroup', groupId: holder }] });
        store.dispatch({ type: 'select', selection: { nodes: [...members], edges: [] } });
        return;
      }
      case 'edit.selectAll': {
        const g = s.history.present.graph;
        return store.dispatch({ type: 'select', selection: { nodes: g.nodes.map((n) => n.id), edges: g.edges.map((e) => e.id) } });
      }
      case 'view.zoomToFit':
        return frame(true);
      case 'view.autoLayout': {
        const pos = fittedPositions(s.history.present)?.positions ?? layeredLayout(s.history.present.graph);
        store.dispatch({ type: 'edit', edits: [{ type: 'moveNodes', moves: [...pos].map(([id, position]) => ({ id, position })) }] });
        setTimeout(() => frame(false), 30);
        return;
      }
      case 'view.toggleTheme':
        return d.current.toggleTheme();
      case 'view.toggleMinimap':
        return d.current.toggleMinimap();
      case 'help.about':
      case 'help.shortcuts':
        return d.current.openShortcuts();
      default: {
        // An action added to the table without a case here fails to compile.
        const unhandled: never = action;
        throw new Error(`no command performs the action "${String(unhandled)}"`);
      }
    }
  }, [frame, load, save, paste, failed, mayReplace, fittedPositions]);

  /** Where a layer added from the palette (Enter, double-click) goes: the middle of the visible canvas. */
  const centerPosition = useCallback(() => {
    const { store } = d.current;
    const el = document.querySelector('.canvas');
    const r = el?.getBoundingClientRect();
    const c = r ? flow.screenToFlowPosition({ x: r.left + r.width / 2, y: r.top + r.height / 2 }) : { x: 0, y: 0 };
    const taken = store.get().history.present.graph.nodes.map((n) => n.position);
    let pos = { x: Math.round(c.x - NODE_SIZE.width / 2), y: Math.round(c.y - NODE_SIZE.height / 2) };
    // Do not stack a new layer exactly on top of one already there.
    while (taken.some((p) => Math.abs(p.x - pos.x) < 20 && Math.abs(p.y - pos.y) < 20)) pos = { x: pos.x + 30, y: pos.y + 30 };
    return pos;
  }, [flow]);

  /** The context menu's paste: the clip's top-left corner at `at` (flow coordinates); false with nothing copied. */
  const clip = useMemo(
    () => ({
      has: () => clipboard.current?.format === CLIPBOARD_FORMAT,
      pasteAt: (at: { x: number; y: number }) => {
        const c = clipboard.current;
        if (c?.format !== CLIPBOARD_FORMAT || !c.nodes.length) return;
        const x0 = Math.min(...c.nodes.map((n) => n.position.x));
        const y0 = Math.min(...c.nodes.map((n) => n.position.y));
        paste(c, { x: Math.round(at.x - x0), y: Math.round(at.y - y0) });
      },
    }),
    [paste],
  );

  return { perform, load, centerPosition, mayReplace, clip };
}
