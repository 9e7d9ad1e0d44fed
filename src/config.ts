import path from "node:path";

/** Runtime configuration of a Verbund process, read once from the environment. */
export interface Config {
  /** TCP port of the HTTP server (`PORT`, default 3000). */
  port: number;
  /** Interface to listen on (`HOST`, default 127.0.0.1 in demo mode, 0.0.0.0 otherwise). */
  host: string;
  /** PostgreSQL connection string (`DATABASE_URL`); when absent the embedded PGlite database is used. */
  databaseUrl?: string;
  /** Folder of the embedded PGlite database (`VERBUND_DATA_DIR`, default `./var/data`). */
  dataDir: string;
  /** Folder with the region's reference data (`VERBUND_REGION_DIR`). */
  regionDir: string;
  /** Public base URL used in links and to decide whether cookies are `Secure` (`VERBUND_BASE_URL`). */
  baseUrl: string;
  /** Password of the demo accounts (`VERBUND_DEMO_PASSWORD`); random when unset. */
  demoPassword?: string;
  /** Trust `X-Forwarded-*` headers from a reverse proxy (`VERBUND_TRUST_PROXY=true`). */
  trustProxy: boolean;
  /** Log level of the structured JSON log (`LOG_LEVEL`, default `info`). */
  logLevel: string;
  /**
   * Level of the per-request log lines ("incoming request", "request completed"): `info` for a
   * server, `debug` in demo mode, so that a click in the browser does not push the start banner
   * (address, demo password) out of sight; `LOG_LEVEL=debug` shows them. Failed requests are
   * logged as errors either way.
   */
  requestLogLevel: "info" | "debug";
  /** SMTP server for e-mail (`SMTP_URL`); without it mails stay in the outbox (Postausgang). */
  smtpUrl?: string;
  /** Sender address (`MAIL_FROM`). */
  mailFrom: string;
  /** Days after leaving the pool until a member's personal data is deleted (`VERBUND_POOL_RETENTION_DAYS`, default 90). */
  poolRetentionDays: number;
  /** How often the outbox worker looks for due mail (`VERBUND_OUTBOX_INTERVAL_MS`, default 5000). */
  outboxIntervalMs: number;
  /** Allocation runs this process computes at the same time (`VERBUND_ALLOCATION_CONCURRENCY`, default 1). */
  allocationConcurrency: number;
  /** Allocation runs that may wait for their turn; more are refused with 503 (`VERBUND_ALLOCATION_QUEUE`, default 4). */
  allocationQueue: number;
  /**
   * Memory for presented answers that a signed-in read may be given again while the data has not
   * changed (`VERBUND_READ_CACHE_MB`, default 64; 0 switches the read cache off): see
   * server/read-cache.ts.
   */
  readCacheMegabytes: number;
  /** Largest value file (CSV/XLSX) a reporter may upload, in bytes (`VERBUND_STANDARDS_UPLOAD_MB`, default 50). */
  standardsUploadLimitBytes: number;
}

/** Repository root, resolved from this file so that the CLI works from any working directory. */
export const projectRoot = path.resolve(import.meta.dirname, "..");

/** Reads the configuration from `env` (defaults to `process.env`). */
export function loadConfig(env: NodeJS.ProcessEnv = process.env, options: { demo?: boolean } = {}): Config {
  const port = Number(env.PORT ?? 3000);
  const baseUrl = env.VERBUND_BASE_URL ?? `http://localhost:${port}`;
  return {
    port,
    // Demo accounts have a printed password: in demo mode listen on this machine only by default.
    host: env.HOST ?? (options.demo ? "127.0.0.1" : "0.0.0.0"),
    databaseUrl: env.DATABASE_URL || undefined,
    dataDir: path.resolve(env.VERBUND_DATA_DIR ?? path.join(projectRoot, "var", "data")),
    regionDir: path.resolve(env.VERBUND_REGION_DIR ?? path.join(projectRoot, "data", "reference", "region-hannover")),
    baseUrl,
    demoPassword: env.VERBUND_DEMO_PASSWORD || undefined,
    trustProxy: env.VERBUND_TRUST_PROXY === "true",
    logLevel: env.LOG_LEVEL ?? "info",
    requestLogLevel: options.demo ? "debug" : "info",
    smtpUrl: env.SMTP_URL || undefined,
    mailFrom: env.MAIL_FROM ?? "Verbund <verbund@localhost>",
    poolRetentionDays: Number(env.VERBUND_POOL_RETENTION_DAYS ?? 90),
    outboxIntervalMs: Number(env.VERBUND_OUTBOX_INTERVAL_MS ?? 5000),
    allocationConcurrency: Math.max(1, Number(env.VERBUND_ALLOCATION_CONCURRENCY ?? 1)),
    allocationQueue: Math.max(0, Number(env.VERBUND_ALLOCATION_QUEUE ?? 4)),
    readCacheMegabytes: Math.max(0, Number(env.VERBUND_READ_CACHE_MB ?? 64)),
    standardsUploadLimitBytes: Math.round(
      (Number(env.VERBUND_STANDARDS_UPLOAD_MB) > 0 ? Number(env.VERBUND_STANDARDS_UPLOAD_MB) : 50) * 1024 * 1024,
    ),
  };
}

/** Whether cookies must carry `Secure`: the public base URL is HTTPS. */
export function isSecureDeployment(config: Pick<Config, "baseUrl">): boolean {
  return config.baseUrl.startsWith("https://");
}
