// Disconnect asks one question (DESIGN §1.7): also remove the events the app
// created, or leave them in the calendar? A native modal <dialog> gives focus
// trapping, Escape to cancel and the right roles for free.
import { useEffect, useRef } from 'react';

export interface DisconnectDialogProps {
  email: string;
  open: boolean;
  onChoose(removeEvents: boolean): void;
  onCancel(): void;
}

export function DisconnectDialog({ email, open, onChoose, onCancel }: DisconnectDialogProps) {
  const ref = useRef<HTMLDialogElement>(null);
  const safeChoice = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) {
      dialog.showModal();
      // Start on the choice that deletes nothing, so Enter never removes events.
      safeChoice.current?.focus();
    }
    if (!open && dialog.open) dialog.close();
  }, [open]);

  return (
    <dialog ref={ref} className="dialog" aria-labelledby="disconnect-title" aria-describedby="disconnect-text" onCancel={onCancel}>
      <h2 id="disconnect-title">Disconnect {email}?</h2>
      <p id="disconnect-text">
        The app will stop syncing with this calendar and give up its access. Should the interviews and follow-ups it added to the calendar be removed too?
      </p>
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
    </dialog>
  );
}
