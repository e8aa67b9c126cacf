// Gzip and Brotli copies of the built portal's text files (`x.js.gz`, `x.js.br` beside `x.js`), which
// the embedded server sends to browsers that accept them (@fastify/static `preCompressed`, apps/api
// app.ts): the bytes on the wire are then the compressed sizes the bundle budget counts, and the server
// compresses nothing per request. Written once the whole of dist/ is there, so files copied from
// public/ (zod-without-eval.js) get theirs too. Files under 1 kB are left alone: the saving is smaller
// than a header.
import { readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { brotliCompressSync, constants, gzipSync } from "node:zlib";
import type { Plugin } from "vite";

const COMPRESSIBLE = /\.(js|mjs|css|html|svg|json|txt|map)$/;
const MIN_BYTES = 1024;

function* files(dir: string): Generator<string> {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const file = join(dir, entry.name);
    if (entry.isDirectory()) yield* files(file);
    else yield file;
  }
}

/** Writes `.gz` and `.br` beside every compressible file of `dir` of at least MIN_BYTES; returns how many files. */
export function precompressDir(dir: string): number {
  let count = 0;
  for (const file of files(dir)) {
    if (!COMPRESSIBLE.test(file) || statSync(file).size < MIN_BYTES) continue;
    const bytes = readFileSync(file);
    writeFileSync(`${file}.gz`, gzipSync(bytes, { level: 9 }));
    writeFileSync(
      `${file}.br`,
      brotliCompressSync(bytes, {
        params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: bytes.length },
      }),
    );
    count++;
  }
  return count;
}

export function precompress(): Plugin {
  let outDir = "dist";
  return {
    name: "hindsight:precompress",
    apply: "build",
    configResolved(config) {
      outDir = config.build.outDir.startsWith("/") ? config.build.outDir : join(config.root, config.build.outDir);
    },
    closeBundle() {
      precompressDir(outDir);
    },
  };
}
