// Offered at start-up when the last session ended with unsaved changes.
import type { AutosaveRecord } from '../state/autosave.js';

export function RecoveryPrompt({ record, onRestore, onDiscard }: { record: AutosaveRecord; onRestore(): void; onDiscard(): void }) {
  return (
    <div className="recovery" role="alertdialog" aria-label="Recover unsaved work">
      <b>Recover unsaved work?</b>
      <p>
        “{record.project.name}” had unsaved changes when LayerLab last closed ({new Date(record.savedAt).toLocaleString()}, {record.project.graph.nodes.length} layers).
      </p>
      <div style={{ display: 'flex', gap: 8, justifyContent: 'flex-end' }}>
        <button className="btn" onClick={onDiscard}>
          Discard
        </button>
        <button className="btn primary" onClick={onRestore}>
          Recover
        </button>
      </div>
    </div>
  );
}
