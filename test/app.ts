import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from "fastify";
import { loadConfig, type Config } from "../src/config";
import type { Database } from "../src/db/client";
import { buildApp, type AppOptions } from "../src/server/app";
import { TEST_PASSWORD } from "./constants";
import { createTestDatabase } from "./db";

/** A signed-in client: sends its session cookie and CSRF token with every request. */
export interface Client {
  login: string;
  cookie: string;
  csrfToken: string;
  request(options: InjectOptions): Promise<LightMyRequestResponse>;
}

/** The app under test on its own database copy. */
export interface TestApp {
  app: FastifyInstance;
  database: Database;
  /** Signs in a demo account (password {@link TEST_PASSWORD}) and returns its client. */
  signIn(login: string, password?: string): Promise<Client>;
  /** An anonymous client. */
  anonymous(): Client;
  close(): Promise<void>;
}

/** Options of {@link buildTestApp}. */
export interface TestAppOptions {
  /** Overrides of the configuration (e.g. `baseUrl` to test HTTPS behaviour). */
  config?: Partial<Config>;
  /** Reuse a database instead of creating one. */
  database?: Database;
  /** Extra routes, as in `AppOptions.extend`. */
  extend?: AppOptions["extend"];
  /** A folder with a built web app to serve (default: none, API only). */
  webDir?: string;
}

/** Builds the real app with `app.inject` on a fresh copy of the seeded template database. */
export async function buildTestApp(options: TestAppOptions = {}): Promise<TestApp> {
  const database = options.database ?? (await createTestDatabase());
  const config = { ...loadConfig({}), ...options.config };
  const app = await buildApp({ config, database, logger: false, webDir: options.webDir ?? "/nonexistent", extend: options.extend });
  await app.ready();
  const makeClient = (login: string, cookie: string, csrfToken: string): Client => ({
    login,
    cookie,
    csrfToken,
    request: (opts) =>
      app.inject({
        ...opts,
        headers: {
          ...(cookie ? { cookie } : {}),
          ...(csrfToken ? { "x-csrf-token": csrfToken } : {}),
          ...(opts.headers ?? {}),
        },
      }),
  });
  return {
    app,
    database,
    anonymous: () => makeClient("", "", ""),
    async signIn(login, password = TEST_PASSWORD) {
      const res = await app.inject({ method: "POST", url: "/api/v1/session", payload: { login, password } });
      if (res.statusCode !== 200) throw new Error(`sign-in of ${login} failed: ${res.statusCode} ${res.body}`);
      const cookie = res.cookies.map((c) => `${c.name}=${c.value}`).join("; ");
      return makeClient(login, cookie, res.json().csrfToken);
    },
    async close() {
      await app.close();
      if (!options.database) await database.close();
    },
  };
}
