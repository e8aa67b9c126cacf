// Incident timing derived from a postmortem's incident window: time to detect, mitigate and recover.
import type { PostmortemFields } from "./kinds.js";

export interface IncidentMetrics {
  /** Minutes from start to detection. */
  timeToDetectMinutes: number | null;
  /** Minutes from start to mitigation (impact stopped). */
  timeToMitigateMinutes: number | null;
  /** Minutes from start to resolution. */
  timeToRecoverMinutes: number | null;
}

function minutesBetween(from: string | undefined, to: string | undefined): number | null {
  if (!from || !to) return null;
  const ms = Date.parse(to) - Date.parse(from);
  // A window that runs backwards is a typo in the write-up, not a negative duration.
  return Number.isFinite(ms) && ms >= 0 ? Math.round(ms / 60_000) : null;
}

export function incidentMetrics(incident: PostmortemFields["incident"]): IncidentMetrics {
  return {
    timeToDetectMinutes: minutesBetween(incident?.startedAt, incident?.detectedAt),
    timeToMitigateMinutes: minutesBetween(incident?.startedAt, incident?.mitigatedAt),
    timeToRecoverMinutes: minutesBetween(incident?.startedAt, incident?.resolvedAt),
  };
}
