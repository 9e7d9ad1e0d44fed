import { useEffect, useRef, type ReactNode } from "react";
import { useTranslation } from "react-i18next";

/**
 * Asks before an action with consequences: a native modal `<dialog>` (focus moves into it, Escape
 * cancels, the page behind is inert) that says what will happen and offers the action and
 * "Abbrechen". Children go between the text and the buttons (e.g. a reason field).
 *
 * @example
 * <ConfirmDialog open={asking} title="Verbindung lösen?" confirmLabel="Verbindung lösen"
 *   onConfirm={unlink} onCancel={() => setAsking(false)}>…</ConfirmDialog>
 */
export function ConfirmDialog({
  open,
  title,
  body,
  confirmLabel,
  onConfirm,
  onCancel,
  children,
  busy,
  cancelLabel,
}: {
  open: boolean;
  title: string;
  /** What will happen, in plain words. */
  body: ReactNode;
  confirmLabel: string;
  onConfirm(): void;
  onCancel(): void;
  children?: ReactNode;
  /** While the action runs the buttons are disabled. */
  busy?: boolean;
  /** The button that leaves things as they are, where "Abbrechen" would read as the action itself. */
  cancelLabel?: string;
}) {
  const { t } = useTranslation();
  const ref = useRef<HTMLDialogElement>(null);
  const cancelButton = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) {
      dialog.showModal();
      if (!children) cancelButton.current?.focus();
    }
    if (!open && dialog.open) dialog.close();
  }, [open, children]);
  return (
    <dialog
      ref={ref}
      className="kern-dialog confirm-dialog"
      aria-labelledby="confirm-title"
      aria-describedby="confirm-body"
      onCancel={(e) => {
        e.preventDefault();
        onCancel();
      }}
    >
      <header className="kern-dialog__header">
        <h2 className="kern-title" id="confirm-title">
          {title}
        </h2>
      </header>
      <section className="kern-dialog__body kern-stack">
        <div className="kern-body" id="confirm-body">
          {body}
        </div>
        {children}
      </section>
      <footer className="kern-dialog__footer">
        <button type="button" className="kern-btn kern-btn--secondary" ref={cancelButton} onClick={onCancel} disabled={busy}>
          <span className="kern-label">{cancelLabel ?? t("confirm.cancel")}</span>
        </button>
        <button type="button" className="kern-btn kern-btn--primary" onClick={onConfirm} disabled={busy}>
          <span className="kern-label">{confirmLabel}</span>
        </button>
      </footer>
    </dialog>
  );
}
