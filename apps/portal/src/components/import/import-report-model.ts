// Pure helpers for the import page: file bytes to base64 for the API, and import reports added up
// across several files so one summary covers a multi-file upload.
import type { inferOutput, TRPCOptionsProxy } from "@trpc/tanstack-react-query";
import type { AppRouter } from "@hindsight/api";

export type ImportReport = inferOutput<TRPCOptionsProxy<AppRouter>["imports"]["slack"]>;

/** Base64 of binary data, in chunks so a large zip does not overflow the argument list. */
export function bytesToBase64(bytes: Uint8Array): string {
  let binary = "";
  const CHUNK = 0x8000;
  for (let i = 0; i < bytes.length; i += CHUNK) binary += String.fromCharCode(...bytes.subarray(i, i + CHUNK));
  return btoa(binary);
}

export function emptyReport(): ImportReport {
  return { created: 0, updated: 0, unchanged: 0, entries: [], redactions: { total: 0, byKind: {}, locations: [] }, warnings: [], skipped: [] };
}

export function addReports(a: ImportReport, b: ImportReport): ImportReport {
  const byKind = { ...a.redactions.byKind };
  for (const [kind, n] of Object.entries(b.redactions.byKind)) byKind[kind] = (byKind[kind] ?? 0) + n;
  const skipped = a.skipped.map((s) => ({ ...s }));
  for (const s of b.skipped) {
    const same = skipped.find((x) => x.reason === s.reason);
    if (same) same.count += s.count;
    else skipped.push({ ...s });
  }
  return {
    created: a.created + b.created,
    updated: a.updated + b.updated,
    unchanged: a.unchanged + b.unchanged,
    entries: [...a.entries, ...b.entries],
    redactions: { total: a.redactions.total + b.redactions.total, byKind, locations: [...a.redactions.locations, ...b.redactions.locations] },
    warnings: [...a.warnings, ...b.warnings],
    skipped,
  };
}

/** "3 created, 1 updated, 0 unchanged" */
export function reportHeadline(report: ImportReport): string {
  return `${report.created} created, ${report.updated} updated, ${report.unchanged} unchanged`;
}

/** Redaction counts, largest first: [["github-token", 2], …]. */
export function redactionsByKind(report: ImportReport): [string, number][] {
  return Object.entries(report.redactions.byKind)
    .filter(([, n]) => n > 0)
    .sort((x, y) => y[1] - x[1] || x[0].localeCompare(y[0]));
}
