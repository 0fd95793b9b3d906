// The keyboard shortcuts, read from the same table the key handler uses.
import { SHORTCUTS } from '../state/shortcuts.js';
import { Modal } from './Modal.js';

const LABELS: Record<string, string> = {
  'edit.undo': 'Undo',
  'edit.redo': 'Redo',
  'edit.copy': 'Copy',
  'edit.cut': 'Cut',
  'edit.paste': 'Paste',
  'edit.duplicate': 'Duplicate',
  'edit.selectAll': 'Select all',
  'edit.delete': 'Delete selection',
  'file.save': 'Save',
  'file.saveAs': 'Save as',
  'file.open': 'Open',
  'file.new': 'New',
  'file.export': 'Export…',
  'view.autoLayout': 'Auto-layout',
  'view.zoomToFit': 'Zoom to fit',
};

export function ShortcutsDialog({ onClose }: { onClose(): void }) {
  return (
    <Modal title="Keyboard shortcuts" small onClose={onClose}>
      <table className="tbl">
        <tbody>
          {SHORTCUTS.map((s) => (
            <tr key={s.action}>
              <td>{LABELS[s.action] ?? s.action}</td>
              <td className="mono" style={{ textAlign: 'right' }}>
                {s.label}
              </td>
            </tr>
          ))}
          <tr>
            <td>Multi-select</td>
            <td className="mono" style={{ textAlign: 'right' }}>
              Ctrl+click, Shift+drag
            </td>
          </tr>
        </tbody>
      </table>
    </Modal>
  );
}
