// Security headers as a browser receives them, through app.inject: the portal's page (the built
// index.html when the portal is built, else its Vite template: the build only adds external module
// scripts and stylesheets), an API route and the REST reference page at /api/docs. The CSP must forbid
// inline scripts and eval while every script those pages load is a same-origin file; HSTS only over TLS.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { databaseTargets } from "@hindsight/db/testing";
import type { FastifyInstance } from "fastify";
import { describe, expect, it } from "vitest";
import { ConfigError, loadConfig } from "../config.js";
import { useHarness } from "../test/harness.js";

const [pglite] = await databaseTargets();

const portalRoot = fileURLToPath(new URL("../../../portal/", import.meta.url));
const builtIndex = path.join(portalRoot, "dist/index.html");
const portalHtmlSource = fs.existsSync(builtIndex) ? builtIndex : path.join(portalRoot, "index.html");
const portalDir = fs.mkdtempSync(path.join(os.tmpdir(), "hindsight-portal-"));
fs.copyFileSync(portalHtmlSource, path.join(portalDir, "index.html"));

/** directive -> values, from a Content-Security-Policy header. */
function parseCsp(header: unknown): Map<string, string[]> {
  expect(typeof header, "Content-Security-Policy header").toBe("string");
  return new Map(
    String(header)
      .split(";")
      .map((d) => d.trim().split(/\s+/))
      .filter((parts) => parts[0])
      .map(([name, ...values]) => [name!, values]),
  );
}

/** What every answer must carry: no inline script or eval, no framing, no sniffing, a strict referrer. */
function expectBaseline(headers: Record<string, unknown>, where: string): Map<string, string[]> {
  const csp = parseCsp(headers["content-security-policy"]);
  const scripts = csp.get("script-src") ?? csp.get("default-src");
  expect(scripts, `${where}: script-src`).toEqual(["'self'"]);
  expect(csp.get("script-src-attr"), `${where}: inline event handlers`).toEqual(["'none'"]);
  expect(csp.get("default-src"), where).toEqual(["'self'"]);
  expect(csp.get("object-src"), where).toEqual(["'none'"]);
  expect(csp.get("frame-ancestors"), where).toEqual(["'none'"]);
  expect(headers["x-frame-options"], where).toBe("DENY");
  expect(headers["x-content-type-options"], where).toBe("nosniff");
  expect(headers["referrer-policy"], where).toBe("strict-origin-when-cross-origin");
  return csp;
}

/** The <script> tags of a page: each must load a same-origin file (nothing inline for the CSP to refuse). */
function scriptsOf(html: string): string[] {
  const tags = [...html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/gi)];
  expect(tags.length).toBeGreaterThan(0);
  return tags.map(([, attrs, body]) => {
    const src = /\bsrc="([^"]+)"/.exec(attrs!)?.[1];
    expect(src, `inline script: ${body!.slice(0, 80)}`).toBeDefined();
    expect(body!.trim(), "a script with src has no inline body").toBe("");
    expect(src, "same-origin script").not.toMatch(/^(https?:)?\/\//);
    return src!;
  });
}

async function getFollowing(app: FastifyInstance, url: string) {
  let res = await app.inject({ method: "GET", url });
  for (let hops = 0; res.statusCode >= 300 && res.statusCode < 400 && hops < 3; hops++) {
    res = await app.inject({ method: "GET", url: new URL(String(res.headers.location), `http://localhost${url}`).pathname });
  }
  return res;
}

describe("security headers over plain http", () => {
  const { h, run, note } = useHarness(pglite!, { env: { PORTAL_DIR: portalDir } });

  run(`the portal's page and its client routes run under a CSP with no inline script or eval${note}`, async () => {
    for (const url of ["/", "/search?q=timeout", "/entries/some-entry"]) {
      const res = await h.app.inject({ method: "GET", url });
      expect(res.statusCode, url).toBe(200);
      expect(res.headers["content-type"], url).toMatch(/text\/html/);
      const csp = expectBaseline(res.headers, url);
      // Mantine sets style attributes: inline styles are allowed, scripts never.
      expect(csp.get("style-src")).toEqual(["'self'", "'unsafe-inline'"]);
      expect(res.headers["strict-transport-security"], "no HSTS over plain http").toBeUndefined();
      expect(csp.has("upgrade-insecure-requests")).toBe(false);
      for (const src of scriptsOf(res.body)) expect(src.startsWith("/")).toBe(true);
    }
  });

  run(`API answers carry the same headers: tRPC, REST and errors${note}`, async () => {
    const trpc = await h.app.inject({ method: "GET", url: "/trpc/auth.options" });
    expect(trpc.statusCode).toBe(200);
    expectBaseline(trpc.headers, "/trpc/auth.options");
    const rest = await h.app.inject({ method: "GET", url: "/api/v1/entries", headers: { authorization: `Bearer ${h.teammateToken}` } });
    expect(rest.statusCode).toBe(200);
    expectBaseline(rest.headers, "/api/v1/entries");
    const missing = await h.app.inject({ method: "GET", url: "/api/v1/nothing-here" });
    expect(missing.statusCode).toBe(404);
    expectBaseline(missing.headers, "404");
  });

  run(`the REST reference page at /api/docs loads only same-origin scripts, each served under the CSP${note}`, async () => {
    const page = await getFollowing(h.app, "/api/docs");
    expect(page.statusCode).toBe(200);
    expect(page.headers["content-type"]).toMatch(/text\/html/);
    const csp = expectBaseline(page.headers, "/api/docs");
    // Swagger UI's icons are data: images and it fetches the document from this origin.
    expect(csp.get("img-src")).toContain("data:");
    expect(csp.get("connect-src")).toEqual(["'self'"]);
    const scripts = scriptsOf(page.body);
    expect(scripts.some((s) => s.endsWith("swagger-initializer.js"))).toBe(true);
    for (const src of scripts) {
      const url = src.startsWith("/") ? src : `/api/docs/${src.replace(/^\.\//, "")}`;
      const script = await h.app.inject({ method: "GET", url });
      expect(script.statusCode, url).toBe(200);
      expect(script.headers["content-type"], url).toMatch(/javascript/);
      // No eval needed: the initializer only configures the bundle (the CSP would refuse eval).
      if (url.endsWith("swagger-initializer.js")) expect(script.body).not.toMatch(/\beval\(|new Function\(/);
    }
    const doc = await h.app.inject({ method: "GET", url: "/api/v1/openapi.json" });
    expect(doc.statusCode).toBe(200);
  });
});

describe("security headers over TLS", () => {
  const { h, run, note } = useHarness(pglite!, { env: { PORTAL_DIR: portalDir, HINDSIGHT_PUBLIC_URL: "https://hindsight.example.com" } });

  run(`an https public URL turns on HSTS and upgrade-insecure-requests${note}`, async () => {
    for (const url of ["/", "/trpc/auth.options"]) {
      const res = await h.app.inject({ method: "GET", url });
      expectBaseline(res.headers, url);
      expect(res.headers["strict-transport-security"], url).toBe("max-age=63072000; includeSubDomains");
      expect(parseCsp(res.headers["content-security-policy"]).has("upgrade-insecure-requests")).toBe(true);
    }
  });
});

describe("HINDSIGHT_HSTS", () => {
  it("defaults to the public URL's scheme, may be turned off, and is refused on plain http", () => {
    expect(loadConfig({}).hsts).toBe(false);
    expect(loadConfig({ HINDSIGHT_PUBLIC_URL: "https://kb.example.com" }).hsts).toBe(true);
    expect(loadConfig({ HINDSIGHT_PUBLIC_URL: "https://kb.example.com", HINDSIGHT_HSTS: "false" }).hsts).toBe(false);
    expect(() => loadConfig({ HINDSIGHT_PUBLIC_URL: "http://kb.example.com", HINDSIGHT_HSTS: "true" })).toThrow(ConfigError);
    expect(() => loadConfig({ HINDSIGHT_HSTS: "true" })).toThrow(/HINDSIGHT_HSTS =true needs an https:\/\/ HINDSIGHT_PUBLIC_URL/);
  });
});
