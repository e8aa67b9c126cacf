// The curve of `pnpm bench:search --chart file.svg`: search latency (p50 and p95) against the number
// of entries, log x axis, one line per database and path. The spec is Vega-Lite (pure data, tested);
// Vega renders it to SVG in Node with its headless "none" renderer, no browser or canvas needed.
import type { TopLevelSpec } from "vega-lite";
import type { CurvePoint } from "./curve.js";

export interface ChartRow {
  entries: number;
  ms: number;
  percentile: "p50" | "p95";
  series: string;
}

const DB_LABEL: Record<CurvePoint["db"], string> = { postgres: "Postgres", pglite: "PGlite" };

/** One row per point, percentile and path; unmeasured figures (NaN, missing) are left out. */
export function chartRows(points: readonly CurvePoint[]): ChartRow[] {
  const rows: ChartRow[] = [];
  for (const p of points) {
    const db = DB_LABEL[p.db];
    for (const [path, s] of [
      ["HTTP, 1 client", p.http],
      ["engine alone", p.engine],
    ] as const) {
      if (!s) continue;
      for (const percentile of ["p50", "p95"] as const) {
        if (Number.isFinite(s[percentile])) rows.push({ entries: p.size, ms: s[percentile], percentile, series: `${db}, ${path}` });
      }
    }
  }
  return rows;
}

export function curveChartSpec(points: readonly CurvePoint[], title = "Hindsight search latency by corpus size"): TopLevelSpec {
  const rows = chartRows(points);
  if (!rows.length) throw new Error("nothing to chart: no step was measured");
  const sizes = [...new Set(rows.map((r) => r.entries))].sort((a, b) => a - b);
  return {
    $schema: "https://vega.github.io/schema/vega-lite/v6.json",
    title: { text: title, subtitle: "p50 solid, p95 dashed; entries on a log scale" },
    width: 560,
    height: 320,
    background: "white",
    data: { values: rows },
    mark: { type: "line", point: true },
    encoding: {
      x: {
        field: "entries",
        type: "quantitative",
        title: "entries",
        // Ticks at the measured sizes only, so the axis reads 10,000 / 100,000 / 1,000,000.
        scale: { type: "log", domain: sizes.length > 1 ? [sizes[0]!, sizes[sizes.length - 1]!] : [sizes[0]! / 2, sizes[0]! * 2] },
        axis: { values: sizes, format: ",d", labelOverlap: true },
      },
      y: { field: "ms", type: "quantitative", title: "latency (ms)", scale: { zero: true } },
      color: { field: "series", type: "nominal", title: null, legend: { orient: "right", labelLimit: 300 } },
      strokeDash: {
        field: "percentile",
        type: "nominal",
        title: null,
        scale: { domain: ["p50", "p95"], range: [[1, 0], [6, 4]] },
        // Vega draws no stroke on a dash legend for a line-with-points mark; the subtitle says it instead.
        legend: null,
      },
      detail: { field: "percentile", type: "nominal" },
      tooltip: [
        { field: "series", type: "nominal" },
        { field: "percentile", type: "nominal" },
        { field: "entries", type: "quantitative", format: ",d" },
        { field: "ms", type: "quantitative", format: ".1f" },
      ],
    },
  };
}

/** Compiles the Vega-Lite spec and renders it to an SVG document. */
export async function renderChartSvg(spec: TopLevelSpec): Promise<string> {
  const [vega, vegaLite] = await Promise.all([import("vega"), import("vega-lite")]);
  const view = new vega.View(vega.parse(vegaLite.compile(spec).spec), { renderer: "none" });
  try {
    return await view.toSVG();
  } finally {
    view.finalize();
  }
}
