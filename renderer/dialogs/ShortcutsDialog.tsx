// The keyboard shortcuts: every action of the action table that has keys, as the menu names it.
import { ACTIONS, keysLabel, type ActionSpec } from '../../electron/actions.js';
import { NODE_KEYS } from '../editor/a11y.js';
import { Modal } from './Modal.js';

export function ShortcutsDialog({ onClose }: { onClose(): void }) {
  const rows = (ACTIONS as readonly ActionSpec[]).map((a) => ({ a, keys: keysLabel(a) })).filter((r) => r.keys);
  return (
    <Modal title="Keyboard shortcuts" small onClose={onClose}>
      <table className="tbl">
        <tbody>
          {rows.map(({ a, keys }) => (
            <tr key={a.id} data-action={a.id}>
              <td>{a.label}</td>
              <td className="mono" style={{ textAlign: 'right' }}>
                {keys}
              </td>
            </tr>
          ))}
          {NODE_KEYS.map(([what, keys]) => (
            <tr key={what} data-node-key>
              <td>{what}</td>
              <td className="mono" style={{ textAlign: 'right' }}>
                {keys}
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
