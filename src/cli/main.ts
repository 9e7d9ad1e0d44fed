import { parseArgs } from "node:util";
import { createInterface } from "node:readline";
import { loadConfig } from "../config";
import { backupDatabase, restoreDatabase } from "../db/backup";
import { migrateDatabase, openDatabase } from "../db/client";
import { DEMO_ACCOUNTS, disableDemoAccounts, randomDemoPassword, seedDemoAccounts } from "../db/seed/demo";
import { seedDemoPool } from "../db/seed/demo-pool";
import { seedDemoSecondments } from "../db/seed/demo-secondments";
import { seedDemoCostRates } from "../db/seed/cost-rates";
import { seedDemoTimesheets } from "../db/seed/demo-timesheets";
import { seedDemoBillingDetails } from "../db/seed/demo-billing";
import { seedDemoStatements, seedDemoSupplement } from "../db/seed/demo-statements";
import { seedDemoBalances } from "../db/seed/demo-balances";
import { seedDemoApiKeys } from "../db/seed/demo-api-keys";
import { seedDemoSubmissions } from "../db/seed/demo-standards";
import { seedReferenceData } from "../db/seed/reference";
import type { Role } from "../kernel/roles";
import { OperatorError } from "../operator-error";
import { buildApp } from "../server/app";
import { startJobs } from "../server/jobs";
import { MODULES } from "../modules";
import { buildWebApp } from "./build-web";
import { createAdministrator } from "./create-admin";

const USAGE = `verbund – Plattform für die Zusammenarbeit der Verwaltungen einer Region

Befehle / commands:
  start [--build-web]   Demo-Modus: Datenbank vorbereiten, Demo-Konten anlegen, Server starten
                        (--build-web baut vorher die Web-App, wie npm start)
                        demo mode: prepare the database, create demo accounts, start the server
                        (--build-web builds the web app first, as npm start does)
  serve                 Server ohne Demo-Daten / server without demo data
  migrate               Migrationen und Referenzdaten / migrations and reference data only
  admin create --org AGS --login E-MAIL [--name NAME] [--role ROLLE …]
                        erstes Administrationskonto; Passwort von der Standardeingabe oder Abfrage
                        first administrator; password from standard input or a prompt
  backup DATEI          Sicherung der Datenbank / back up the database
  restore DATEI         Sicherung in eine leere Datenbank zurückspielen / restore into an empty database

Die Datenbank wählen DATABASE_URL (PostgreSQL) oder VERBUND_DATA_DIR (eingebettet, Vorgabe ./var/data).
`;

async function prepare(demo: boolean, purpose: string, options: { disableDemo?: boolean } = {}) {
  const config = loadConfig(process.env, { demo });
  const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir, purpose });
  try {
    await migrateDatabase(database);
    const reference = await seedReferenceData(database.db, config.regionDir);
    for (const module of MODULES) await module.prepare?.(database.db, process.env);
    let demoPassword: string | undefined;
    if (demo) {
      demoPassword = config.demoPassword ?? randomDemoPassword();
      await seedDemoAccounts(database.db, demoPassword);
      await seedDemoPool(database.db);
      await seedDemoSecondments(database.db);
      await seedDemoCostRates(database.db);
      await seedDemoTimesheets(database.db);
      await seedDemoBillingDetails(database.db, config.regionDir);
      await seedDemoStatements(database.db);
      await seedDemoBalances(database.db);
      await seedDemoSupplement(database.db);
      await seedDemoApiKeys(database.db);
      await seedDemoSubmissions(database.db);
    } else if (options.disableDemo) {
      const disabled = await disableDemoAccounts(database.db);
      if (disabled > 0) process.stdout.write(`${disabled} Demo-Konten deaktiviert (kein Passwort mehr) – außerhalb des Demo-Modus.\n`);
    }
    return { config, database, reference, demoPassword };
  } catch (err) {
    await database.close();
    throw err;
  }
}

/** A progress line for whoever watches the console in demo mode (a server's log stays JSON). */
function progress(demo: boolean, line: string) {
  if (demo) process.stdout.write(`${line}\n`);
}

async function serve(demo: boolean, options: { buildWeb?: boolean } = {}) {
  if (options.buildWeb) {
    progress(demo, "Web-App wird gebaut … / building the web app …");
    const built = await buildWebApp();
    progress(demo, `Web-App gebaut / web app built (${(built.ms / 1000).toFixed(1)} s)`);
  }
  progress(
    demo,
    "Datenbank und Demo-Daten werden vorbereitet (beim ersten Start etwa 20 s) … / preparing the database and the demo data (about 20 s on the first start) …",
  );
  const { config, database, reference, demoPassword } = await prepare(demo, demo ? "verbund start" : "verbund serve", {
    disableDemo: !demo,
  });
  // The log goes through the same stream as the banner below, so it appears in the order it was
  // written: the banner stays last (pino's own asynchronous stream could print a line after it).
  const app = await buildApp({ config, database, logger: { stream: process.stdout } });
  // Background work of the modules (e-mail delivery, deadlines, deletion of former pool members).
  const jobs = startJobs(MODULES, { db: database.db, config, log: app.log });
  let closing = false;
  const shutdown = async (signal: string) => {
    if (closing) return;
    closing = true;
    app.log.info({ signal }, "shutting down: no new requests, finishing running ones");
    try {
      const stopJobs = jobs.stop();
      // Connections of requests still running become idle only after their answer; the server
      // would keep them open for the keep-alive time (72 s), so close each as soon as it is idle.
      const idle = setInterval(() => app.server.closeIdleConnections(), 100);
      await app.close().finally(() => clearInterval(idle));
      await stopJobs;
    } finally {
      await database.close();
    }
    process.stdout.write("Verbund beendet (alle laufenden Anfragen abgeschlossen, Datenbank geschlossen).\n");
    process.exit(0);
  };
  process.on("SIGTERM", () => void shutdown("SIGTERM"));
  process.on("SIGINT", () => void shutdown("SIGINT"));
  await app.listen({ port: config.port, host: config.host });
  // Work once listening (the optimiser's worker compiles its loops now rather than on the first
  // run). A shutdown during it is not worth a warning.
  for (const module of MODULES) {
    module
      .onListen?.({ db: database.db, config, log: app.log })
      .catch((err: Error) => closing || app.log.warn({ err, module: module.name }, "start-up work failed"));
  }
  // The banner comes last, after what the start itself logs (the log is written asynchronously:
  // flushed first), so that it stays in sight.
  await jobs.firstRuns;
  const log = app.log as unknown as { flush?: (done: () => void) => void };
  await new Promise<void>((resolve) => (log.flush ? log.flush(() => resolve()) : resolve()));
  const where = database.kind === "pglite" ? `eingebettetes PostgreSQL in ${config.dataDir}` : "PostgreSQL (DATABASE_URL)";
  const lines = ["", `Verbund läuft auf ${config.baseUrl}  (${where})`, `${reference.organizations} Verwaltungen geladen.`];
  if (demo && demoPassword) {
    lines.push(
      "",
      "Demo-Konten / demo accounts — Passwort / password:",
      `  ${demoPassword}${config.demoPassword ? "  (aus VERBUND_DEMO_PASSWORD)" : "  (zufällig; fest setzen mit VERBUND_DEMO_PASSWORD)"}`,
      ...DEMO_ACCOUNTS.map((a) => `  ${a.login.padEnd(40)} ${a.roles.join(", ")}`),
      "",
      `Anmelden / sign in: ${config.baseUrl}/anmelden`,
      "Beenden / stop: Strg+C / Ctrl+C",
    );
  }
  process.stdout.write(lines.join("\n") + "\n\n");
}

/** Reads the password from standard input (piped), or asks for it without echo (terminal). */
async function readPassword(): Promise<string> {
  if (!process.stdin.isTTY) {
    const chunks: Buffer[] = [];
    for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
    return Buffer.concat(chunks)
      .toString("utf8")
      .replace(/\r?\n$/, "");
  }
  const rl = createInterface({ input: process.stdin, output: process.stdout, terminal: true });
  const ask = (q: string) =>
    new Promise<string>((resolve) => {
      process.stdout.write(q);
      const mute = rl as unknown as { _writeToOutput: (s: string) => void };
      mute._writeToOutput = () => {};
      rl.question("", (answer) => resolve(answer));
    });
  const first = await ask("Passwort / password: ");
  process.stdout.write("\n");
  const second = await ask("Wiederholen / repeat: ");
  process.stdout.write("\n");
  rl.close();
  if (first !== second) throw new OperatorError("Die Passwörter stimmen nicht überein.", "The passwords do not match.");
  return first;
}

async function adminCreate(args: string[]) {
  const { values } = parseArgs({
    args,
    options: { org: { type: "string" }, login: { type: "string" }, name: { type: "string" }, role: { type: "string", multiple: true } },
  });
  if (!values.org || !values.login)
    throw new OperatorError("Bitte --org und --login angeben.\n\n" + USAGE, "Please give --org and --login.");
  const { database } = await prepare(false, "verbund admin create");
  try {
    const password = await readPassword();
    const created = await createAdministrator(database.db, {
      ags: values.org,
      login: values.login,
      displayName: values.name,
      password,
      roles: values.role as Role[] | undefined,
    });
    process.stdout.write(`Konto ${created.login} angelegt (${created.organization}; ${created.roles.join(", ")}).\n`);
  } finally {
    await database.close();
  }
}

async function main(argv: string[]) {
  const [command = "start", ...rest] = argv;
  const config = loadConfig();
  switch (command) {
    case "start":
      return serve(true, { buildWeb: rest.includes("--build-web") });
    case "serve":
      return serve(false);
    case "migrate": {
      const { database, reference } = await prepare(false, "verbund migrate");
      await database.close();
      process.stdout.write(`Migrationen angewendet, ${reference.organizations} Verwaltungen geladen.\n`);
      return;
    }
    case "admin":
      if (rest[0] === "create") return adminCreate(rest.slice(1));
      throw new OperatorError(USAGE, USAGE);
    case "backup": {
      if (!rest[0])
        throw new OperatorError("Bitte die Zieldatei angeben: verbund backup DATEI", "Please name the target file: verbund backup FILE");
      const result = await backupDatabase(config, rest[0]);
      process.stdout.write(`Sicherung geschrieben: ${result.file} (${result.kind}, ${result.bytes.toLocaleString("de-DE")} Bytes)\n`);
      return;
    }
    case "restore": {
      if (!rest[0])
        throw new OperatorError("Bitte die Sicherung angeben: verbund restore DATEI", "Please name the backup: verbund restore FILE");
      const result = await restoreDatabase(config, rest[0]);
      const where = result.kind === "pglite" ? config.dataDir : "DATABASE_URL";
      process.stdout.write(`Sicherung wiederhergestellt in ${where}.\n`);
      return;
    }
    default:
      process.stdout.write(USAGE);
      process.exitCode = command === "help" || command === "--help" ? 0 : 2;
  }
}

main(process.argv.slice(2)).catch((err) => {
  if (err instanceof OperatorError) {
    process.stderr.write(`Fehler: ${err.de}\nError: ${err.en}\n`);
  } else {
    process.stderr.write(`Fehler / error: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  }
  process.exit(1);
});
