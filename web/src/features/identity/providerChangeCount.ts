import { useEffect, useSyncExternalStore } from "react";
import { api } from "../../api/client";

let pending: number | null = null;
const listeners = new Set<() => void>();

/** Tells every reader how many provider changes wait (from any answer that says so). */
export function publishProviderChangeCount(count: number | null): void {
  pending = count;
  listeners.forEach((l) => l());
}

/** Asks the server how many provider changes wait for the coordination, and tells every reader. */
async function refresh(): Promise<void> {
  const res = await api.GET("/api/v1/identity-provider-changes");
  publishProviderChangeCount(res.data?.pending ?? null);
}

function subscribe(listener: () => void) {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/**
 * The number of provider changes waiting for the region's coordination, shared by the navigation
 * (its count) and the page where they are decided (which publishes it whenever it loads them).
 * Loads it when `enabled` (only region_admins may ask).
 */
export function useProviderChangeCount(enabled = false): { count: number | null; refresh(): Promise<void> } {
  const count = useSyncExternalStore(subscribe, () => pending);
  useEffect(() => {
    if (enabled) void refresh();
  }, [enabled]);
  return { count, refresh };
}
