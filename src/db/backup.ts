import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import pg from "pg";
import { OperatorError } from "../operator-error";
import { openDatabase, pgliteOf } from "./client";

/** Where a backup is taken from or restored to: the embedded folder or a PostgreSQL server. */
export interface BackupTarget {
  databaseUrl?: string;
  dataDir: string;
}

/** What {@link backupDatabase} wrote. */
export interface BackupResult {
  kind: "pglite" | "postgres";
  file: string;
  bytes: number;
}

const GZIP_MAGIC = Buffer.from([0x1f, 0x8b]);
const PGDUMP_MAGIC = Buffer.from("PGDMP");

function run(command: string, args: string[]) {
  const result = spawnSync(command, args, { encoding: "utf8" });
  if (result.error && (result.error as NodeJS.ErrnoException).code === "ENOENT") {
    throw new OperatorError(
      `${command} wurde nicht gefunden. Installieren Sie die PostgreSQL-Clientprogramme (z. B. apt-get install postgresql-client).`,
      `${command} was not found. Install the PostgreSQL client programs (e.g. apt-get install postgresql-client).`,
    );
  }
  if (result.status !== 0) {
    throw new OperatorError(`${command} ist fehlgeschlagen: ${result.stderr.trim()}`, `${command} failed: ${result.stderr.trim()}`);
  }
}

/**
 * Writes a backup of the whole database to `file`: PostgreSQL in pg_dump's custom format, the
 * embedded database as a gzip'd dump of its data folder. The embedded folder is locked while the
 * backup runs, so it refuses while a server uses it.
 */
export async function backupDatabase(target: BackupTarget, file: string): Promise<BackupResult> {
  const out = path.resolve(file);
  fs.mkdirSync(path.dirname(out), { recursive: true });
  if (target.databaseUrl) {
    run("pg_dump", ["--format=custom", "--no-owner", "--no-privileges", `--file=${out}`, target.databaseUrl]);
    return { kind: "postgres", file: out, bytes: fs.statSync(out).size };
  }
  if (!fs.existsSync(path.join(target.dataDir, "PG_VERSION"))) {
    throw new OperatorError(
      `Im Ordner ${target.dataDir} liegt keine Verbund-Datenbank.`,
      `There is no Verbund database in ${target.dataDir}.`,
    );
  }
  const database = await openDatabase({ dataDir: target.dataDir, purpose: "verbund backup" });
  try {
    const dump = await pgliteOf(database)!.dumpDataDir("gzip");
    fs.writeFileSync(out, Buffer.from(await dump.arrayBuffer()));
  } finally {
    await database.close();
  }
  return { kind: "pglite", file: out, bytes: fs.statSync(out).size };
}

async function isEmptyPostgres(url: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query(
      "SELECT count(*)::int AS n FROM pg_tables WHERE schemaname NOT IN ('pg_catalog', 'information_schema')",
    );
    return rows[0].n === 0;
  } finally {
    await client.end();
  }
}

/**
 * Restores a backup into an empty database: a new or empty data folder, or a PostgreSQL database
 * without tables. It never overwrites existing data.
 */
export async function restoreDatabase(target: BackupTarget, file: string): Promise<{ kind: "pglite" | "postgres" }> {
  if (!fs.existsSync(file)) throw new OperatorError(`Die Sicherung ${file} gibt es nicht.`, `The backup ${file} does not exist.`);
  const head = Buffer.alloc(5);
  const fd = fs.openSync(file, "r");
  fs.readSync(fd, head, 0, 5, 0);
  fs.closeSync(fd);
  const isPgDump = head.subarray(0, 5).equals(PGDUMP_MAGIC);
  const isPgliteDump = head.subarray(0, 2).equals(GZIP_MAGIC);
  if (!isPgDump && !isPgliteDump) {
    throw new OperatorError(`${file} ist keine Verbund-Sicherung.`, `${file} is not a Verbund backup.`);
  }

  if (target.databaseUrl) {
    if (!isPgDump) {
      throw new OperatorError(
        "Diese Sicherung stammt aus der eingebetteten Datenbank; stellen Sie sie ohne DATABASE_URL wieder her.",
        "This backup comes from the embedded database; restore it without DATABASE_URL.",
      );
    }
    if (!(await isEmptyPostgres(target.databaseUrl))) {
      throw new OperatorError(
        "Die Zieldatenbank ist nicht leer. Wiederhergestellt wird nur in eine leere Datenbank.",
        "The target database is not empty. A backup is restored into an empty database only.",
      );
    }
    run("pg_restore", ["--no-owner", "--no-privileges", "--exit-on-error", `--dbname=${target.databaseUrl}`, file]);
    return { kind: "postgres" };
  }

  if (!isPgliteDump) {
    throw new OperatorError(
      "Diese Sicherung stammt von einem PostgreSQL-Server; stellen Sie sie mit DATABASE_URL wieder her.",
      "This backup comes from a PostgreSQL server; restore it with DATABASE_URL.",
    );
  }
  if (fs.existsSync(target.dataDir) && fs.readdirSync(target.dataDir).length > 0) {
    throw new OperatorError(
      `Der Ordner ${target.dataDir} ist nicht leer. Wiederhergestellt wird nur in einen leeren oder neuen Ordner.`,
      `The folder ${target.dataDir} is not empty. A backup is restored into an empty or new folder only.`,
    );
  }
  const database = await openDatabase({
    dataDir: target.dataDir,
    loadDataDir: new Blob([fs.readFileSync(file)]),
    purpose: "verbund restore",
  });
  await database.close();
  return { kind: "pglite" };
}
