import { loadConfig } from "../config";
import { migrateDatabase, openDatabase } from "../db/client";
import { DEMO_ACCOUNTS, disableDemoAccounts, randomDemoPassword, seedDemoAccounts } from "../db/seed/demo";
import { seedReferenceData } from "../db/seed/reference";
import { buildApp } from "../server/app";

const USAGE = `verbund – Plattform für die Zusammenarbeit der Verwaltungen einer Region

Befehle / commands:
  start     Demo-Modus: Datenbank vorbereiten, Demo-Konten anlegen, Server starten
            demo mode: prepare the database, create demo accounts, start the server
  serve     Server ohne Demo-Daten / server without demo data
  migrate   Nur Migrationen und Referenzdaten / migrations and reference data only
`;

async function prepare(demo: boolean) {
  const config = loadConfig(process.env, { demo });
  const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  await migrateDatabase(database);
  const reference = await seedReferenceData(database.db, config.regionDir);
  let demoPassword: string | undefined;
  if (demo) {
    demoPassword = config.demoPassword ?? randomDemoPassword();
    await seedDemoAccounts(database.db, demoPassword);
  } else {
    const disabled = await disableDemoAccounts(database.db);
    if (disabled > 0) process.stdout.write(`${disabled} Demo-Konten deaktiviert (kein Passwort mehr) – außerhalb des Demo-Modus.\n`);
  }
  return { config, database, reference, demoPassword };
}

async function serve(demo: boolean) {
  const { config, database, reference, demoPassword } = await prepare(demo);
  const app = await buildApp({ config, database });
  let closing = false;
  const shutdown = async (signal: string) => {
    if (closing) return;
    closing = true;
    app.log.info({ signal }, "shutting down");
    await app.close();
    await database.close();
    process.exit(0);
  };
  process.on("SIGTERM", () => void shutdown("SIGTERM"));
  process.on("SIGINT", () => void shutdown("SIGINT"));
  await app.listen({ port: config.port, host: config.host });
  const where = database.kind === "pglite" ? `eingebettetes PostgreSQL in ${config.dataDir}` : "PostgreSQL (DATABASE_URL)";
  const lines = ["", `Verbund läuft auf ${config.baseUrl}  (${where})`, `${reference.organizations} Verwaltungen der ${"Region"} geladen.`];
  if (demo && demoPassword) {
    lines.push(
      "",
      "Demo-Konten / demo accounts — Passwort / password:",
      `  ${demoPassword}${config.demoPassword ? "  (aus VERBUND_DEMO_PASSWORD)" : "  (zufällig; fest setzen mit VERBUND_DEMO_PASSWORD)"}`,
      ...DEMO_ACCOUNTS.map((a) => `  ${a.login.padEnd(40)} ${a.roles.join(", ")}`),
      "",
      `Anmelden / sign in: ${config.baseUrl}/anmelden`,
    );
  }
  process.stdout.write(lines.join("\n") + "\n\n");
}

async function main(argv: string[]) {
  const command = argv[0] ?? "start";
  switch (command) {
    case "start":
      return serve(true);
    case "serve":
      return serve(false);
    case "migrate": {
      const { database, reference } = await prepare(false);
      await database.close();
      process.stdout.write(`Migrationen angewendet, ${reference.organizations} Verwaltungen geladen.\n`);
      return;
    }
    default:
      process.stdout.write(USAGE);
      process.exitCode = command === "help" || command === "--help" ? 0 : 2;
  }
}

main(process.argv.slice(2)).catch((err) => {
  process.stderr.write(`Fehler / error: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exit(1);
});
