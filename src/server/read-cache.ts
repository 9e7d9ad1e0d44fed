import fp from "fastify-plugin";
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { today } from "../kernel/dates";
import { compressText, TEXT_COMPRESSION } from "./compression";

/**
 * The read cache (#14): a signed-in GET of a route with `config.readCache` is answered from the
 * page this server presented before, for the same session, URL, language and day, as long as the
 * data version has not changed.
 *
 * The data version (migration 0016) is one number in the database that every committed change of
 * a presented table increases, read in the same statement as the session (`findSession`). So:
 * - whatever a request reads after the session is at least as new as the version it saw; a page
 *   stored under version V shows the data of V or newer, and once a change commits, every server
 *   sees V+1 at its next request and presents afresh — on PostgreSQL with many app servers too;
 * - the caller's roles, deputies and administration are rows of versioned tables as well, so a
 *   change of what someone may see changes the version;
 * - what depends on the day (deadlines, "active") is keyed by today's date in Germany;
 * - the caller's own account columns that leave the version alone (`OWN_ACCOUNT_COLUMNS`, the
 *   chosen language: one person's switch must not empty every cache) are keyed by their values,
 *   read with the session at every request.
 * A route opts in only when its answer depends on nothing else (the tables listed in
 * `UNVERSIONED_TABLES` are not versioned): `test/read-cache.test.ts` checks the statements of
 * every such route and that every cached answer equals the one presented afresh.
 *
 * A read that must leave a trace each time (the audit of a pool member's read) registers it with
 * `request.onReadCacheHit`, and the trace is written again on every answer from the cache.
 * Answers are kept compressed as they are asked for (Brotli, gzip), so a hit costs the session's
 * statement and a copy of bytes. Memory is bounded (least recently used first out); a newer
 * version empties the cache at once, since no page of an older one can be given again.
 */

/** Something a cached read does again at every hit (e.g. write the audit of the read). */
export type ReadReplay = (request: FastifyRequest) => Promise<void>;

interface Entry {
  version: string;
  contentType: string;
  /** The route's own Cache-Control, given again with the answer (public data may be kept by browsers). */
  cacheControl?: string;
  body: Buffer;
  br?: Buffer;
  gzip?: Buffer;
  replays: ReadReplay[];
  bytes: number;
}

/** Header that says whether an answer came from the read cache (`hit`) or was presented (`miss`). */
export const READ_CACHE_HEADER = "verbund-read-cache";

declare module "fastify" {
  interface FastifyRequest {
    /** Registers what a cached read must do again at every answer from the cache. */
    onReadCacheHit(replay: ReadReplay): void;
  }
}

/** The encoding to send a cached answer in: Brotli or gzip when the client accepts it (q > 0). */
export function acceptedEncoding(header: string | string[] | undefined): "br" | "gzip" | undefined {
  const accepted = new Map<string, number>();
  for (const part of [header ?? ""].flat().join(",").split(",")) {
    const [name, ...params] = part.trim().toLowerCase().split(";");
    if (!name) continue;
    const q = params.map((p) => p.trim()).find((p) => p.startsWith("q="));
    accepted.set(name, q ? Number(q.slice(2)) || 0 : 1);
  }
  const weight = (name: string) => accepted.get(name) ?? accepted.get("*") ?? 0;
  if (weight("br") > 0 && weight("br") >= weight("gzip")) return "br";
  if (weight("gzip") > 0) return "gzip";
  return undefined;
}

/** Least-recently-used store of presented answers, bounded by bytes, for the newest data version only. */
export class ReadCache {
  private readonly entries = new Map<string, Entry>();
  private bytes = 0;
  private newest = 0n;

  constructor(private readonly maxBytes: number) {}

  /** Whether `version` is the newest seen; a newer one empties the cache. */
  private isNewest(version: string): boolean {
    const v = BigInt(version);
    if (v > this.newest) {
      this.newest = v;
      this.entries.clear();
      this.bytes = 0;
    }
    return v === this.newest;
  }

  get(key: string, version: string): Entry | undefined {
    if (!this.isNewest(version)) return undefined;
    const entry = this.entries.get(key);
    if (!entry || entry.version !== version) return undefined;
    this.entries.delete(key);
    this.entries.set(key, entry);
    return entry;
  }

  set(key: string, entry: Omit<Entry, "bytes">): void {
    if (!this.isNewest(entry.version)) return;
    const bytes = entry.body.length + key.length;
    if (bytes > this.maxBytes / 8) return; // one answer never takes the room of many
    this.remove(key);
    this.entries.set(key, { ...entry, bytes });
    this.bytes += bytes;
    this.shrink();
  }

  /** Adds the compressed form of an entry (counted against the bound). */
  addEncoded(key: string, entry: Entry, encoding: "br" | "gzip", data: Buffer): void {
    entry[encoding] = data;
    if (this.entries.get(key) !== entry) return;
    entry.bytes += data.length;
    this.bytes += data.length;
    this.shrink();
  }

  private remove(key: string) {
    const old = this.entries.get(key);
    if (!old) return;
    this.entries.delete(key);
    this.bytes -= old.bytes;
  }

  private shrink() {
    for (const key of this.entries.keys()) {
      if (this.bytes <= this.maxBytes) break;
      this.remove(key);
    }
  }
}

const KEY = Symbol("readCacheKey");
const REPLAYS = Symbol("readCacheReplays");
const HIT = Symbol("readCacheHit");
type Marked = FastifyRequest & { [KEY]?: string; [REPLAYS]?: ReadReplay[]; [HIT]?: boolean };

function keyOf(request: FastifyRequest): string {
  const lang = request.headers["accept-language"] ?? "";
  return `${request.actor!.sessionId}\n${request.url}\n${lang}\n${today()}\n${request.ownAccountFields ?? ""}`;
}

function sendCached(cache: ReadCache, key: string, entry: Entry, request: FastifyRequest, reply: FastifyReply) {
  reply.header("content-type", entry.contentType).header("vary", "accept-encoding").header(READ_CACHE_HEADER, "hit");
  if (entry.cacheControl) reply.header("cache-control", entry.cacheControl);
  const encoding = entry.body.length >= TEXT_COMPRESSION.threshold ? acceptedEncoding(request.headers["accept-encoding"]) : undefined;
  if (!encoding) return reply.send(entry.body);
  let data = entry[encoding];
  if (!data) {
    data = compressText(entry.body, encoding);
    cache.addEncoded(key, entry, encoding, data);
  }
  // Already encoded: @fastify/compress leaves an answer with a Content-Encoding alone.
  return reply.header("content-encoding", encoding).send(data);
}

/** Registers the read cache; must come before @fastify/compress, so that it stores the JSON text. */
async function readCachePlugin(app: FastifyInstance) {
  const megabytes = app.config.readCacheMegabytes;
  const cache = megabytes > 0 ? new ReadCache(megabytes * 1024 * 1024) : null;
  app.decorateRequest("onReadCacheHit", function (this: Marked, replay: ReadReplay) {
    if (this[KEY]) (this[REPLAYS] ??= []).push(replay);
  });
  if (!cache) return;

  app.addHook("preHandler", async (request: Marked, reply) => {
    if (request.method !== "GET" || !request.routeOptions.config.readCache || !request.actor || !request.dataVersion) return;
    const key = keyOf(request);
    request[KEY] = key;
    const entry = cache.get(key, request.dataVersion);
    if (!entry) {
      reply.header(READ_CACHE_HEADER, "miss");
      return;
    }
    request[HIT] = true;
    for (const replay of entry.replays) await replay(request);
    sendCached(cache, key, entry, request, reply);
    return reply;
  });

  app.addHook("onSend", async (request: Marked, reply, payload) => {
    const key = request[KEY];
    if (!key || request[HIT] || reply.statusCode !== 200 || typeof payload !== "string" || !request.dataVersion) return payload;
    cache.set(key, {
      version: request.dataVersion,
      contentType: String(reply.getHeader("content-type") ?? "application/json; charset=utf-8"),
      cacheControl: reply.hasHeader("cache-control") ? String(reply.getHeader("cache-control")) : undefined,
      body: Buffer.from(payload),
      replays: request[REPLAYS] ?? [],
    });
    return payload;
  });
}

export default fp(readCachePlugin, { name: "verbund-read-cache" });
