// The embedded server sends the built portal's precompressed files (`x.js.br`, `x.js.gz`, written by the
// portal build) to browsers that accept them, and the file itself to those that do not.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { brotliCompressSync, brotliDecompressSync, gunzipSync, gzipSync } from "node:zlib";
import { databaseTargets } from "@hindsight/db/testing";
import { afterAll, describe, expect } from "vitest";
import { useHarness } from "./test/harness.js";

const [pglite] = await databaseTargets();

const script = `export const greeting = ${JSON.stringify("hello from the portal ".repeat(200))};\n`;
const html = '<!doctype html><html><head><script type="module" src="/assets/app.js"></script></head><body><div id="root"></div></body></html>\n';
const portalDir = fs.mkdtempSync(path.join(os.tmpdir(), "hindsight-portal-static-"));
fs.mkdirSync(path.join(portalDir, "assets"));
fs.writeFileSync(path.join(portalDir, "index.html"), html);
fs.writeFileSync(path.join(portalDir, "assets/app.js"), script);
fs.writeFileSync(path.join(portalDir, "assets/app.js.gz"), gzipSync(script));
fs.writeFileSync(path.join(portalDir, "assets/app.js.br"), brotliCompressSync(script));
// A file the build left uncompressed (under its size floor) is still served to everyone.
fs.writeFileSync(path.join(portalDir, "assets/tiny.css"), "body{margin:0}\n");

describe("the portal's static files", () => {
  const { h, run, note } = useHarness(pglite!, { env: { PORTAL_DIR: portalDir } });
  afterAll(() => fs.rmSync(portalDir, { recursive: true, force: true }));

  run(`a JS asset goes gzipped to a browser that accepts gzip, with its content intact${note}`, async () => {
    const res = await h.app.inject({ method: "GET", url: "/assets/app.js", headers: { "accept-encoding": "gzip" } });
    expect(res.statusCode).toBe(200);
    expect(res.headers["content-encoding"]).toBe("gzip");
    expect(res.headers["content-type"]).toMatch(/javascript/);
    expect(res.headers.vary).toMatch(/accept-encoding/i);
    expect(res.rawPayload.length).toBeLessThan(Buffer.byteLength(script) / 4);
    expect(gunzipSync(res.rawPayload).toString("utf8")).toBe(script);
  });

  run(`Brotli when the browser prefers it${note}`, async () => {
    const res = await h.app.inject({ method: "GET", url: "/assets/app.js", headers: { "accept-encoding": "br, gzip" } });
    expect(res.statusCode).toBe(200);
    expect(res.headers["content-encoding"]).toBe("br");
    expect(brotliDecompressSync(res.rawPayload).toString("utf8")).toBe(script);
  });

  run(`the file as it is without Accept-Encoding, and for a file with no compressed copy${note}`, async () => {
    const plain = await h.app.inject({ method: "GET", url: "/assets/app.js", headers: { "accept-encoding": "identity" } });
    expect(plain.statusCode).toBe(200);
    expect(plain.headers["content-encoding"]).toBeUndefined();
    expect(plain.body).toBe(script);
    const tiny = await h.app.inject({ method: "GET", url: "/assets/tiny.css", headers: { "accept-encoding": "gzip, br" } });
    expect(tiny.statusCode).toBe(200);
    expect(tiny.headers["content-encoding"]).toBeUndefined();
    expect(tiny.body).toBe("body{margin:0}\n");
  });

  run(`client routes still get index.html${note}`, async () => {
    const res = await h.app.inject({ method: "GET", url: "/entries/some-entry", headers: { "accept-encoding": "gzip" } });
    expect(res.statusCode).toBe(200);
    expect(res.headers["content-type"]).toMatch(/text\/html/);
    const body = res.headers["content-encoding"] === "gzip" ? gunzipSync(res.rawPayload).toString("utf8") : res.body;
    expect(body).toBe(html);
  });
});
