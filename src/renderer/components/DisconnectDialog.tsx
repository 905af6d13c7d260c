// Disconnect asks one question (DESIGN §1.7): also remove the events the app
// created, or leave them in the calendar? It says first what disconnecting does
// for this service: Google's access is withdrawn by the app; Outlook's and a
// CalDAV password can only be removed by the user, and the dialog says where.
import { useRef } from 'react';
import type { AccountView } from '../../shared/domain';
import { accountLabel, disconnectWords } from '../provider-words';
import { Modal } from './Modal';

export interface DisconnectDialogProps {
  account: Pick<AccountView, 'provider' | 'email'>;
  open: boolean;
  onChoose(removeEvents: boolean): void;
  onCancel(): void;
}

export function DisconnectDialog({ account, open, onChoose, onCancel }: DisconnectDialogProps) {
  const safeChoice = useRef<HTMLButtonElement>(null);
  return (
    <Modal open={open} title={`Disconnect ${accountLabel(account)}?`} description={disconnectWords(account).map((text) => (
        <p key={text}>{text}</p>
      ))} onCancel={onCancel} initialFocus={safeChoice}>
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
