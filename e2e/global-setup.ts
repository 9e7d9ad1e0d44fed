import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { TestProject } from "vitest/node";
import { findChromium } from "./browser";
import { startOidcProvider } from "../test/oidc-fixture";
import { startSmtp } from "../test/smtp-fixture";

declare module "vitest" {
  export interface ProvidedContext {
    e2eBaseUrl: string;
    e2eDemoPassword: string;
    e2eHasBrowser: boolean;
    /** JSON lines of every mail the test SMTP server received. */
    e2eMailFile: string;
    /** Garbsen's OpenID provider; `POST <issuer>/test/sign-in-as/<subject>` names who signs in next. */
    e2eOidcIssuer: string;
  }
}

const root = path.resolve(import.meta.dirname, "..");

/**
 * Starts the production build (`dist/web`, built by `npm test` before this suite) exactly as a
 * newcomer would with `npm start`: demo mode on a fresh embedded database.
 */
export default async function setup(project: TestProject) {
  const hasBrowser = !!findChromium();
  project.provide("e2eHasBrowser", hasBrowser);
  if (!hasBrowser) {
    if (process.env.CI === "true")
      throw new Error("No Chromium found (CHROME_PATH or /usr/bin/chromium); CI needs one: apt-get install -y chromium");
    console.warn("\n  Browser tests skipped: no Chromium found. Install one with `apt-get install -y chromium` or set CHROME_PATH.\n");
    project.provide("e2eBaseUrl", "");
    project.provide("e2eDemoPassword", "");
    project.provide("e2eMailFile", "");
    project.provide("e2eOidcIssuer", "");
    return;
  }
  if (!fs.existsSync(path.join(root, "dist", "web", "index.html"))) throw new Error("dist/web is missing: run `npm run build:web` first");
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "verbund-e2e-"));
  // E2E_PORT lets two checkouts run their browser suites at the same time.
  const port = Number(process.env.E2E_PORT ?? 3917);
  const password = "e2e-demo-passwort-2026";
  // Garbsen signs in through its own OpenID provider (set by the operator through the environment).
  const idp = await startOidcProvider({
    users: {
      "lea-kraft": { email: "lea.kraft@garbsen.de", email_verified: true, name: "Lea Kraft" },
      "p.nowak": { email: "p.nowak@it.garbsen.de", email_verified: true, name: "Piotr Nowak" },
    },
    remoteControl: true,
    redirectUri: `http://127.0.0.1:${port}/api/v1/sso/callback`,
    postLogoutRedirectUri: `http://127.0.0.1:${port}/anmelden?abgemeldet=1`,
    defaultSubject: "lea-kraft",
  });
  // Mail goes to a real SMTP server; the tests read what it received from a file.
  const mailFile = path.join(dataDir + "-mail.jsonl");
  const smtp = await startSmtp({ file: mailFile });
  const server: ChildProcess = spawn(process.execPath, ["--import", "tsx", path.join(root, "src", "cli", "main.ts"), "start"], {
    env: {
      ...process.env,
      PORT: String(port),
      HOST: "127.0.0.1",
      VERBUND_DATA_DIR: dataDir,
      VERBUND_DEMO_PASSWORD: password,
      VERBUND_BASE_URL: `http://127.0.0.1:${port}`,
      LOG_LEVEL: "warn",
      DATABASE_URL: "",
      SMTP_URL: `smtp://127.0.0.1:${smtp.port}`,
      VERBUND_OUTBOX_INTERVAL_MS: "500",
      VERBUND_OIDC_03241005_ISSUER: idp.issuer,
      VERBUND_OIDC_03241005_CLIENT_ID: idp.clientId,
      VERBUND_OIDC_03241005_CLIENT_SECRET: idp.clientSecret,
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  server.stdout?.on("data", (d) => (output += d));
  server.stderr?.on("data", (d) => (output += d));
  const baseUrl = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (server.exitCode !== null) throw new Error(`Verbund exited early:\n${output}`);
    const ok = await fetch(`${baseUrl}/readyz`).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) break;
    if (Date.now() > deadline) throw new Error(`Verbund did not become ready:\n${output}`);
    await new Promise((r) => setTimeout(r, 300));
  }
  project.provide("e2eBaseUrl", baseUrl);
  project.provide("e2eDemoPassword", password);
  project.provide("e2eMailFile", mailFile);
  project.provide("e2eOidcIssuer", idp.issuer);
  return async () => {
    server.kill("SIGTERM");
    await new Promise((r) => server.once("exit", r));
    await idp.close();
    await smtp.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
    fs.rmSync(mailFile, { force: true });
  };
}
