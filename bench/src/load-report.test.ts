import { describe, expect, it } from "vitest";
import { capacity, checkGoal, closedLoopMeanMs, cpuMsPerRequest, formatFigures, formatSearchClasses, formatWrites, LoadRecorder } from "./load-report.js";

/** 100 searches of 1..100 ms, 10 reads of 5 ms with one 404, 2 writes (one 409), one read timeout. */
function sample(): LoadRecorder {
  const r = new LoadRecorder();
  for (let i = 1; i <= 100; i++) r.response({ cls: "search", detail: i % 2 ? "words" : "typo" }, 200, i);
  for (let i = 0; i < 10; i++) r.response({ cls: "read", detail: "by-id" }, i === 3 ? 404 : 200, 5);
  r.response({ cls: "write", detail: "update" }, 200, 300);
  r.writeOutcome("updated");
  r.response({ cls: "write", detail: "create" }, 409, 40);
  r.timeout("read");
  return r;
}

describe("load figures", () => {
  it("summarises per class and overall with nearest-rank percentiles", () => {
    const f = sample().summary(2);
    expect(f.responses).toBe(112);
    expect(f.throughput).toBe(56);
    expect(f.byClass.search.latency).toMatchObject({ n: 100, p50: 50, p95: 95, p99: 99, max: 100 });
    expect(f.byClass.search.throughput).toBe(50);
    expect(f.byClass.read).toMatchObject({ responses: 10, ok: 9, non2xx: 1, statuses: { 404: 1 }, timeouts: 1, connErrors: 0 });
    // all 112 latencies: the 111th smallest is the 300 ms write's neighbour below it (100 ms)
    expect(f.latency).toMatchObject({ n: 112, p99: 100, max: 300 });
    expect(f.non2xx).toBe(2);
    expect(f.errors).toBe(1);
    expect(f.share.search).toBeCloseTo(100 / 112, 10);
    expect(f.writes).toEqual({ acknowledged: 1, created: 0, updated: 1, unchanged: 0 });
    expect(f.bySearchClass.words).toMatchObject({ n: 50, max: 99 });
    expect(f.bySearchClass.typo).toMatchObject({ n: 50, max: 100 });
    expect(f.firstFailures).toEqual(["read answered 404", "write answered 409", "read timed out"]);
  });

  it("keeps only the first few distinct failures", () => {
    const r = new LoadRecorder();
    for (let i = 0; i < 50; i++) r.response({ cls: "read", detail: "by-id" }, 500 + (i % 8), 1);
    expect(r.summary(1).firstFailures).toHaveLength(5);
  });

  it("has no throughput or percentiles without answers", () => {
    const f = new LoadRecorder().summary(0);
    expect(f.responses).toBe(0);
    expect(f.throughput).toBeNaN();
    expect(f.latency.p99).toBeNaN();
  });
});

describe("the goal: 0 errors, p99 < 250 ms", () => {
  it("is met only when nothing failed and p99 is under 250 ms", () => {
    const clean = new LoadRecorder();
    for (let i = 1; i <= 100; i++) clean.response({ cls: "search", detail: "words" }, 200, i * 2);
    expect(checkGoal(clean.summary(1))).toEqual({ met: true, reasons: [] });

    const verdict = checkGoal(sample().summary(1));
    expect(verdict.met).toBe(false);
    expect(verdict.reasons).toEqual(["3 failed requests (1 errors, 2 non-2xx), goal 0"]);

    const slow = new LoadRecorder();
    for (let i = 1; i <= 100; i++) slow.response({ cls: "search", detail: "words" }, 200, i * 3);
    expect(checkGoal(slow.summary(1)).reasons).toEqual(["p99 297 ms, goal < 250 ms"]);
    expect(checkGoal(new LoadRecorder().summary(1)).met).toBe(false);
  });
});

describe("the printed report", () => {
  it("prints one row per class and a total, statuses of failures spelled out", () => {
    const lines = formatFigures(sample().summary(2)).split("\n");
    expect(lines[0]).toBe("class   responses   share  req/s  p50 ms  p95 ms  p99 ms  max ms          non-2xx  errors");
    expect(lines[2]).toBe("search        100   89.3%     50    50.0    95.0    99.0     100                0       0");
    expect(lines[3]).toBe("read           10    8.9%    5.0    5.00    5.00    5.00    5.00        1 (404×1)       1");
    expect(lines[4]).toBe("write           2    1.8%    1.0    40.0     300     300     300        1 (409×1)       0");
    // overall p50 is the 56th of 112 sorted latencies: 1-4, eleven 5s, 6-39, two 40s, then 41-45
    expect(lines[5]).toBe("all           112  100.0%     56    45.0    96.0     100     300  2 (404×1 409×1)       1");
  });

  it("prints search classes and writes acknowledged", () => {
    const f = sample().summary(2);
    expect(formatSearchClasses(f).split("\n").slice(2)).toEqual(["words         50    49.0    95.0    99.0", "typo          50    50.0    96.0     100"]);
    expect(formatWrites(f)).toBe("writes: 1 acknowledged (2xx) of 2 sent: 0 created, 1 updated, 0 unchanged");
  });

  it("derives the closed loop's mean latency from Little's law", () => {
    expect(closedLoopMeanMs(50, 200)).toBe(250);
    expect(closedLoopMeanMs(50, 0)).toBeNaN();
  });
});

describe("capacity from CPU cost per request", () => {
  it("turns cores used and throughput into CPU ms per request, and those into upper bounds", () => {
    expect(cpuMsPerRequest(0.5, 100)).toBe(5);
    expect(cpuMsPerRequest(0.5, 0)).toBeNaN();
    // 8 ms server + 10 ms Postgres + 2 ms generator = 20 ms per request: 2 cores answer 100/s at most,
    // the server's one thread 125/s.
    expect(capacity({ server: 8, database: 10, generator: 2 }, 2)).toEqual({ machine: 100, serverThread: 125 });
    // PGlite: the database is inside the server's thread.
    expect(capacity({ server: 16, database: null, generator: 4 }, 2)).toEqual({ machine: 100, serverThread: 62.5 });
  });
});
