#!/usr/bin/env node
// The `verbund` command: runs the TypeScript CLI through tsx.
import { spawnSync } from "node:child_process";
import path from "node:path";
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);
const tsxCli = require.resolve("tsx/cli");
const main = path.join(import.meta.dirname, "..", "src", "cli", "main.ts");
const result = spawnSync(process.execPath, [tsxCli, main, ...process.argv.slice(2)], { stdio: "inherit" });
process.exit(result.status ?? 1);
