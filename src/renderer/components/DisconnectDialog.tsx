// Disconnect asks one question (DESIGN §1.7): also remove the events the app
// created, or leave them in the calendar?
import { useRef } from 'react';
import { Modal } from './Modal';

export interface DisconnectDialogProps {
  email: string;
  open: boolean;
  onChoose(removeEvents: boolean): void;
  onCancel(): void;
}

export function DisconnectDialog({ email, open, onChoose, onCancel }: DisconnectDialogProps) {
  const safeChoice = useRef<HTMLButtonElement>(null);
  return (
    <Modal
      open={open}
      title={`Disconnect ${email}?`}
      description="The app will stop syncing with this calendar and give up its access. Should the interviews and follow-ups it added to the calendar be removed too?"
      onCancel={onCancel}
      initialFocus={safeChoice}
    >
      <div className="dialog-actions">
        <button type="button" className="danger" onClick={() => onChoose(true)}>
          Disconnect and remove events
        </button>
        <button ref={safeChoice} type="button" onClick={() => onChoose(false)}>
          Disconnect, keep events
        </button>
        <button type="button" className="quiet" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </Modal>
  );
}
