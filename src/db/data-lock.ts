import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { OperatorError } from "../operator-error";

/** The lock held on an embedded data folder while a process uses it. */
export interface DataDirLock {
  /** The lock file (next to the folder, so that dumps of the folder never contain it). */
  file: string;
  release(): void;
}

interface LockInfo {
  pid: number;
  host: string;
  purpose: string;
  since: string;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === "EPERM";
  }
}

/**
 * Locks an embedded PGlite data folder for this process: PGlite has a single connection, and a
 * second process writing the same folder would corrupt it. A lock left by a process that no longer
 * runs (crash, kill -9) is taken over. Throws an {@link OperatorError} naming the holder otherwise.
 * The folder the lock lives in is created when missing: a fresh clone has no `var/`.
 */
export function lockDataDir(dataDir: string, purpose: string): DataDirLock {
  const file = `${dataDir.replace(/\/+$/, "")}.lock`;
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const info: LockInfo = { pid: process.pid, host: os.hostname(), purpose, since: new Date().toISOString() };
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      fs.writeFileSync(file, JSON.stringify(info), { flag: "wx" });
      return {
        file,
        release() {
          try {
            const current = JSON.parse(fs.readFileSync(file, "utf8")) as LockInfo;
            if (current.pid === process.pid) fs.unlinkSync(file);
          } catch {
            // already gone
          }
        },
      };
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== "EEXIST") throw err;
      let holder: LockInfo | undefined;
      try {
        holder = JSON.parse(fs.readFileSync(file, "utf8")) as LockInfo;
      } catch {
        holder = undefined; // unreadable: treat as stale
      }
      if (holder && holder.pid !== process.pid && holder.host === os.hostname() && isAlive(holder.pid)) {
        throw new OperatorError(
          `Der Datenordner ${dataDir} wird gerade von Prozess ${holder.pid} benutzt (${holder.purpose}, seit ${holder.since}). ` +
            `Beenden Sie diesen Prozess zuerst (z. B. den laufenden Server), dann versuchen Sie es erneut.`,
          `The data folder ${dataDir} is in use by process ${holder.pid} (${holder.purpose}, since ${holder.since}). Stop that process first (e.g. the running server), then try again.`,
        );
      }
      fs.rmSync(file, { force: true });
    }
  }
  throw new Error(`Could not lock ${dataDir}`);
}
