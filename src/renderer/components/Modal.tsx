// Every dialog of the app, on Radix Dialog: focus moves in and is trapped, Escape
// and a click outside cancel, the rest of the page is hidden from screen readers,
// and focus returns where it was. Radix's Overlay is not used: it injects a
// <style> element, which the page's CSP (style-src 'self') refuses; a plain
// backdrop element does the same job.
import * as Dialog from '@radix-ui/react-dialog';
import type { ReactNode, RefObject } from 'react';

export interface ModalProps {
  open: boolean;
  title: string;
  /** The sentence that says what is being asked; read out with the title. */
  description: ReactNode;
  onCancel(): void;
  children: ReactNode;
  /** Where focus starts: the choice that changes nothing, so a stray Enter is harmless. */
  initialFocus?: RefObject<HTMLElement | null>;
  wide?: boolean;
}

export function Modal({ open, title, description, onCancel, children, initialFocus, wide }: ModalProps) {
  return (
    <Dialog.Root open={open} onOpenChange={(next) => !next && onCancel()}>
      <Dialog.Portal>
        <div className="dialog-backdrop" aria-hidden="true" />
        <Dialog.Content
          className={`dialog${wide ? ' dialog-wide' : ''}`}
          onOpenAutoFocus={(event) => {
            if (!initialFocus?.current) return;
            event.preventDefault();
            initialFocus.current.focus();
          }}
        >
          <Dialog.Title className="dialog-title">{title}</Dialog.Title>
          <Dialog.Description asChild>
            <div className="dialog-text">{description}</div>
          </Dialog.Description>
          {children}
        </Dialog.Content>
      </Dialog.Portal>
    </Dialog.Root>
  );
}
