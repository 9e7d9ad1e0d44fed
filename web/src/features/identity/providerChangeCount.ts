import { useEffect, useSyncExternalStore } from "react";
import { api } from "../../api/client";

let pending: number | null = null;
const listeners = new Set<() => void>();

/** Asks the server how many provider changes wait for the coordination, and tells every reader. */
async function refresh(): Promise<void> {
  const res = await api.GET("/api/v1/identity-provider-changes");
  pending = res.data?.pending ?? null;
  listeners.forEach((l) => l());
}

function subscribe(listener: () => void) {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/**
 * The number of provider changes waiting for the region's coordination, shared by the navigation
 * (its count) and the page where they are decided (which refreshes it after each decision).
 * Loads it when `enabled` (only region_admins may ask).
 */
export function useProviderChangeCount(enabled = false): { count: number | null; refresh(): Promise<void> } {
  const count = useSyncExternalStore(subscribe, () => pending);
  useEffect(() => {
    if (enabled) void refresh();
  }, [enabled]);
  return { count, refresh };
}
