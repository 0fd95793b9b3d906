// A small menu that pops up at a point (a right click) or under a button: items as data,
// reachable from the keyboard (arrows and Home/End move, Enter or Space chooses, Escape and
// a click elsewhere close it), kept inside the window.
import { useEffect, useLayoutEffect, useRef, useState, type KeyboardEvent, type ReactNode } from 'react';

export interface MenuItem {
  id: string;
  label: string;
  /** Shortcut shown on the right, e.g. "Ctrl+C". */
  hint?: string;
  disabled?: boolean;
  /** Draw a line above this item. */
  separated?: boolean;
  /** Choosing it leaves the menu to `run` (which shows something in its place) instead of closing it. */
  keepOpen?: boolean;
  run(): void;
}

export function PopupMenu({ at, items, onClose, label, children }: { at: { x: number; y: number }; items: readonly MenuItem[]; onClose(): void; label: string; children?: ReactNode }) {
  const ref = useRef<HTMLDivElement>(null);
  const [pos, setPos] = useState(at);
  const [active, setActive] = useState(() => items.findIndex((i) => !i.disabled));

  // Kept inside the window: a menu opened near the right or bottom edge opens leftwards or upwards.
  useLayoutEffect(() => {
    const r = ref.current?.getBoundingClientRect();
    if (!r) return;
    setPos({ x: Math.max(4, Math.min(at.x, window.innerWidth - r.width - 4)), y: Math.max(4, Math.min(at.y, window.innerHeight - r.height - 4)) });
  }, [at.x, at.y, items.length]);

  useEffect(() => {
    const away = (e: MouseEvent) => {
      if (!ref.current?.contains(e.target as Node)) onClose();
    };
    // Capture: a click on the canvas closes the menu before React Flow handles it.
    window.addEventListener('mousedown', away, true);
    window.addEventListener('blur', onClose);
    return () => {
      window.removeEventListener('mousedown', away, true);
      window.removeEventListener('blur', onClose);
    };
  }, [onClose]);

  useEffect(() => {
    const focusActive = () => {
      if (active >= 0) (ref.current?.querySelectorAll('[role="menuitem"]')[active] as HTMLElement | undefined)?.focus();
      else ref.current?.focus();
    };
    focusActive();
    // The click that opened the menu may still move focus (to the node under it) after this
    // render: take it back once, on the next frame, if it went elsewhere.
    const f = requestAnimationFrame(() => {
      if (!ref.current?.contains(document.activeElement)) focusActive();
    });
    return () => cancelAnimationFrame(f);
  }, [active]);

  const step = (from: number, dir: 1 | -1) => {
    for (let k = 1; k <= items.length; k++) {
      const i = (from + dir * k + items.length * 2) % items.length;
      if (!items[i]!.disabled) return i;
    }
    return from;
  };

  const choose = (item: MenuItem) => {
    if (item.disabled) return;
    if (!item.keepOpen) onClose();
    item.run();
  };

  const onKeyDown = (e: KeyboardEvent) => {
    // The menu's keys are its own, not the editor's shortcuts.
    e.stopPropagation();
    if (e.key === 'Escape' || e.key === 'Tab') {
      e.preventDefault();
      onClose();
    } else if (e.key === 'ArrowDown') {
      e.preventDefault();
      setActive((a) => step(a, 1));
    } else if (e.key === 'ArrowUp') {
      e.preventDefault();
      setActive((a) => step(a, -1));
    } else if (e.key === 'Home') {
      e.preventDefault();
      setActive(step(-1, 1));
    } else if (e.key === 'End') {
      e.preventDefault();
      setActive(step(items.length, -1));
    } else if ((e.key === 'Enter' || e.key === ' ') && items[active]) {
      e.preventDefault();
      choose(items[active]!);
    }
  };

  return (
    <div ref={ref} className="popup-menu" role="menu" aria-label={label} tabIndex={-1} style={{ left: pos.x, top: pos.y }} onKeyDown={onKeyDown} onContextMenu={(e) => e.preventDefault()}>
      {children}
      {items.map((item, i) => (
        <button
          key={item.id}
          type="button"
          role="menuitem"
          className={item.separated ? 'popup-item separated' : 'popup-item'}
          data-menu-item={item.id}
          aria-disabled={item.disabled || undefined}
          tabIndex={i === active ? 0 : -1}
          onMouseEnter={() => !item.disabled && setActive(i)}
          onClick={() => choose(item)}
        >
          <span>{item.label}</span>
          {item.hint && <span className="popup-hint">{item.hint}</span>}
        </button>
      ))}
    </div>
  );
}
