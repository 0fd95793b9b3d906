// The React Flow canvas. The project in the store is the only source of truth: nodes and
// edges are derived from it on every render, and React Flow's changes become edits.
import {
  Background,
  BackgroundVariant,
  Controls,
  MiniMap,
  ReactFlow,
  useReactFlow,
  useStoreApi,
  type Viewport,
  type Connection,
  type EdgeChange,
  type FinalConnectionState,
  type NodeChange,
} from '@xyflow/react';
import { useCallback, useEffect, useMemo, useReducer, useRef, useState, type DragEvent, type KeyboardEvent, type MouseEvent as ReactMouseEvent } from 'react';
import type { MenuAction } from '../../electron/contract.js';
import { getKind, isInputKind } from '../../engine/layers/registry.js';
import { formatShape } from '../../engine/layers/shape.js';
import { groupPosition, representativeOf } from '../../engine/project/groups.js';
import { useApp } from '../app/context.js';
import { canConnect } from '../state/connect.js';
import type { XY } from '../state/edits.js';
import { prefixForKind, uniqueId } from '../state/ids.js';
import { useEditorState, type EditorStore } from '../state/store.js';
import { categoryColor } from '../styles/categories.js';
import { announce, arrowDelta, NODE_DESCRIPTION, nodeAccessibleName, requestConnect } from './a11y.js';
import { ConnectMenu, LiveRegion } from './CanvasA11y.js';
import { CanvasMenu, type CanvasMenuState } from './CanvasMenu.js';
import { CanvasTools } from './CanvasTools.js';
import { isTextTarget } from '../state/shortcuts.js';
import { diagnosticsByNode } from './diagnostics.js';
import { BLOCK_MIME, KIND_MIME, NODE_SIZE } from './dnd.js';
import { LayerNode, type LayerFlowNode } from './LayerNode.js';
import { BlockFrame, BlockNode, type BlockFlowNode, type FrameFlowNode } from './BlockNode.js';
import { canvasView, connectionEnds, isLinked } from './blockView.js';
import { dropLibraryBlock, readBlockDrag } from './libraryDrop.js';
import { ShapeEdge, type ShapeFlowEdge } from './ShapeEdge.js';
import { onReveal } from './reveal.js';

const nodeTypes = { layer: LayerNode, block: BlockNode, frame: BlockFrame };
type FlowNode = LayerFlowNode | BlockFlowNode | FrameFlowNode;
const edgeTypes = { shape: ShapeEdge };
const ariaLabelConfig = { 'node.a11yDescription.default': NODE_DESCRIPTION, 'node.a11yDescription.keyboardDisabled': NODE_DESCRIPTION };

/** Adds a layer of `kind` at a flow position and selects it. An Input takes the shape of
 *  the project's dataset's examples, when known, so the two agree from the start. */
export function useAddLayer(store: EditorStore, datasetShape?: readonly number[]) {
  const key = datasetShape?.join(',');
  return useCallback(
    (kind: string, position: XY) => {
      const ids = new Set(store.get().history.present.graph.nodes.map((n) => n.id));
      const id = uniqueId(prefixForKind(kind), ids);
      const params = isInputKind(kind) && key ? { shape: key.split(',').map(Number) } : undefined;
      store.dispatch({ type: 'edit', edits: [{ type: 'addNode', kind, id, position, ...(params ? { params } : {}) }] });
      store.dispatch({ type: 'select', selection: { nodes: [id], edges: [] } });
    },
    [store, key],
  );
}

const lastViewport = new WeakMap<EditorStore, Viewport>();

/** What the context menu's paste needs from the commands (useCommands.clip). */
export interface CanvasClip {
  has(): boolean;
  pasteAt(at: XY): void;
}

export function Canvas({ onEmptyAction, showMinimap = true, perform, colorMode, clip }: { onEmptyAction?: () => void; showMinimap?: boolean; perform(a: MenuAction): void; colorMode: 'light' | 'dark'; clip?: CanvasClip }) {
  const { store, report, notify, datasetInfo } = useApp();
  const project = useEditorState(store, (s) => s.history.present);
  const selection = useEditorState(store, (s) => s.selection);
  const flow = useReactFlow();
  // The canvas unmounts while the dashboard is shown, and React Flow resets its viewport
  // then; the last one is kept per document store so coming back shows the network as it was.
  const [initialViewport] = useState(() => lastViewport.get(store) ?? { x: 80, y: 60, zoom: 1 });
  const flowStore = useStoreApi();
  useEffect(
    () =>
      flowStore.subscribe((s) => {
        const [x, y, zoom] = s.transform;
        // [0, 0, 1] is React Flow's reset on unmount, not a place the person chose.
        if (x !== 0 || y !== 0 || zoom !== 1) lastViewport.set(store, { x, y, zoom });
      }),
    [flowStore, store],
  );
  const addLayer = useAddLayer(store, datasetInfo?.inputShape);
  // React Flow measures nodes in the DOM; the sizes live here since the store holds the document only.
  const measured = useRef(new Map<string, { width: number; height: number }>());
  const [measureVersion, remeasured] = useReducer((x: number) => x + 1, 0);
  // A node chosen outside the canvas (the problems list) is panned into view when it is not.
  useEffect(
    () =>
      onReveal((layer) => {
        // A layer inside a collapsed block is shown by its block.
        const id = representativeOf(store.get().history.present.groups ?? [])(layer);
        const n = flow.getInternalNode(id);
        if (!n) return;
        const { width = NODE_SIZE.width, height = NODE_SIZE.height } = n.measured;
        const { x, y } = n.internals.positionAbsolute;
        const el = document.querySelector(`.react-flow__node[data-id="${CSS.escape(id)}"]`)?.getBoundingClientRect();
        const pane = document.querySelector('[data-view="canvas"]')?.getBoundingClientRect();
        const inView = el && pane && el.left >= pane.left && el.right <= pane.right && el.top >= pane.top && el.bottom <= pane.bottom;
        if (!inView) void flow.setCenter(x + width / 2, y + height / 2, { zoom: flow.getZoom(), duration: 250 });
      }),
    [flow, store],
  );

  // Blocks: collapsed ones stand in for their members, expanded ones are frames behind them.
  const view = useMemo(
    () => canvasView(project, report, (id) => measured.current.get(id)),
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [project.graph, project.groups, report, measureVersion],
  );

  const nodes = useMemo<FlowNode[]>(() => {
    const diag = diagnosticsByNode(report);
    const byId = new Map(report.nodes.map((n) => [n.id, n]));
    const sel = new Set(selection.nodes);
    const frames: FrameFlowNode[] = view.frames.map(({ group: g, rect }) => ({
      id: g.id,
      type: 'frame',
      position: { x: rect.x, y: rect.y },
      draggable: false,
      selected: sel.has(g.id),
      // React Flow shows a node once it has a measured size; a frame's is its rectangle.
      measured: { width: rect.width, height: rect.height },
      // Below zero a frame would sit behind the canvas; drawn first, the layers cover it.
      zIndex: 0,
      ariaLabel: `Block ${g.name}, ${g.nodes.length} layers, expanded`,
      data: { name: g.name, groupId: g.id, linked: isLinked(project.groups ?? [], g), width: rect.width, height: rect.height },
    }));
    const blocks: BlockFlowNode[] = view.blocks.map((b) => ({
      id: b.group.id,
      type: 'block',
      position: groupPosition(project.graph, b.group),
      selected: sel.has(b.group.id),
      measured: measured.current.get(b.group.id),
      ariaLabel: `Block ${b.group.name}, ${b.group.nodes.length} layers, ${b.params} parameters${b.errors.length ? `, ${b.errors.length} error${b.errors.length > 1 ? 's' : ''}` : ''}`,
      data: { block: b },
    }));
    return [...frames, ...blocks, ...view.layers.map((n): LayerFlowNode => {
      const d = diag(n.id);
      return {
        id: n.id,
        type: 'layer',
        position: n.position,
        selected: sel.has(n.id),
        measured: measured.current.get(n.id),
        ariaLabel: nodeAccessibleName(n, byId.get(n.id), d.errors, d.warnings),
        data: { node: n, report: byId.get(n.id), ...d },
      };
    })];
    // measureVersion: sizes changed
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [view, project.graph, report, selection.nodes, measureVersion]);

  const edges = useMemo<ShapeFlowEdge[]>(() => {
    const shapes = new Map(report.nodes.map((n) => [n.id, n.outputShape]));
    const sel = new Set(selection.edges);
    return view.edges.map((e) => {
      const s = shapes.get(e.from);
      return { id: e.id, source: e.source, target: e.target, sourceHandle: e.sourceHandle, targetHandle: e.targetHandle, type: 'shape', selected: sel.has(e.id), data: { shape: s ? formatShape(s.slice(1)) : null } };
    });
  }, [view, report, selection.edges]);

  const onNodesChange = useCallback(
    (changes: NodeChange<FlowNode>[]) => {
      const moves: { id: string; position: XY }[] = [];
      let dragEnded = false;
      let dragging = false;
      let sel: Set<string> | null = null;
      let sized = false;
      for (const c of changes) {
        if (c.type === 'position') {
          if (c.position) moves.push({ id: c.id, position: c.position });
          if (c.dragging) dragging = true;
          else dragEnded = true;
        } else if (c.type === 'dimensions' && c.dimensions) {
          measured.current.set(c.id, c.dimensions);
          sized = true;
        } else if (c.type === 'select') {
          sel ??= new Set(store.get().selection.nodes);
          if (c.selected) sel.add(c.id);
          else sel.delete(c.id);
        }
      }
      if (sized) remeasured();
      // A drag sends many moves: they are one undo step, committed when the drag ends.
      if (moves.length) store.dispatch({ type: 'edit', edits: [{ type: 'moveNodes', moves }], capture: dragging ? 'eventually' : 'immediately' });
      if (dragEnded) store.dispatch({ type: 'commit' });
      if (sel) store.dispatch({ type: 'select', selection: { nodes: [...sel], edges: store.get().selection.edges } });
    },
    [store],
  );

  const onEdgesChange = useCallback(
    (changes: EdgeChange<ShapeFlowEdge>[]) => {
      let sel: Set<string> | null = null;
      for (const c of changes) {
        if (c.type !== 'select') continue;
        sel ??= new Set(store.get().selection.edges);
        if (c.selected) sel.add(c.id);
        else sel.delete(c.id);
      }
      if (sel) store.dispatch({ type: 'select', selection: { nodes: store.get().selection.nodes, edges: [...sel] } });
    },
    [store],
  );

  const isValidConnection = useCallback(
    (c: Connection | ShapeFlowEdge) => {
      const p = store.get().history.present;
      const ends = connectionEnds(p, c);
      return canConnect(p.graph, ends.source, ends.target).ok;
    },
    [store],
  );

  const onConnect = useCallback(
    (c: Connection) => store.dispatch({ type: 'edit', edits: [{ type: 'connect', ...connectionEnds(store.get().history.present, c) }] }),
    [store],
  );

  // Tell people why a connection was refused instead of silently dropping it.
  const onConnectEnd = useCallback(
    (_e: MouseEvent | TouchEvent, state: FinalConnectionState) => {
      if (state.isValid !== false || !state.fromNode || !state.toNode) return;
      const [source, target] = state.fromHandle?.type === 'target' ? [state.toNode.id, state.fromNode.id] : [state.fromNode.id, state.toNode.id];
      const p = store.get().history.present;
      const from = state.fromHandle?.id;
      const to = state.toHandle?.id;
      const ends = connectionEnds(p, state.fromHandle?.type === 'target' ? { source, target, sourceHandle: to, targetHandle: from } : { source, target, sourceHandle: from, targetHandle: to });
      const v = canConnect(p.graph, ends.source, ends.target);
      if (!v.ok) notify({ kind: 'error', text: `Connection refused: ${v.reason}.` });
    },
    [store, notify],
  );

  const onDragOver = useCallback((e: DragEvent) => {
    if (!e.dataTransfer.types.includes(KIND_MIME) && !e.dataTransfer.types.includes(BLOCK_MIME)) return;
    e.preventDefault();
    e.dataTransfer.dropEffect = 'copy';
  }, []);

  const onDrop = useCallback(
    (e: DragEvent) => {
      const p = flow.screenToFlowPosition({ x: e.clientX, y: e.clientY });
      // A block from "My blocks": its layers, fresh ids, their top-left corner under the pointer.
      const lib = readBlockDrag(e.dataTransfer);
      if (lib) {
        e.preventDefault();
        dropLibraryBlock(store, lib, { x: Math.round(p.x - NODE_SIZE.width / 2), y: Math.round(p.y - 20) });
        return;
      }
      const kind = e.dataTransfer.getData(KIND_MIME);
      if (!kind || !getKind(kind)) return;
      e.preventDefault();
      addLayer(kind, { x: Math.round(p.x - NODE_SIZE.width / 2), y: Math.round(p.y - NODE_SIZE.height / 2) });
    },
    [flow, addLayer, store],
  );

  // Keys on a focused node (Tab reaches each): arrows move it (with the rest of the selection)
  // by a grid step, one undo step per press; C opens "Connect to…"; Enter selects it for the
  // inspector. Taken before React Flow's own node keys, whose step is not the grid's.
  const onNodeKey = useCallback(
    (e: KeyboardEvent) => {
      if (isTextTarget(e.target) || e.ctrlKey || e.metaKey || e.altKey) return;
      const el = (e.target as HTMLElement).closest?.('.react-flow__node');
      const id = el?.getAttribute('data-id');
      if (!id || el !== e.target) return;
      const s = store.get();
      const move = arrowDelta(e.key, e.shiftKey);
      if (move) {
        e.preventDefault();
        e.stopPropagation();
        const ids = s.selection.nodes.includes(id) ? s.selection.nodes : [id];
        if (ids !== s.selection.nodes) store.dispatch({ type: 'select', selection: { nodes: ids, edges: [] } });
        // Layers and collapsed blocks move (moveNodes takes both); an expanded block's frame follows its layers.
        const moves = ids.flatMap((i) => {
          const n = flow.getNode(i);
          return n && n.type !== 'frame' ? [{ id: i, position: { x: n.position.x + move.dx, y: n.position.y + move.dy } }] : [];
        });
        if (!moves.length) return;
        store.dispatch({ type: 'edit', edits: [{ type: 'moveNodes', moves }] });
        const way = move.dx < 0 ? 'left' : move.dx > 0 ? 'right' : move.dy < 0 ? 'up' : 'down';
        announce(`Moved ${ids.length === 1 ? ids[0] : `${ids.length} layers`} ${way}`);
      } else if (e.key === 'c' || e.key === 'C') {
        e.preventDefault();
        e.stopPropagation();
        if (s.history.present.graph.nodes.some((n) => n.id === id)) requestConnect(id);
        else announce(`Connect to… works on a layer: expand the block ${id} and choose one of its layers`);
      } else if (e.key === 'Enter') {
        e.preventDefault();
        e.stopPropagation();
        store.dispatch({ type: 'select', selection: { nodes: [id], edges: [] } });
        announce(`${id} selected; the inspector shows it`);
      }
    },
    [store, flow],
  );

  const onPaneClick = useCallback(() => store.dispatch({ type: 'select', selection: { nodes: [], edges: [] } }), [store]);

  // The context menu. A keyboard's Menu key sends the event without a pointer position: the
  // menu then opens at the element it was pressed on.
  const [menu, setMenu] = useState<CanvasMenuState | null>(null);
  const closeMenu = useCallback(() => setMenu(null), []);
  const pointOf = (e: { clientX: number; clientY: number; currentTarget?: EventTarget | null; target?: EventTarget | null }) => {
    if (Number.isFinite(e.clientX) && Number.isFinite(e.clientY) && (e.clientX !== 0 || e.clientY !== 0)) return { x: e.clientX, y: e.clientY };
    const el = (e.target ?? e.currentTarget) as Element | null;
    const r = el?.getBoundingClientRect?.();
    return r ? { x: r.left + Math.min(40, r.width / 2), y: r.top + Math.min(30, r.height / 2) } : { x: 0, y: 0 };
  };
  const openMenu = useCallback(
    (target: CanvasMenuState['target'], screen: XY) => setMenu({ target, screen, flow: flow.screenToFlowPosition(screen) }),
    [flow],
  );
  const onNodeContextMenu = useCallback(
    (e: ReactMouseEvent, node: FlowNode) => {
      e.preventDefault();
      // Right-clicking a layer outside the selection acts on that layer alone.
      if (!store.get().selection.nodes.includes(node.id)) store.dispatch({ type: 'select', selection: { nodes: [node.id], edges: [] } });
      openMenu({ on: 'node', id: node.id }, pointOf(e));
    },
    [store, openMenu],
  );
  const onEdgeContextMenu = useCallback(
    (e: ReactMouseEvent, edge: ShapeFlowEdge) => {
      e.preventDefault();
      if (!store.get().selection.edges.includes(edge.id)) store.dispatch({ type: 'select', selection: { nodes: [], edges: [edge.id] } });
      openMenu({ on: 'edge', id: edge.id }, pointOf(e));
    },
    [store, openMenu],
  );
  const onPaneContextMenu = useCallback(
    (e: ReactMouseEvent | MouseEvent) => {
      e.preventDefault();
      openMenu({ on: 'pane' }, pointOf(e));
    },
    [openMenu],
  );
  // Shift+F10 opens the menu from the keyboard: on the selected layer, else on the canvas's middle.
  const onKeyDown = useCallback(
    (e: KeyboardEvent) => {
      if (!(e.key === 'F10' && e.shiftKey) || menu) return;
      e.preventDefault();
      const s = store.get().selection;
      const id = s.nodes[0];
      const el = id ? document.querySelector(`[data-view="canvas"] .react-flow__node[data-id="${CSS.escape(id)}"]`) : null;
      if (id && el) {
        const r = el.getBoundingClientRect();
        return openMenu({ on: 'node', id }, { x: r.left + 40, y: r.top + 30 });
      }
      const c = (e.currentTarget as Element).getBoundingClientRect();
      openMenu({ on: 'pane' }, { x: c.left + c.width / 2, y: c.top + c.height / 2 });
    },
    [store, openMenu, menu],
  );
  const menuNode = menu?.target.on === 'node' ? menu.target.id : null;
  const fixable = menuNode ? [...diagnosticsByNode(report)(menuNode).errors, ...diagnosticsByNode(report)(menuNode).warnings].find((d) => d.fix) : undefined;

  return (
    <div className="canvas" onDragOver={onDragOver} onDrop={onDrop} onKeyDownCapture={onNodeKey} onKeyDown={onKeyDown} data-view="canvas">
      <ReactFlow<FlowNode, ShapeFlowEdge>
        nodes={nodes}
        edges={edges}
        nodeTypes={nodeTypes}
        edgeTypes={edgeTypes}
        onNodesChange={onNodesChange}
        onEdgesChange={onEdgesChange}
        onConnect={onConnect}
        onConnectEnd={onConnectEnd}
        isValidConnection={isValidConnection}
        onPaneClick={onPaneClick}
        onNodeContextMenu={onNodeContextMenu}
        onEdgeContextMenu={onEdgeContextMenu}
        onPaneContextMenu={onPaneContextMenu}
        colorMode={colorMode}
        ariaLabelConfig={ariaLabelConfig}
        deleteKeyCode={null}
        selectionKeyCode="Shift"
        multiSelectionKeyCode={['Meta', 'Control']}
        // No fitView prop: it would re-frame the view when the first layer is dropped on an
        // empty canvas. Loading a document frames it explicitly (useCommands.load).
        defaultViewport={initialViewport}
        minZoom={0.1}
        maxZoom={2.5}
      >
        <Background variant={BackgroundVariant.Dots} gap={18} size={1.4} color="var(--canvas-dot)" />
        <Controls showInteractive={false} />
        {/* Smaller than React Flow's 200 × 150, so that on a laptop's canvas the strip kept clear of it when framing stays narrow. */}
        {showMinimap && <MiniMap style={{ width: 160, height: 110 }} pannable zoomable nodeColor={(n) => (n.type === 'layer' ? categoryColor(getKind((n as LayerFlowNode).data.node.kind)?.category) : n.type === 'block' ? 'var(--accent)' : 'transparent')} nodeBorderRadius={6} />}
      </ReactFlow>
      <CanvasTools perform={perform} minimap={showMinimap} />
      <ConnectMenu />
      <LiveRegion />
      {menu && (
        <CanvasMenu
          state={menu}
          selectedNodes={selection.nodes.length}
          canPaste={clip?.has() ?? false}
          fixable={fixable}
          inBlock={!!menuNode && (project.groups ?? []).some((g) => g.id === menuNode || g.nodes.includes(menuNode))}
          perform={perform}
          applyFix={(d) => d.fix && store.dispatch({ type: 'edit', edits: [{ type: 'applyFix', fix: d.fix }] })}
          addLayer={(kind, at) => addLayer(kind, { x: Math.round(at.x), y: Math.round(at.y) })}
          pasteAt={(at) => clip?.pasteAt(at)}
          onClose={closeMenu}
        />
      )}
      {project.graph.nodes.length === 0 && (
        <div className="canvas-empty">
          <div>
            <strong>An empty canvas</strong>
            Drag a layer from the palette, or select one and press Enter.
            <br />
            {onEmptyAction && (
              <button className="btn" onClick={onEmptyAction}>
                Start from a template…
              </button>
            )}
          </div>
        </div>
      )}
    </div>
  );
}
