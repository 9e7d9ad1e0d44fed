import zlib from "node:zlib";

/**
 * How text answers (JSON, the API docs, index.html) are compressed for browsers that accept it:
 * Brotli at quality 4 (about as fast as gzip, smaller), else gzip at level 6; answers under 1 KB
 * (e.g. the session with its CSRF token) stay as they are. One setting for @fastify/compress
 * (app.ts) and for the answers the read cache keeps compressed (read-cache.ts).
 */
export const TEXT_COMPRESSION = {
  encodings: ["br", "gzip"] as Array<"br" | "gzip">,
  threshold: 1024,
  brotliOptions: { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 4 } },
  zlibOptions: { level: 6 },
};

/** Compresses `body` as {@link TEXT_COMPRESSION} says. */
export function compressText(body: Buffer, encoding: "br" | "gzip"): Buffer {
  return encoding === "br"
    ? zlib.brotliCompressSync(body, TEXT_COMPRESSION.brotliOptions)
    : zlib.gzipSync(body, TEXT_COMPRESSION.zlibOptions);
}
