// Turns the insights API's rows into what the charts and their text tables draw: month labels,
// per-month series stacked by kind or by team, and percentages. Pure, so the figures are tested.
import { ENTRY_KINDS, type EntryKind } from "@hindsight/domain";

export interface PerMonthRow {
  month: string;
  kind: EntryKind;
  team: { id: string; name: string } | null;
  count: number;
}

export interface ChartSeries {
  name: string;
  label: string;
  color: string;
}

export type MonthPoint = { month: string; label: string } & Record<string, number | string>;

const MONTH_NAMES = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

/** "2025-02" -> "Feb 2025". */
export function monthLabel(month: string): string {
  const [y, m] = month.split("-");
  const name = MONTH_NAMES[Number(m) - 1];
  return name && y ? `${name} ${y}` : month;
}

export const NO_TEAM = "No team";

/** Team colours cycle through a palette that reads in light and dark schemes. */
const TEAM_PALETTE = ["indigo.6", "teal.6", "orange.6", "grape.6", "cyan.6", "pink.6", "lime.7", "yellow.7", "blue.6", "red.6"];

const KIND_ORDER: readonly EntryKind[] = ENTRY_KINDS;

/**
 * One point per month (every month of the window, so gaps show as zero) with a count per series.
 * Series keys are kinds, or team ids (null team as "none").
 */
export function pivotPerMonth(
  months: readonly string[],
  rows: readonly PerMonthRow[],
  by: "kind" | "team",
  kindLabels: Record<EntryKind, string>,
  kindColors: Record<EntryKind, string>,
): { data: MonthPoint[]; series: ChartSeries[] } {
  const seriesMap = new Map<string, ChartSeries>();
  for (const r of rows) {
    if (by === "kind") {
      seriesMap.set(r.kind, { name: r.kind, label: kindLabels[r.kind], color: `${kindColors[r.kind]}.6` });
    } else {
      const name = r.team?.id ?? "none";
      if (!seriesMap.has(name)) seriesMap.set(name, { name, label: r.team?.name ?? NO_TEAM, color: "" });
    }
  }
  let series = [...seriesMap.values()];
  if (by === "kind") {
    series.sort((a, b) => KIND_ORDER.indexOf(a.name as EntryKind) - KIND_ORDER.indexOf(b.name as EntryKind));
  } else {
    series.sort((a, b) => (a.name === "none" ? 1 : b.name === "none" ? -1 : a.label.localeCompare(b.label)));
    series = series.map((s, i) => ({ ...s, color: s.name === "none" ? "gray.6" : TEAM_PALETTE[i % TEAM_PALETTE.length]! }));
  }
  const data = months.map((month) => {
    const point: MonthPoint = { month, label: monthLabel(month) };
    for (const s of series) point[s.name] = 0;
    return point;
  });
  const index = new Map(months.map((m, i) => [m, i]));
  for (const r of rows) {
    const i = index.get(r.month);
    if (i === undefined) continue;
    const key = by === "kind" ? r.kind : (r.team?.id ?? "none");
    const point = data[i]!;
    point[key] = Number(point[key] ?? 0) + r.count;
  }
  return { data, series };
}

/** The sum of one point's series. */
export function pointTotal(point: MonthPoint, series: readonly ChartSeries[]): number {
  return series.reduce((n, s) => n + Number(point[s.name] ?? 0), 0);
}

/** A 0–1 rate as a whole percent: 0.3333 -> "33%". */
export function formatPercent(rate: number): string {
  return `${Math.round(rate * 100)}%`;
}

export interface TeamItems {
  team: { id: string; name: string } | null;
  total: number;
  closed: number;
  overdue: number;
  closureRate: number;
}

/** Bars per team: closed, open (not yet due) and overdue stack up to the team's total. */
export function actionItemBars(teams: readonly TeamItems[]) {
  return teams.map((t) => ({
    team: t.team?.name ?? NO_TEAM,
    Closed: t.closed,
    Open: Math.max(0, t.total - t.closed - t.overdue),
    Overdue: t.overdue,
    closureRate: formatPercent(t.closureRate),
  }));
}

/** Shortens a title for a chart axis; the full title is in the table next to it. */
export function shortTitle(title: string, max = 32): string {
  return title.length <= max ? title : `${title.slice(0, max - 1).trimEnd()}…`;
}

/** Whole days from `due` until `now` (positive when past due). */
export function daysOverdue(due: string | Date, now: Date = new Date()): number {
  const d = due instanceof Date ? due : new Date(due);
  return Math.max(0, Math.floor((now.getTime() - d.getTime()) / (24 * 3600 * 1000)));
}
