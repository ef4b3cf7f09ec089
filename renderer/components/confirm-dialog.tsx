import { useEffect, useId, useRef, type ReactNode } from 'react';

export interface ConfirmDialogProps {
  open: boolean;
  title: string;
  children: ReactNode;
  confirmLabel: string;
  cancelLabel: string;
  /** Styles the confirm button as destructive. */
  danger?: boolean;
  busy?: boolean;
  onConfirm(): void;
  onCancel(): void;
  testId?: string;
}

/**
 * A modal confirmation on the native <dialog>: showModal() makes the rest of the page inert,
 * traps focus, and closes on Escape, so keyboard and screen-reader users get a real dialog
 * without a focus-trap library. Focus starts on the safe choice (Cancel) and returns to
 * whatever opened the dialog when it closes.
 */
export function ConfirmDialog({ open, title, children, confirmLabel, cancelLabel, danger = false, busy = false, onConfirm, onCancel, testId }: ConfirmDialogProps) {
  const dialogRef = useRef<HTMLDialogElement>(null);
  const cancelRef = useRef<HTMLButtonElement>(null);
  const returnFocusRef = useRef<Element | null>(null);
  const titleId = useId();
  const bodyId = useId();

  useEffect(() => {
    const dialog = dialogRef.current;
    if (!dialog) return;
    if (open && !dialog.open) {
      returnFocusRef.current = document.activeElement;
      dialog.showModal();
      cancelRef.current?.focus();
    } else if (!open && dialog.open) {
      dialog.close();
      if (returnFocusRef.current instanceof HTMLElement) returnFocusRef.current.focus();
    }
  }, [open]);

  return (
    <dialog
      ref={dialogRef}
      className="dialog"
      aria-labelledby={titleId}
      aria-describedby={bodyId}
      data-testid={testId}
      onCancel={(event) => {
        // Escape: let React state close it, so `open` stays the single source of truth.
        event.preventDefault();
        if (!busy) onCancel();
      }}
    >
      <h2 id={titleId} className="dialog__title">
        {title}
      </h2>
      <div id={bodyId} className="dialog__body">
        {children}
      </div>
      <div className="actions dialog__actions">
        {/* Both stay focusable while the action runs (aria-disabled, not disabled): a disabled
            button drops keyboard focus to the page, which inside a modal dialog leaves a keyboard
            or screen-reader user nowhere. A press meanwhile does nothing; the action cannot be
            taken back once sent, so Cancel waits with it. */}
        <button type="button" className={danger ? 'button button--danger' : 'button button--primary'} aria-disabled={busy || undefined} onClick={() => busy || onConfirm()}>
          {confirmLabel}
        </button>
        <button ref={cancelRef} type="button" className="button" aria-disabled={busy || undefined} onClick={() => busy || onCancel()}>
          {cancelLabel}
        </button>
      </div>
    </dialog>
  );
}
