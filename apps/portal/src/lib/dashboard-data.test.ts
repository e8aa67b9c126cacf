import type { EntryKind } from "@hindsight/domain";
import { describe, expect, it } from "vitest";
import { actionItemBars, daysOverdue, formatPercent, monthLabel, pivotPerMonth, pointTotal, shortTitle } from "./dashboard-data";

const LABELS: Record<EntryKind, string> = { postmortem: "Postmortem", fix: "Fix", runbook: "Runbook", transcript: "Transcript", gameday: "Game day" };
const COLORS: Record<EntryKind, string> = { postmortem: "red", fix: "teal", runbook: "blue", transcript: "grape", gameday: "orange" };
const alpha = { id: "a", name: "Alpha" };
const beta = { id: "b", name: "Beta" };

describe("dashboard data", () => {
  const months = ["2025-01", "2025-02", "2025-03"];
  const rows = [
    { month: "2025-01", kind: "fix" as const, team: alpha, count: 2 },
    { month: "2025-03", kind: "postmortem" as const, team: beta, count: 1 },
    { month: "2025-03", kind: "fix" as const, team: null, count: 3 },
    { month: "2024-12", kind: "fix" as const, team: alpha, count: 9 },
  ];

  it("stacks by kind with every month present", () => {
    const { data, series } = pivotPerMonth(months, rows, "kind", LABELS, COLORS);
    expect(series.map((s) => [s.name, s.label, s.color])).toEqual([
      ["postmortem", "Postmortem", "red.6"],
      ["fix", "Fix", "teal.6"],
    ]);
    expect(data.map((p) => [p.label, p.postmortem, p.fix])).toEqual([
      ["Jan 2025", 0, 2],
      ["Feb 2025", 0, 0],
      ["Mar 2025", 1, 3],
    ]);
    expect(pointTotal(data[2]!, series)).toBe(4);
  });

  it("stacks by team, with entries of no team last", () => {
    const { data, series } = pivotPerMonth(months, rows, "team", LABELS, COLORS);
    expect(series.map((s) => s.label)).toEqual(["Alpha", "Beta", "No team"]);
    expect(series[2]!.color).toBe("gray.6");
    expect(data.map((p) => [p.a, p.b, p.none])).toEqual([
      [2, 0, 0],
      [0, 0, 0],
      [0, 1, 3],
    ]);
  });

  it("formats months, percentages, titles and overdue days", () => {
    expect(monthLabel("2024-12")).toBe("Dec 2024");
    expect(formatPercent(1 / 3)).toBe("33%");
    expect(shortTitle("short")).toBe("short");
    expect(shortTitle("a".repeat(40), 10)).toBe(`${"a".repeat(9)}…`);
    expect(daysOverdue("2025-01-01T00:00:00Z", new Date("2025-01-11T12:00:00Z"))).toBe(10);
    expect(daysOverdue("2025-02-01T00:00:00Z", new Date("2025-01-11T12:00:00Z"))).toBe(0);
  });

  it("splits each team's action items into closed, open and overdue", () => {
    expect(actionItemBars([{ team: alpha, total: 5, closed: 2, overdue: 1, closureRate: 0.4 }, { team: null, total: 1, closed: 0, overdue: 1, closureRate: 0 }])).toEqual([
      { team: "Alpha", Closed: 2, Open: 2, Overdue: 1, closureRate: "40%" },
      { team: "No team", Closed: 0, Open: 0, Overdue: 1, closureRate: "0%" },
    ]);
  });
});
