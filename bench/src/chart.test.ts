import { describe, expect, it } from "vitest";
import { chartRows, curveChartSpec, renderChartSvg } from "./chart.js";
import type { CurvePoint } from "./curve.js";

const point = (db: CurvePoint["db"], size: number, http: number, engine: number | null): CurvePoint => ({
  db,
  onDisk: true,
  size,
  http: { p50: http, p95: http * 2 },
  engine: engine === null ? null : { p50: engine, p95: engine * 2 },
  concurrency: 8,
  httpThroughput: 10,
  engineThroughput: 12,
  serverRss: 1,
});

const points = [point("postgres", 10_000, 10, 8), point("postgres", 100_000, 20, 15), point("postgres", 1_000_000, 30, 25), point("pglite", 10_000, 15, null)];

describe("curve chart", () => {
  it("has one row per size, path and percentile, leaving out what was not measured", () => {
    const rows = chartRows(points);
    expect(rows).toHaveLength(3 * 4 + 2);
    expect(rows.filter((r) => r.series === "Postgres, HTTP, 1 client")).toEqual([
      { entries: 10_000, ms: 10, percentile: "p50", series: "Postgres, HTTP, 1 client" },
      { entries: 10_000, ms: 20, percentile: "p95", series: "Postgres, HTTP, 1 client" },
      { entries: 100_000, ms: 20, percentile: "p50", series: "Postgres, HTTP, 1 client" },
      { entries: 100_000, ms: 40, percentile: "p95", series: "Postgres, HTTP, 1 client" },
      { entries: 1_000_000, ms: 30, percentile: "p50", series: "Postgres, HTTP, 1 client" },
      { entries: 1_000_000, ms: 60, percentile: "p95", series: "Postgres, HTTP, 1 client" },
    ]);
    expect(rows.some((r) => r.series === "PGlite, engine alone")).toBe(false);
    expect(chartRows([{ ...points[0]!, http: { p50: NaN, p95: 3 } }]).filter((r) => r.series.includes("HTTP"))).toEqual([
      { entries: 10_000, ms: 3, percentile: "p95", series: "Postgres, HTTP, 1 client" },
    ]);
  });

  it("plots latency against entries on a log axis ticked at the measured sizes, p95 dashed", () => {
    const spec = curveChartSpec(points) as unknown as {
      data: { values: unknown[] };
      encoding: Record<string, { field: string; scale?: { type?: string; domain?: unknown; range?: unknown }; axis?: { values?: number[] } }>;
    };
    expect(spec.data.values).toHaveLength(14);
    expect(spec.encoding.x).toMatchObject({ field: "entries", scale: { type: "log", domain: [10_000, 1_000_000] }, axis: { values: [10_000, 100_000, 1_000_000] } });
    expect(spec.encoding.y!.field).toBe("ms");
    expect(spec.encoding.color!.field).toBe("series");
    expect(spec.encoding.strokeDash).toMatchObject({ field: "percentile", scale: { domain: ["p50", "p95"], range: [[1, 0], [6, 4]] } });
    // one size: the log domain still spans something
    const one = curveChartSpec([points[0]!]) as unknown as { encoding: { x: { scale: { domain: number[] } } } };
    expect(one.encoding.x.scale.domain).toEqual([5_000, 20_000]);
  });

  it("refuses to chart nothing", () => {
    expect(() => curveChartSpec([])).toThrow(/nothing to chart/);
  });

  it("renders an SVG document in Node, with the axis labels and every series", async () => {
    const svg = await renderChartSvg(curveChartSpec(points));
    expect(svg.startsWith("<svg")).toBe(true);
    expect(svg.trimEnd().endsWith("</svg>")).toBe(true);
    for (const text of ["10,000", "100,000", "1,000,000", "latency (ms)", "Postgres, HTTP, 1 client", "Postgres, engine alone", "PGlite, HTTP, 1 client"]) {
      expect(svg).toContain(`>${text}</text>`);
    }
    expect(svg).toContain('stroke-dasharray="6,4"');
  }, 30_000);
});
