import path from "node:path";
import { projectRoot } from "../config";

/** What {@link buildWebApp} built. */
export interface WebBuild {
  /** The folder the server serves (`dist/web`). */
  dir: string;
  ms: number;
}

/**
 * Builds the web app (`web/` → `dist/web`) with Vite in this process. `npm start` runs the build
 * and the server as one node process, so that a signal sent to `npm start` reaches the server
 * (a shell chain `build && serve` would die on SIGTERM and leave the server running).
 * Vite is a development dependency: only `verbund start --build-web` loads it.
 *
 * @example await buildWebApp(); // then buildApp() finds dist/web/index.html
 */
export async function buildWebApp(): Promise<WebBuild> {
  const started = performance.now();
  const { build } = await import("vite");
  await build({ configFile: path.join(projectRoot, "web", "vite.config.ts"), logLevel: "warn" });
  return { dir: path.join(projectRoot, "dist", "web"), ms: performance.now() - started };
}
