// /metrics after real traffic: the exposition text is parsed and checked series by series. Route
// labels are patterns (never ids, slugs, query strings or tokens), every route label is a registered
// route, a tRPC procedure or the fixed label of unmatched requests; search and import metrics count
// exactly this instance's traffic (one registry per app: both database targets run in one process).
import { databaseTargets } from "@hindsight/db/testing";
import type { RouteOptions } from "fastify";
import { describe, expect } from "vitest";
import { appRouter } from "../router.js";
import { FakeEngine } from "../test/fake-engine.js";
import { ADMIN_TOKEN, rest, trpc, useHarness, type Harness } from "../test/harness.js";
import { UNMATCHED_ROUTE } from "./metrics.js";

interface Sample {
  name: string;
  labels: Record<string, string>;
  value: number;
}

/** Parses Prometheus text exposition (what a scraper reads): one sample per non-comment line. */
export function parseExposition(text: string): Sample[] {
  const samples: Sample[] = [];
  for (const line of text.split("\n")) {
    if (!line || line.startsWith("#")) continue;
    const m = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})? (\S+)$/.exec(line);
    if (!m) throw new Error(`not an exposition line: ${line}`);
    const labels: Record<string, string> = {};
    for (const l of (m[2] ?? "").matchAll(/([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)"/g)) labels[l[1]!] = l[2]!;
    samples.push({ name: m[1]!, labels, value: Number(m[3]) });
  }
  return samples;
}

async function scrape(h: Harness): Promise<Sample[]> {
  const res = await h.app.inject({ method: "GET", url: "/metrics" });
  expect(res.statusCode).toBe(200);
  expect(res.headers["content-type"]).toMatch(/^text\/plain; version=0\.0\.4/);
  return parseExposition(res.body);
}

const sum = (samples: Sample[], name: string, labels: Record<string, string> = {}) =>
  samples.filter((s) => s.name === name && Object.entries(labels).every(([k, v]) => s.labels[k] === v)).reduce((n, s) => n + s.value, 0);

const targets = await databaseTargets();

describe.each(targets)("metrics on $name", (target) => {
  const routes = new Set<string>();
  const { h, run, note } = useHarness(target, { onRoute: (r: RouteOptions) => void routes.add(r.url) });

  run(`labels requests by route pattern and counts searches and imports of this instance only${note}`, async () => {
    const planted = "sk_live_51HgPlantedQueryValue0123456789abcdef";
    // Writes and reads with ids in the URL.
    const created = await rest(h.app, "POST", "/api/v1/entries", { kind: "fix", title: "Metrics fix for redis timeouts", body: "restart the pool", externalKey: "m-1" });
    expect(created.status).toBe(201);
    const id = created.body.id as string;
    const slug = created.body.slug as string;
    expect((await rest(h.app, "GET", `/api/v1/entries/${id}`)).status).toBe(200);
    const markdown = await h.app.inject({ method: "GET", url: `/api/v1/entries/${id}/markdown?token=${planted}`, headers: { authorization: `Bearer ${ADMIN_TOKEN}` } });
    expect(markdown.statusCode).toBe(200);
    // Unknown routes, with ids and secrets in the path and query.
    expect((await h.app.inject({ method: "GET", url: `/api/v1/nothing/${id}?access_token=${planted}` })).statusCode).toBe(404);
    expect((await h.app.inject({ method: "GET", url: `/trpc/no.such.${id}` })).statusCode).toBe(404);
    // Searches: REST, tRPC (single and batched), one with a secret pasted into the query.
    expect((await rest(h.app, "GET", `/api/v1/search?q=${encodeURIComponent(`redis ${planted}`)}`)).status).toBe(200);
    expect((await trpc(h.app, "search.query", { q: "redis timeouts" }, { cookie: h.people.author.cookie }, "query")).status).toBe(200);
    const batch = await h.app.inject({
      method: "GET",
      url: `/trpc/search.query,search.query?batch=1&input=${encodeURIComponent(JSON.stringify({ 0: { q: "pool" }, 1: { q: "restart" } }))}`,
      headers: { cookie: h.people.author.cookie },
    });
    expect(batch.statusCode).toBe(200);
    // Imports: one batch of two documents, one refused.
    const imported = await rest(h.app, "POST", "/api/v1/import/markdown", {
      documents: [
        { markdown: "---\nkind: runbook\ntitle: Metrics runbook one\n---\n\n## Steps\n\n1. look", externalKey: "mi-1" },
        { markdown: "---\nkind: runbook\ntitle: Metrics runbook two\n---\n\n## Steps\n\n1. look", externalKey: "mi-2" },
      ],
    });
    expect(imported.status).toBe(200);
    expect(imported.body.created).toBe(2);
    const again = await rest(h.app, "POST", "/api/v1/import/markdown", { markdown: "---\nkind: runbook\ntitle: Metrics runbook one\n---\n\n## Steps\n\n1. look", externalKey: "mi-1" });
    expect(again.body.unchanged + again.body.updated).toBe(1);
    const refused = await rest(h.app, "POST", "/api/v1/import/chat", { text: "[10:00] ada: hi", title: "x", team: "no-such-team" });
    expect(refused.status).toBe(400);
    // And one from the portal (tRPC).
    const portal = await trpc(h.app, "imports.markdown", { markdown: "---\nkind: fix\ntitle: Metrics portal fix\n---\n\nRestart it." }, { cookie: h.people.author.cookie }, "mutation");
    expect(portal.status).toBe(200);

    const samples = await scrape(h);
    const http = samples.filter((s) => s.name === "hindsight_http_request_duration_seconds_count");
    expect(sum(http, http[0]!.name, { method: "GET", route: "/api/v1/entries/:id", status_code: "200" })).toBe(1);
    expect(sum(http, http[0]!.name, { method: "GET", route: "/api/v1/entries/:id/markdown", status_code: "200" })).toBe(1);
    expect(sum(http, http[0]!.name, { method: "POST", route: "/api/v1/entries", status_code: "201" })).toBe(1);
    expect(sum(http, http[0]!.name, { route: UNMATCHED_ROUTE, status_code: "404" })).toBe(1);
    expect(sum(http, http[0]!.name, { route: "/trpc/(unknown)", status_code: "404" })).toBe(1);
    expect(sum(http, http[0]!.name, { route: "/trpc/search.query" })).toBe(1);
    expect(sum(http, http[0]!.name, { route: "/trpc/(batch)" })).toBe(1);

    // Every label value is bounded: a registered route, a tRPC procedure or a fixed label.
    const procedures = new Set(Object.keys(appRouter._def.procedures).map((p) => `/trpc/${p}`));
    const allowed = new Set([...routes, ...procedures, UNMATCHED_ROUTE, "/trpc/(batch)", "/trpc/(unknown)"]);
    for (const s of http) {
      expect(allowed.has(s.labels.route!), `route label ${s.labels.route}`).toBe(true);
      expect(s.labels.method).toMatch(/^[A-Z]+$/);
      expect(s.labels.status_code).toMatch(/^\d{3}$/);
    }
    // Nothing that identifies a record or a caller appears anywhere in the exposition.
    const text = (await h.app.inject({ method: "GET", url: "/metrics" })).body;
    for (const leak of [id, slug, planted, ADMIN_TOKEN, h.teammateToken, "redis", "?", h.people.author.cookie.split("=")[1]!]) {
      expect(text.includes(`"${leak}`) || text.includes(`${leak}"`) || (leak.length > 3 && text.includes(leak)), `metrics must not hold ${leak}`).toBe(false);
    }
    // Searches: four person-facing searches (REST, tRPC, the batch's two), on the embedded engine.
    expect(sum(samples, "hindsight_search_duration_seconds_count", { engine: "postgres", outcome: "ok" })).toBe(4);
    // Imports of this instance only (the other target's app ran the same traffic in this process).
    expect(sum(samples, "hindsight_import_entries_total", { source: "markdown", outcome: "created" })).toBe(3);
    expect(sum(samples, "hindsight_import_entries_total", { source: "markdown" })).toBe(4);
    expect(sum(samples, "hindsight_import_batches_total", { source: "markdown" })).toBe(3);
    expect(sum(samples, "hindsight_import_failures_total", { source: "chat" })).toBe(1);
    // The embedded engine uses no outbox; the gauges exist and read 0. Process metrics are there.
    expect(samples.find((s) => s.name === "hindsight_search_outbox_pending")?.value).toBe(0);
    expect(samples.find((s) => s.name === "hindsight_search_outbox_oldest_age_seconds")?.value).toBe(0);
    expect(samples.some((s) => s.name === "process_cpu_seconds_total")).toBe(true);
  });
});

describe("metrics with an external engine (outbox gauges at scrape time, failed searches)", () => {
  const target = targets[0]!;
  const engine = new FakeEngine();
  const { h, run, note } = useHarness(target, { searchEngine: engine, startRelay: false });

  run(`reads the outbox depth and the oldest event's age when scraped${note}`, async () => {
    engine.up = false;
    const created = await rest(h.app, "POST", "/api/v1/entries", {
      entries: [1, 2, 3].map((i) => ({ kind: "fix", title: `Queued fix ${i}`, externalKey: `q-${i}` })),
    });
    expect(created.body.created).toBe(3);
    await h.db.database.exec("update search_outbox set created_at = now() - interval '90 seconds' where processed_at is null");
    expect((await rest(h.app, "GET", "/api/v1/search?q=queued")).status).toBe(500);
    const samples = await scrape(h);
    expect(samples.find((s) => s.name === "hindsight_search_outbox_pending")?.value).toBe(3);
    expect(samples.find((s) => s.name === "hindsight_search_outbox_oldest_age_seconds")?.value).toBeGreaterThanOrEqual(90);
    expect(sum(samples, "hindsight_search_duration_seconds_count", { engine: "fake", outcome: "error" })).toBe(1);
    // Delivered: the next scrape reads the new state.
    engine.up = true;
    await h.app.searchRelay!.drain();
    const after = await scrape(h);
    expect(after.find((s) => s.name === "hindsight_search_outbox_pending")?.value).toBe(0);
    expect(after.find((s) => s.name === "hindsight_search_outbox_oldest_age_seconds")?.value).toBe(0);
  });
});
