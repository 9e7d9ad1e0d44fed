#!/usr/bin/env node
// The `verbund` command: runs the TypeScript CLI in this process with tsx's loader, so that
// signals (SIGTERM for a graceful shutdown) reach the server directly.
import { register } from "tsx/esm/api";
import path from "node:path";
import { pathToFileURL } from "node:url";

register();
await import(pathToFileURL(path.join(import.meta.dirname, "..", "src", "cli", "main.ts")).href);
