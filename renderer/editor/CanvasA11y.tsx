// The canvas without a mouse: the "Connect to…" list (from the inspector's button or the C
// key on a node) and the live region that says what a key press did.
import { useEffect, useRef, useState, type KeyboardEvent } from 'react';
import { useApp } from '../app/context.js';
import { useEditorState } from '../state/store.js';
import { announce, connectTargets, onAnnounce, onConnectRequest } from './a11y.js';
import './a11y.css';

/** Puts the keyboard back on a node of the canvas (after the list closes, or a move). */
export function focusNode(id: string): void {
  document.querySelector<HTMLElement>(`.react-flow__node[data-id="${CSS.escape(id)}"]`)?.focus();
}

export function LiveRegion() {
  const [text, setText] = useState('');
  useEffect(
    () =>
      onAnnounce((t) => {
        // The same words twice (two moves right) must still be read out: clear, then say.
        setText('');
        requestAnimationFrame(() => setText(t));
      }),
    [],
  );
  return (
    <div className="sr-only" role="status" aria-live="polite" aria-atomic="true" data-live="canvas">
      {text}
    </div>
  );
}

export function ConnectMenu() {
  const { store } = useApp();
  const graph = useEditorState(store, (s) => s.history.present.graph);
  const [source, setSource] = useState<string | null>(null);
  const list = useRef<HTMLDivElement>(null);
  useEffect(() => onConnectRequest((id) => setSource(id)), []);
  useEffect(() => {
    if (source) list.current?.querySelector<HTMLElement>('button')?.focus();
  }, [source]);
  if (!source || !graph.nodes.some((n) => n.id === source)) return null;
  const targets = connectTargets(graph, source);

  const close = () => {
    setSource(null);
    requestAnimationFrame(() => focusNode(source));
  };
  const choose = (target: string) => {
    store.dispatch({ type: 'edit', edits: [{ type: 'connect', source, target }] });
    announce(`Connected ${source} to ${target}`);
    close();
  };
  const onKey = (e: KeyboardEvent) => {
    if (e.key === 'Escape') {
      e.preventDefault();
      e.stopPropagation();
      close();
      return;
    }
    if (e.key !== 'ArrowDown' && e.key !== 'ArrowUp') return;
    e.preventDefault();
    const buttons = [...(list.current?.querySelectorAll<HTMLElement>('button[data-connect-target]') ?? [])];
    const i = buttons.indexOf(document.activeElement as HTMLElement);
    buttons[(i + (e.key === 'ArrowDown' ? 1 : buttons.length - 1)) % buttons.length]?.focus();
  };

  return (
    <div className="connect-menu" role="dialog" aria-label={`Connect ${source} to…`} data-view="connect-to" ref={list} onKeyDown={onKey}>
      <div className="connect-menu-title">
        Connect <b>{source}</b> to…
      </div>
      {targets.length ? (
        <ul role="list">
          {targets.map((t) => (
            <li key={t.id}>
              <button className="btn" data-connect-target={t.id} onClick={() => choose(t.id)}>
                <span className="kind">{t.kind}</span> {t.id}
              </button>
            </li>
          ))}
        </ul>
      ) : (
        <p className="muted">No layer can take {source}'s output now: each has its inputs, or the edge would make a cycle.</p>
      )}
      <button className="btn ghost" onClick={close}>
        Cancel
      </button>
    </div>
  );
}
