// The portal's two performance figures, measured in the browser and printed (never asserted: timing
// on a shared 2-core machine is not a test):
// - first download: each page that scripts/bundle-size.mjs measures (sign-in, home, an entry) is
//   visited cold, and the files it fetched must be exactly the files the script counts; that check is
//   asserted, since a lazy chunk the script does not know about would make its figure a lie. The bytes
//   the server actually sent are printed beside it.
// - keystroke to results: the search box is typed into as a person would; the time from the last
//   keystroke's `input` event to the search page's "hindsight:search-results" mark for that query
//   (the results rendered, search-page.tsx) is printed as p50 / max, with what it was made of.
import { beforeAll, describe, expect, it } from "vitest";
import type { Page } from "playwright-core";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { contentLazyFiles, measurePages, type Manifest } from "../../../scripts/bundle-size.mjs";
import { createPerson, type Person } from "./support/api.js";
import { settle, useSession } from "./support/pages.js";
import { PORTAL_DIST } from "./support/paths.js";
import { useE2E } from "./support/suite.js";

/** What the page fetched from its own origin's assets and classic scripts, and the bytes sent for them. */
async function fetchedAssets(page: Page, origin: string): Promise<{ file: string; transfer: number }[]> {
  const entries = await page.evaluate(() =>
    performance.getEntriesByType("resource").map((e) => {
      const r = e as PerformanceResourceTiming;
      return { name: r.name, transfer: r.encodedBodySize };
    }),
  );
  return entries
    .filter((e) => e.name.startsWith(origin))
    .map((e) => ({ file: new URL(e.name).pathname.slice(1), transfer: e.transfer }))
    .filter((e) => e.file.startsWith("assets/") || /^[\w-]+\.js$/.test(e.file));
}

const kb = (n: number) => `${(n / 1000).toFixed(1)} kB`;

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}

/**
 * Search words of the demo workspace, each typed once, so no answer comes from the browser's cache.
 * The first half is typed fast (60 ms a key), the second at an ordinary pace (150 ms a key).
 */
const QUERIES = [
  "checkout timeouts",
  "refund webhooks",
  "reindex oom",
  "pgbouncer",
  "read replica",
  "card processor",
  "patroni failover",
  "readiness probe",
  "ledger unique violation",
  "edge-proxy zone",
  "connection slots",
  "duplicate emails",
  "heap size",
  "secondary processor",
  "war room",
  "game day staging",
];
const KEY_DELAYS_MS = [60, 150];

describe("portal performance: first download and keystroke to results", () => {
  const e2e = useE2E();
  let reader: Person;

  beforeAll(async () => {
    if (!e2e.baseUrl) return;
    reader = await createPerson(e2e.baseUrl, "perf-reader", "Perf Reader");
  });

  it("fetches exactly what bundle-size counts on each measured page's first visit", async () => {
    const measured = measurePages(PORTAL_DIST);
    // Highlighting loads after a body with code has rendered; allowed beside the counted files, and named.
    const manifest = JSON.parse(readFileSync(join(PORTAL_DIST, ".vite/manifest.json"), "utf8")) as Manifest;
    const onDemand = new Set([...contentLazyFiles(manifest).values()].flat());
    const slug = (await e2e.api.entries.list.query({ kind: "postmortem", status: "published", limit: 1 })).items[0]?.slug;
    expect(slug, "the demo workspace has a published postmortem").toBeDefined();
    const lines: string[] = [];
    for (const pageMeasure of measured.pages) {
      // A fresh context per page: a cold visit, nothing cached from the one before.
      const page = await e2e.newPage();
      if (pageMeasure.name !== "sign-in") await useSession(page.context(), e2e.baseUrl, reader);
      await page.goto(pageMeasure.path.replace(":slug", slug!));
      await page.getByRole("heading", { level: 1 }).first().waitFor();
      await settle(page);
      const fetched = await fetchedAssets(page, e2e.baseUrl);
      const counted = pageMeasure.files.map((f) => f.file).filter((f) => f !== "index.html");
      const extra = fetched.filter((f) => !counted.includes(f.file) && onDemand.has(f.file));
      const judged = fetched.filter((f) => !extra.includes(f)).map((f) => f.file);
      expect(judged.sort(), `the files ${pageMeasure.name} (${pageMeasure.path}) fetched`).toEqual([...counted].sort());
      const sent = fetched.filter((f) => !extra.includes(f)).reduce((n, f) => n + f.transfer, 0);
      lines.push(
        `  ${pageMeasure.name.padEnd(8)} ${String(judged.length).padStart(3)} files  counted ${kb(pageMeasure.totalGzip)} gzip -9 (JS ${kb(pageMeasure.jsGzip)}, CSS ${kb(pageMeasure.cssGzip)})  sent by the server ${kb(sent)}` +
          (extra.length ? `; then, for its code blocks: ${extra.map((f) => f.file).join(", ")}` : ""),
      );
      await page.context().close();
    }
    console.log(`[perf] first download per page (scripts/bundle-size.mjs, checked against what the browser fetched):\n${lines.join("\n")}`);
  });

  it("prints the time from the last keystroke to the search results on screen", async () => {
    const { page, context, baseUrl } = e2e;
    await useSession(context, baseUrl, reader);
    await page.goto("/");
    const box = page.getByRole("searchbox", { name: "Search Hindsight" });
    await box.waitFor();
    await settle(page);
    // Every `input` event of the box is marked as it is dispatched (capture phase, before React sees it).
    await page.evaluate(() => {
      document.addEventListener(
        "input",
        (event) => {
          const target = event.target as HTMLInputElement | null;
          if (target?.type === "search") performance.mark("e2e:keystroke", { detail: { q: target.value } });
        },
        true,
      );
    });

    const samples: { q: string; delay: number; total: number; untilRequest: number; request: number; render: number }[] = [];
    for (const [i, q] of QUERIES.entries()) {
      const delay = KEY_DELAYS_MS[Math.floor((i * KEY_DELAYS_MS.length) / QUERIES.length)]!;
      await box.click();
      await page.keyboard.press("ControlOrMeta+A");
      await page.keyboard.press("Backspace");
      await page.keyboard.type(q, { delay });
      const figure = await page.waitForFunction(
        (query) => {
          const marks = performance.getEntriesByType("mark") as PerformanceMark[];
          const keystroke = marks.filter((m) => m.name === "e2e:keystroke" && (m.detail as { q: string }).q === query).at(-1);
          const shown = marks.find(
            (m) => m.name === "hindsight:search-results" && (m.detail as { q: string }).q === query && keystroke && m.startTime >= keystroke.startTime,
          );
          if (!keystroke || !shown) return null;
          // The search request that answered: the last one for this query sent after the keystroke.
          const encoded = encodeURIComponent(JSON.stringify(query)).slice(3, -3);
          const request = (performance.getEntriesByType("resource") as PerformanceResourceTiming[])
            .filter((r) => r.name.includes("search.query") && r.startTime >= keystroke.startTime && r.name.includes(encoded))
            .at(-1);
          return {
            total: shown.startTime - keystroke.startTime,
            untilRequest: request ? request.startTime - keystroke.startTime : Number.NaN,
            request: request ? request.responseEnd - request.startTime : Number.NaN,
            render: request ? shown.startTime - request.responseEnd : Number.NaN,
          };
        },
        q,
        { timeout: 15_000 },
      );
      samples.push({ q, delay, ...(await figure.jsonValue())! });
      // As a person reads the results, the URL catches up; the next search starts after that.
      await page.waitForURL((url) => url.searchParams.get("q") === q);
    }

    const ms = (n: number) => `${n.toFixed(1)} ms`;
    const summary = (group: typeof samples, label: string) => {
      const sorted = (key: "total" | "untilRequest" | "request" | "render") =>
        group.map((s) => s[key]).filter((n) => !Number.isNaN(n)).sort((a, b) => a - b);
      const totals = sorted("total");
      return `  ${label}: p50 ${ms(percentile(totals, 50))}, max ${ms(totals.at(-1)!)} over ${group.length}; medians: keystroke to request ${ms(percentile(sorted("untilRequest"), 50))}, request ${ms(percentile(sorted("request"), 50))}, response to results ${ms(percentile(sorted("render"), 50))}`;
    };
    console.log(
      [
        `[perf] keystroke to search results on screen (last keystroke's input event to the results mark; printed, not asserted):`,
        ...samples.map(
          (s) => `  ${`${s.q} (${s.delay} ms/key)`.padEnd(38)} ${ms(s.total).padStart(9)}  (to request ${ms(s.untilRequest)}, request ${ms(s.request)}, render ${ms(s.render)})`,
        ),
        ...KEY_DELAYS_MS.map((d) => summary(samples.filter((s) => s.delay === d), `typed at ${d} ms a key`)),
        summary(samples, "all"),
      ].join("\n"),
    );
    expect(samples).toHaveLength(QUERIES.length);
  });
});
