// A transient message at the top: info fades after a few seconds (longer for a longer text,
// such as a link to copy), errors stay until closed.
import { useEffect, useRef } from 'react';
import type { Notice } from '../app/context.js';

/** How long an info notice stays: time to read it, 4 to 15 s. */
export function noticeMs(text: string): number {
  return Math.max(4000, Math.min(15_000, text.length * 60));
}

export function NoticeBar({ notice, onClose }: { notice: Notice | null; onClose(): void }) {
  // The parent passes a new onClose each render; the timer must not start over with it.
  const close = useRef(onClose);
  close.current = onClose;
  useEffect(() => {
    if (!notice || notice.kind === 'error') return;
    const t = setTimeout(() => close.current(), noticeMs(notice.text));
    return () => clearTimeout(t);
  }, [notice]);
  if (!notice) return null;
  return (
    <div className={`notice ${notice.kind}`} role={notice.kind === 'error' ? 'alert' : 'status'} data-notice={notice.kind}>
      <span className="notice-text">{notice.text}</span>
      <button className="btn icon ghost" aria-label="Dismiss" onClick={onClose} style={{ height: 22, width: 22 }}>
        ×
      </button>
    </div>
  );
}
