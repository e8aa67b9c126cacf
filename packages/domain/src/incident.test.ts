import { describe, expect, it } from "vitest";
import { incidentMetrics } from "./incident.js";

describe("incidentMetrics", () => {
  it.each([
    [
      { startedAt: "2026-09-14T09:00:00Z", detectedAt: "2026-09-14T09:12:00Z", mitigatedAt: "2026-09-14T09:40:00Z", resolvedAt: "2026-09-14T11:00:00+01:00" },
      { timeToDetectMinutes: 12, timeToMitigateMinutes: 40, timeToRecoverMinutes: 60 },
    ],
    [{ startedAt: "2026-09-14T09:00:00Z" }, { timeToDetectMinutes: null, timeToMitigateMinutes: null, timeToRecoverMinutes: null }],
    [
      { startedAt: "2026-09-14T09:00:00Z", detectedAt: "2026-09-14T08:00:00Z" },
      { timeToDetectMinutes: null, timeToMitigateMinutes: null, timeToRecoverMinutes: null },
    ],
    [undefined, { timeToDetectMinutes: null, timeToMitigateMinutes: null, timeToRecoverMinutes: null }],
  ])("%j", (incident, expected) => expect(incidentMetrics(incident)).toEqual(expected));
});
