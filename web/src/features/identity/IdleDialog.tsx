import { useEffect, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { useSession } from "./session";

/** Seconds before the idle timeout at which the warning opens (WCAG 2.2.1: at least 20 s to react). */
export const WARNING_SECONDS = 120;

/**
 * Warns before the session ends for inactivity and extends it with one action (WCAG 2.2.1).
 * A native modal `<dialog>`: focus moves into it, Escape closes it, the page behind is inert.
 */
export function IdleDialog() {
  const { t } = useTranslation();
  const session = useSession();
  const ref = useRef<HTMLDialogElement>(null);
  const extendButton = useRef<HTMLButtonElement>(null);
  const [now, setNow] = useState(() => Date.now());

  useEffect(() => {
    if (session.status !== "signedIn") return;
    const timer = window.setInterval(() => setNow(Date.now()), 1000);
    return () => window.clearInterval(timer);
  }, [session.status]);

  const remaining = Math.max(0, Math.round((session.idleExpiresAt - now) / 1000));
  const shouldWarn = session.status === "signedIn" && session.idleExpiresAt > 0 && remaining <= WARNING_SECONDS;

  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (shouldWarn && !dialog.open) {
      dialog.showModal();
      extendButton.current?.focus();
    }
    if (!shouldWarn && dialog.open) dialog.close();
  }, [shouldWarn]);

  useEffect(() => {
    // The server has ended the session by now: find out, which signs the UI out cleanly.
    if (session.status === "signedIn" && session.idleExpiresAt > 0 && remaining === 0) void session.reload();
  }, [remaining, session]);

  const minutes = Math.floor(remaining / 60);
  const seconds = String(remaining % 60).padStart(2, "0");
  return (
    <dialog ref={ref} className="kern-dialog" aria-labelledby="idle-title" aria-describedby="idle-body">
      <header className="kern-dialog__header">
        <h2 className="kern-title" id="idle-title">
          {t("idle.title")}
        </h2>
      </header>
      <section className="kern-dialog__body">
        <p className="kern-body" id="idle-body">
          {t("idle.body", { time: `${minutes}:${seconds}` })}
        </p>
      </section>
      <footer className="kern-dialog__footer">
        <button type="button" className="kern-btn kern-btn--secondary" onClick={() => void session.signOut()}>
          <span className="kern-label">{t("idle.signOut")}</span>
        </button>
        <button type="button" className="kern-btn kern-btn--primary" ref={extendButton} onClick={() => void session.extend()}>
          <span className="kern-label">{t("idle.extend")}</span>
        </button>
      </footer>
    </dialog>
  );
}
