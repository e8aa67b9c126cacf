// The OpenAPI document of /api/v1 is valid, lists every route the server registers (seen through
// Fastify's onRoute hook, not a list kept by hand), and agrees with the README: every curl example
// names an operation of the document, and its JSON body passes that operation's request schema.
import { readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import SwaggerParser from "@apidevtools/swagger-parser";
import { databaseTargets } from "@hindsight/db/testing";
import { Ajv2020 } from "ajv/dist/2020.js";
import addFormats from "ajv-formats";
import type { RouteOptions } from "fastify";
import { describe, expect } from "vitest";
import { useHarness } from "../test/harness.js";

const README = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../../../README.md");
const METHODS = ["get", "put", "post", "delete", "patch", "options"] as const;

interface Operation {
  security?: Record<string, string[]>[];
  requestBody?: { content: Record<string, { schema: object }> };
  parameters?: { in: string; name: string }[];
}
interface OpenApiDocument {
  openapi: string;
  security?: Record<string, string[]>[];
  components: { securitySchemes: Record<string, { type: string; scheme?: string }> };
  paths: Record<string, Partial<Record<(typeof METHODS)[number], Operation>>>;
}

/** Shell words of one command line: '…' and "…" quoting, backslash escapes outside single quotes. */
export function shellWords(line: string): string[] {
  const words: string[] = [];
  let word: string | null = null;
  for (let i = 0; i < line.length; i += 1) {
    const c = line[i]!;
    if (c === "'") {
      const end = line.indexOf("'", i + 1);
      word = (word ?? "") + line.slice(i + 1, end);
      i = end;
    } else if (c === '"') {
      let j = i + 1;
      let s = "";
      for (; line[j] !== '"'; j += 1) s += line[j] === "\\" ? line[++j] : line[j];
      word = (word ?? "") + s;
      i = j;
    } else if (c === "\\") {
      word = (word ?? "") + (line[++i] ?? "");
    } else if (/\s/.test(c)) {
      if (word !== null) words.push(word);
      word = null;
    } else {
      word = (word ?? "") + c;
    }
  }
  if (word !== null) words.push(word);
  return words;
}

export interface CurlExample {
  command: string;
  method: string;
  path: string;
  contentType: string | null;
  /** The -d text, unless it reads a file (-d @file). */
  data: string | null;
}

/** Every curl command in the README's sh blocks that calls /api/v1. */
export function curlExamples(markdown: string): CurlExample[] {
  const out: CurlExample[] = [];
  for (const block of markdown.matchAll(/```(?:sh|bash|shell)\n([\s\S]*?)```/g)) {
    const lines = block[1]!.replace(/\\\n\s*/g, " ").split("\n");
    for (const line of lines) {
      const command = line.replace(/\s+#.*$/, "").trim();
      if (!command.startsWith("curl ") || !command.includes("/api/v1")) continue;
      const words = shellWords(command).slice(1);
      let method: string | null = null;
      let data: string | null = null;
      let hasData = false;
      let contentType: string | null = null;
      let url: string | null = null;
      for (let i = 0; i < words.length; i += 1) {
        const w = words[i]!;
        if (w === "-X" || w === "--request") method = words[++i]!.toUpperCase();
        else if (["-d", "--data", "--data-raw", "--data-binary"].includes(w)) {
          hasData = true;
          const v = words[++i]!;
          data = v.startsWith("@") ? null : v;
        } else if (w === "-H" || w === "--header") {
          const h = words[++i]!;
          const m = /^content-type:\s*(.+)$/i.exec(h);
          if (m) contentType = m[1]!.trim().toLowerCase();
        } else if (w.includes("/api/v1")) url = w;
      }
      if (!url) throw new Error(`no URL in ${command}`);
      const p = url.slice(url.indexOf("/api/v1")).split("?")[0]!;
      out.push({ command, method: method ?? (hasData ? "POST" : "GET"), path: p, contentType, data });
    }
  }
  return out;
}

/** The document path (`/api/v1/entries/{id}`) a concrete path falls under, or null. */
function documentPath(doc: OpenApiDocument, concrete: string): string | null {
  const exact = doc.paths[concrete] ? concrete : null;
  if (exact) return exact;
  for (const p of Object.keys(doc.paths)) {
    const re = new RegExp(`^${p.replace(/[.*+?^$()|[\]\\]/g, "\\$&").replace(/\\?\{[^}]+\\?\}|\{[^}]+\}/g, "[^/]+")}$`);
    if (re.test(concrete)) return p;
  }
  return null;
}

/** Fastify's `/entries/:id` as OpenAPI's `/entries/{id}`. */
const openapiPath = (url: string) => url.replace(/:([A-Za-z0-9_]+)/g, "{$1}");

const targets = await databaseTargets();
const target = targets.find((t) => !t.skipReason) ?? targets[0]!;

describe("the OpenAPI document of /api/v1", () => {
  const routes: { method: string; url: string }[] = [];
  const onRoute = (r: RouteOptions) => {
    for (const method of [r.method].flat()) routes.push({ method: method.toLowerCase(), url: r.url });
  };
  // Slack's routes exist only with a signing secret: turn them on so they are checked too.
  const { h, run } = useHarness(target, { env: { SLACK_SIGNING_SECRET: "openapi-test-secret" }, onRoute });

  async function fetchDocument(): Promise<OpenApiDocument> {
    const res = await h.app.inject({ method: "GET", url: "/api/v1/openapi.json" });
    expect(res.statusCode).toBe(200);
    expect(res.headers["content-type"]).toMatch(/application\/json/);
    return res.json() as OpenApiDocument;
  }

  run("is served without a token and is a valid OpenAPI 3.1 document", async () => {
    const doc = await fetchDocument();
    expect(doc.openapi).toBe("3.1.0");
    await expect(SwaggerParser.validate(structuredClone(doc) as never)).resolves.toBeTruthy();
    // Nothing but /api/v1 is described: tRPC, sign-in and health are not part of this contract.
    expect(Object.keys(doc.paths).filter((p) => !p.startsWith("/api/v1/"))).toEqual([]);
  });

  run("lists every /api/v1 route the server registered, with its method", async () => {
    const doc = await fetchDocument();
    const v1 = routes.filter((r) => r.url.startsWith("/api/v1/") && r.method !== "head");
    // The routes this suite knows exist, so an empty hook cannot pass for a complete document.
    expect(v1.map((r) => `${r.method} ${r.url}`)).toEqual(
      expect.arrayContaining(["post /api/v1/entries", "get /api/v1/entries/:id", "post /api/v1/chatops/slack/command", "get /api/v1/openapi.json"]),
    );
    const missing = v1.filter((r) => !doc.paths[openapiPath(r.url)]?.[r.method as (typeof METHODS)[number]]);
    expect(missing).toEqual([]);
    // ... and nothing more: every documented operation is a route.
    const documented = Object.entries(doc.paths).flatMap(([p, ops]) => METHODS.filter((m) => ops[m]).map((m) => `${m} ${p}`));
    expect(documented.sort()).toEqual([...new Set(v1.map((r) => `${r.method} ${openapiPath(r.url)}`))].sort());
  });

  run("declares bearer tokens, required everywhere but on the document itself and Slack's signed webhooks", async () => {
    const doc = await fetchDocument();
    expect(doc.components.securitySchemes.bearerAuth).toMatchObject({ type: "http", scheme: "bearer" });
    expect(doc.security).toEqual([{ bearerAuth: [] }]);
    for (const [p, ops] of Object.entries(doc.paths)) {
      for (const m of METHODS) {
        const op = ops[m];
        if (!op) continue;
        if (p === "/api/v1/openapi.json") expect(op.security).toEqual([]);
        else if (p.startsWith("/api/v1/chatops/")) expect(op.security).toEqual([{ slackSignature: [] }]);
        else {
          expect(op.security, `${m} ${p}`).toBeUndefined();
          // The token is a security scheme, not a header parameter of each operation.
          expect((op.parameters ?? []).filter((x) => x.in === "header" && x.name.toLowerCase() === "authorization")).toEqual([]);
        }
      }
    }
  });

  run("describes each README curl example: method, path and JSON body", async () => {
    const doc = await fetchDocument();
    const ajv = new Ajv2020({ strict: false, allErrors: true });
    addFormats.default(ajv);
    const examples = curlExamples(readFileSync(README, "utf8"));
    expect(examples.length).toBeGreaterThanOrEqual(10);
    let bodies = 0;
    for (const ex of examples) {
      const p = documentPath(doc, ex.path);
      expect(p, `README: ${ex.command}`).not.toBeNull();
      const op = doc.paths[p!]![ex.method.toLowerCase() as (typeof METHODS)[number]];
      expect(op, `README: ${ex.method} ${ex.path} is not in the document`).toBeDefined();
      if (ex.data === null) continue;
      const type = ex.contentType ?? "application/x-www-form-urlencoded";
      const media = op!.requestBody?.content[type];
      expect(media, `README: ${ex.command} sends ${type}, which ${ex.method} ${p} does not take`).toBeDefined();
      if (type !== "application/json") continue;
      const validate = ajv.compile(media!.schema);
      const body: unknown = JSON.parse(ex.data);
      expect(validate(body), `README: ${ex.command}\n${ajv.errorsText(validate.errors)}`).toBe(true);
      bodies += 1;
    }
    expect(bodies).toBeGreaterThanOrEqual(5);
  });

  run("request schemas reject what the routes reject (so the README check can fail)", async () => {
    const doc = await fetchDocument();
    const ajv = new Ajv2020({ strict: false, allErrors: true });
    addFormats.default(ajv);
    const entries = ajv.compile(doc.paths["/api/v1/entries"]!.post!.requestBody!.content["application/json"]!.schema);
    expect(entries({ kind: "fix", title: "Pool exhausted" })).toBe(true);
    expect(entries({ entries: [{ kind: "runbook", title: "Lag" }] })).toBe(true);
    expect(entries({ kind: "recipe", title: "Not a kind" })).toBe(false);
    expect(entries({ kind: "fix" })).toBe(false);
    expect(entries({ entries: [] })).toBe(false);
    const chat = ajv.compile(doc.paths["/api/v1/import/chat"]!.post!.requestBody!.content["application/json"]!.schema);
    expect(chat({ text: "[10:02] kim: hi", title: "War room", date: "2026-03-14" })).toBe(true);
    expect(chat({ text: "[10:02] kim: hi", title: "War room", date: "14/03/2026" })).toBe(false);
    const res = await h.app.inject({
      method: "POST",
      url: "/api/v1/import/chat",
      headers: { authorization: `Bearer test-admin-token-123`, "content-type": "application/json" },
      payload: JSON.stringify({ text: "[10:02] kim: hi", title: "War room", date: "14/03/2026" }),
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.fieldErrors).toEqual({ date: ["date must be YYYY-MM-DD"] });
  });

  run("serves the reference page from its own files, with no outside address", async () => {
    const page = await h.app.inject({ method: "GET", url: "/api/docs/" });
    const html = page.statusCode === 302 ? await h.app.inject({ method: "GET", url: page.headers.location as string }) : page;
    expect(html.statusCode).toBe(200);
    expect(html.headers["content-type"]).toMatch(/text\/html/);
    const assets = [...html.body.matchAll(/(?:src|href)="([^"]+)"/g)].map((m) => m[1]!);
    expect(assets.length).toBeGreaterThan(0);
    expect(assets.filter((a) => /^(https?:)?\/\//.test(a))).toEqual([]);
    for (const asset of assets.filter((a) => a.endsWith(".js"))) {
      const url = asset.startsWith("/") ? asset : `/api/docs/${asset.replace(/^\.\//, "")}`;
      const res = await h.app.inject({ method: "GET", url });
      expect(res.statusCode, url).toBe(200);
      expect(res.body).not.toMatch(/https:\/\/(unpkg|cdn\.jsdelivr|cdnjs)/);
    }
    const initializer = await h.app.inject({ method: "GET", url: "/api/docs/static/swagger-initializer.js" });
    expect(initializer.body).toContain("./json");
    const json = await h.app.inject({ method: "GET", url: "/api/docs/json" });
    expect(json.json()).toEqual(await fetchDocument());
  });
});
