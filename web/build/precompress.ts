import fs from "node:fs";
import path from "node:path";
import zlib from "node:zlib";
import type { Plugin } from "vite";

const TEXT = /\.(js|css|html|svg|json|txt)$/;

/**
 * Writes `file.br` (Brotli, quality 11) and `file.gz` (gzip, level 9) next to every text file in
 * `dir` larger than 1 KB; fonts (woff2) and images are compressed already.
 */
export function precompressDir(dir: string): void {
  const walk = (d: string): string[] =>
    fs.readdirSync(d, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? walk(path.join(d, e.name)) : [path.join(d, e.name)]));
  for (const file of walk(dir).filter((f) => TEXT.test(f))) {
    const content = fs.readFileSync(file);
    if (content.length < 1024) continue;
    fs.writeFileSync(
      `${file}.br`,
      zlib.brotliCompressSync(content, {
        params: {
          [zlib.constants.BROTLI_PARAM_QUALITY]: zlib.constants.BROTLI_MAX_QUALITY,
          [zlib.constants.BROTLI_PARAM_SIZE_HINT]: content.length,
        },
      }),
    );
    fs.writeFileSync(`${file}.gz`, zlib.gzipSync(content, { level: 9 }));
  }
}

/**
 * The Vite plugin: compresses the build once (see {@link precompressDir}); the server
 * (@fastify/static, `preCompressed`) sends `file.br` or `file.gz` to browsers that accept them,
 * so no request spends CPU on compressing an asset.
 */
export function precompress(): Plugin {
  let outDir = "";
  return {
    name: "verbund-precompress",
    apply: "build",
    configResolved(config) {
      outDir = config.build.outDir;
    },
    closeBundle() {
      precompressDir(outDir);
    },
  };
}
