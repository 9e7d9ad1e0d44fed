import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from "react";
import { api, onSessionActivity, onSessionExpired, setCsrfToken } from "../../api/client";
import { setLanguage } from "../../i18n";
import type { LoginResult, Me } from "./api";

/** What the app knows about the current session. */
export interface SessionState {
  /** `loading` until the first check is done. */
  status: "loading" | "anonymous" | "signedIn";
  me: Me | null;
  /** When the session ends without further activity (ms since epoch). */
  idleExpiresAt: number;
  idleTimeoutSeconds: number;
  /** Why the user was signed out, to show on the login page. */
  endedBecause: "expired" | "signedOut" | null;
  signIn(result: LoginResult): void;
  signOut(): Promise<void>;
  extend(): Promise<void>;
  reload(): Promise<void>;
}

const SessionContext = createContext<SessionState | null>(null);

/** Loads the session once and keeps the idle expiry in step with the server. */
export function SessionProvider({ children }: { children: ReactNode }) {
  const [status, setStatus] = useState<SessionState["status"]>("loading");
  const [me, setMe] = useState<Me | null>(null);
  const [idleTimeoutSeconds, setIdleTimeout] = useState(1800);
  // The server records activity at most this often, so a request extends the session by at least
  // idleTimeoutSeconds − touchIntervalSeconds: where an answer does not say how long the session
  // lasts, count down from that — never promise more than the server gives.
  const [touchIntervalSeconds, setTouchInterval] = useState(60);
  const [idleExpiresAt, setIdleExpiresAt] = useState(0);
  const [endedBecause, setEndedBecause] = useState<SessionState["endedBecause"]>(null);

  const applyMe = useCallback((next: Me) => {
    setMe(next);
    setStatus("signedIn");
    if (next.locale !== document.documentElement.lang) setLanguage(next.locale);
  }, []);

  const reload = useCallback(async () => {
    const session = await api.GET("/api/v1/session");
    if (!session.data || !session.data.authenticated) {
      setStatus("anonymous");
      setMe(null);
      return;
    }
    setCsrfToken(session.data.csrfToken);
    setIdleTimeout(session.data.idleTimeoutSeconds);
    setTouchInterval(session.data.touchIntervalSeconds);
    setIdleExpiresAt(Date.now() + session.data.idleRemainingSeconds * 1000);
    const current = await api.GET("/api/v1/me");
    if (current.data) applyMe(current.data);
    else setStatus("anonymous");
  }, [applyMe]);

  useEffect(() => {
    void reload();
  }, [reload]);

  useEffect(() => {
    const offActivity = onSessionActivity((remaining) =>
      setIdleExpiresAt(Date.now() + (remaining ?? idleTimeoutSeconds - touchIntervalSeconds) * 1000),
    );
    const offExpired = onSessionExpired(() => {
      setCsrfToken("");
      setMe(null);
      setStatus("anonymous");
      setEndedBecause("expired");
    });
    return () => {
      offActivity();
      offExpired();
    };
  }, [idleTimeoutSeconds, touchIntervalSeconds]);

  const value = useMemo<SessionState>(
    () => ({
      status,
      me,
      idleExpiresAt,
      idleTimeoutSeconds,
      endedBecause,
      signIn(result) {
        setCsrfToken(result.csrfToken);
        setIdleTimeout(result.idleTimeoutSeconds);
        setTouchInterval(result.touchIntervalSeconds);
        setIdleExpiresAt(Date.now() + result.idleRemainingSeconds * 1000);
        setEndedBecause(null);
        applyMe(result.me);
      },
      async signOut() {
        const res = await api.DELETE("/api/v1/session");
        setCsrfToken("");
        // After a single sign-on, end the provider's session too (it sends the browser back to /anmelden).
        if (res.data?.logoutUrl) {
          window.location.assign(res.data.logoutUrl);
          return;
        }
        setMe(null);
        setStatus("anonymous");
        setEndedBecause("signedOut");
      },
      async extend() {
        const res = await api.POST("/api/v1/session/extend");
        if (res.data) setIdleExpiresAt(Date.now() + res.data.idleRemainingSeconds * 1000);
      },
      reload,
    }),
    [status, me, idleExpiresAt, idleTimeoutSeconds, endedBecause, applyMe, reload],
  );
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

/** The current session; use inside {@link SessionProvider}. */
export function useSession(): SessionState {
  const value = useContext(SessionContext);
  if (!value) throw new Error("useSession outside SessionProvider");
  return value;
}
