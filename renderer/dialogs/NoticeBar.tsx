// A transient message at the top: info fades after a few seconds, errors stay until closed.
import { useEffect } from 'react';
import type { Notice } from '../app/context.js';

export function NoticeBar({ notice, onClose }: { notice: Notice | null; onClose(): void }) {
  useEffect(() => {
    if (!notice || notice.kind === 'error') return;
    const t = setTimeout(onClose, 4000);
    return () => clearTimeout(t);
  }, [notice, onClose]);
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
