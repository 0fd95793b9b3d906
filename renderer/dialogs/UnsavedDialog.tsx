// Asked before New, Open or a template replaces a document with unsaved changes: save them
// first, discard them, or cancel and keep everything as it is.
import { Modal } from './Modal.js';

export type UnsavedChoice = 'save' | 'discard' | 'cancel';

export function UnsavedDialog({ name, action, onChoose }: { name: string; action: string; onChoose(c: UnsavedChoice): void }) {
  return (
    <Modal title="Unsaved changes" small role="alertdialog" describedBy="unsaved-text" onClose={() => onChoose('cancel')}
      footer={
        <>
          <button className="btn" onClick={() => onChoose('cancel')}>
            Cancel
          </button>
          <button className="btn danger" onClick={() => onChoose('discard')}>
            Discard changes
          </button>
          <button className="btn primary" data-autofocus onClick={() => onChoose('save')}>
            Save
          </button>
        </>
      }
    >
      <p id="unsaved-text" data-view="unsaved">
        “{name || 'Untitled'}” has changes that are not saved. Save them before {action}?
      </p>
    </Modal>
  );
}
