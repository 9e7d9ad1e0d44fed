import { useEffect, type ReactNode } from "react";
import { useNavigate } from "@tanstack/react-router";
import { useSession } from "./session";

/** Shows its children to signed-in accounts; sends everyone else to the login page and back. */
export function RequireSignIn({ children }: { children: ReactNode }) {
  const session = useSession();
  const navigate = useNavigate();
  const isAnonymous = session.status === "anonymous";
  useEffect(() => {
    if (isAnonymous) void navigate({ to: "/anmelden", search: { weiter: window.location.pathname } });
  }, [isAnonymous, navigate]);
  return session.status === "signedIn" ? <>{children}</> : null;
}
